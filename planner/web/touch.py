"""What the terminal page adds to textual-serve's page, so it works on a phone and by touch.

- A viewport tag and a title, so a phone lays the page out at its own width with readable text,
  and a screen reader or a tab names the page.
- The terminal takes the keys as soon as it is connected, and again after a click or a tap
  anywhere outside the buttons: Enter always works.
- A link to the simple pages first of all, for a phone or a screen reader.
- A bar of buttons, large enough to tap, for every action that has a key: saving, the code to
  carry on, language, colours, asking, key dates, help and the rest. A browser never passes some
  keys to a page (Ctrl+T, Ctrl+N) and a phone has no F-keys; each button sends its key's own
  characters through the page's websocket, so it goes through exactly the same checks as typing.

The buttons come from the app's one table of keys (:mod:`planner.tui.keys`), so a new key gets
its button. No JavaScript is needed to read the page, but the terminal itself needs it.
"""

from __future__ import annotations

import html
import json
import re

from planner.i18n import Texts

SEQUENCES = {
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
    "f5": "\x1b[15~",
    "f6": "\x1b[17~",
    "f7": "\x1b[18~",
    "f8": "\x1b[19~",
    "f9": "\x1b[20~",
    "f10": "\x1b[21~",
    "escape": "\x1b",
}
"""What a terminal sends for each key (as xterm.js does); Ctrl+<letter> is the letter's control
code."""

HEAD = """
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{title}</title>
    <script>
      // The terminal takes the keys: on connecting, and after a tap anywhere but a button.
      window.plannerFocus = function () {{
        const input = document.querySelector(".xterm-helper-textarea");
        if (input) {{ input.focus({{preventScroll: true}}); }}
      }};
      // Keep hold of the terminal's websocket, so the buttons can send keys through it.
      (function () {{
        const Native = window.WebSocket;
        function Kept(url, protocols) {{
          const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
          window.plannerSocket = socket;
          socket.addEventListener("open", function () {{ setTimeout(window.plannerFocus, 0); }});
          return socket;
        }}
        Kept.prototype = Native.prototype;
        Object.assign(Kept, {{CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3}});
        window.WebSocket = Kept;
      }})();
    </script>
    <style>
      html, body {{ height: 100%; margin: 0; }}
      body {{ display: flex; flex-direction: column; }}
      #terminal {{ flex: 1 1 auto; min-height: 0; position: relative; }}
      #simple {{
        flex: 0 0 auto; margin: 0; padding: 4px 8px; background: #12232d;
        font: 16px system-ui, sans-serif;
      }}
      #simple a {{ color: #ffffff; display: inline-block; min-height: 24px; padding: 2px 0; }}
      #simple a:focus-visible {{ outline: 3px solid #ffdd00; outline-offset: 2px; }}
      #keys {{
        flex: 0 0 auto; display: flex; flex-wrap: wrap; gap: 6px; padding: 6px;
        background: #12232d; font-family: system-ui, sans-serif;
      }}
      #keys button {{
        min-height: 44px; min-width: 44px; padding: 6px 12px; margin: 0; display: inline-block;
        font: inherit; font-size: 16px; color: #ffffff; background: #1f4b63;
        border: 2px solid #8fc3dd; border-radius: 6px; cursor: pointer;
      }}
      #keys button:focus-visible {{ outline: 3px solid #ffdd00; outline-offset: 2px; }}
      #keys kbd {{ font-family: inherit; opacity: 0.8; margin-left: 6px; }}
      /* A phone: one row of buttons that scrolls sideways, so the terminal keeps the screen. */
      @media (max-width: 700px) {{
        #keys {{ flex-wrap: nowrap; overflow-x: auto; }}
        #keys button {{ flex: 0 0 auto; }}
      }}
    </style>
"""

SIMPLE = """
    <p id="simple"><a href="/p">{words}</a></p>
"""
"""The first thing on the page: the simple pages, for a phone or a screen reader (the terminal
is drawn on a canvas a screen reader cannot read)."""

BODY = """
    <nav id="keys" aria-label="{label}">{buttons}</nav>
    <script>
      (function () {{
        document.addEventListener("pointerup", function (event) {{
          if (!event.target.closest("button, a, input, select, textarea")) {{
            window.plannerFocus();
          }}
        }});
        document.getElementById("keys").addEventListener("click", function (event) {{
          const button = event.target.closest("button[data-send]");
          const socket = window.plannerSocket;
          if (!button || !socket || socket.readyState !== 1) {{ return; }}
          socket.send(JSON.stringify(["stdin", JSON.parse(button.dataset.send)]));
          window.plannerFocus();
        }});
      }})();
    </script>
"""


def sequence(key: str) -> str:
    """The characters a terminal sends for ``key`` (``f8``, ``escape``, ``ctrl+s``)."""
    if key.startswith("ctrl+") and len(key) == len("ctrl+x"):
        return chr(ord(key[-1]) - ord("a") + 1)
    return SEQUENCES[key]


def buttons(texts: Texts, *, workshop: bool) -> str:
    """One button for each action that has a key, named as in the app's key bar."""
    from planner.tui.keys import KEYS, key_label

    made = []
    seen: set[str] = set()
    for key in KEYS:
        if key.action in seen or (key.workshop and not workshop) or key.key not in _SENDABLE:
            continue
        seen.add(key.action)
        label = key_label(key.key)
        made.append(
            f'<button type="button" data-send="{html.escape(json.dumps(sequence(key.key)))}" '
            f'aria-keyshortcuts="{html.escape(label.replace("Ctrl", "Control"))}">'
            f"{html.escape(texts.get(f'keyname.{key.name}'))}<kbd>{html.escape(label)}</kbd>"
            "</button>"
        )
    return "".join(made)


_SENDABLE = frozenset(
    [*SEQUENCES, *(f"ctrl+{c}" for c in "abcdefghijklmnopqrstuvwxyz")],
)


def touch_page(page: str, texts: Texts, *, title: str, workshop: bool) -> str:
    """textual-serve's page with the viewport, title, focus and button bar added."""
    head = HEAD.format(title=html.escape(title))
    body = BODY.format(
        label=html.escape(texts.get("web.keys_label")), buttons=buttons(texts, workshop=workshop)
    )
    page = page.replace("<head>", "<head>" + head, 1)
    simple = SIMPLE.format(words=html.escape(texts.get("web.simple_link")))
    page = re.sub(r"<body[^>]*>", lambda found: found.group(0) + simple, page, count=1)
    return page.replace("</body>", body + "  </body>", 1)
