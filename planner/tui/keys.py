"""Every key of the terminal app, in one table: it makes the bindings of the App and of the
conversation screen, the clickable key bar, and the help list (F1).

``on`` names the object whose action a key runs: ``app`` keys work on every screen, ``plan``
keys belong to the conversation screen. While a dialog is open only priority keys reach past
it: Ctrl+S (save), Ctrl+Q (save and stop), Ctrl+O (open plans) and, in a workshop, Ctrl+N.
Every other key belongs to the dialog, and Esc closes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len
from textual.binding import Binding, BindingType

from planner.i18n import Texts


@dataclass(frozen=True)
class Key:
    """One key: what it runs, on which object, and how it is named (``keyname.<name>`` in the
    key bar, ``key.<name>`` in the help)."""

    key: str
    action: str
    name: str
    on: Literal["app", "plan"]
    priority: bool = False
    workshop: bool = False
    """Only in ``planner workshop`` (a facilitator's key)."""
    shown: bool = True
    """In the key bar (``?`` is a second key for help, listed in the help only)."""


KEYS: tuple[Key, ...] = (
    Key("f1", "help", "help", "app"),
    Key("question_mark", "help", "help", "app", shown=False),
    Key("escape", "go_back", "back", "plan"),
    Key("f2", "glossary", "glossary", "plan"),
    Key("f3", "check", "check", "plan"),
    Key("f4", "ask", "ask", "plan"),
    Key("f5", "toggle_plan", "plan", "plan"),
    Key("f6", "next_theme", "theme", "app"),
    Key("f7", "more", "more", "plan"),
    Key("f8", "export", "export", "plan"),
    Key("f9", "ready", "ready", "plan"),
    Key("f10", "facilitator", "facilitator", "plan", workshop=True),
    Key("ctrl+r", "review", "review", "plan", priority=True),
    Key("ctrl+t", "timeline", "dates", "plan", priority=True),
    Key("ctrl+n", "reset", "reset", "app", priority=True, workshop=True),
    Key("ctrl+l", "language", "language", "plan", priority=True),
    Key("ctrl+o", "open_plans", "open", "app", priority=True),
    Key("ctrl+s", "save", "save", "app", priority=True),
    Key("ctrl+q", "quit_planner", "quit", "app", priority=True),
)
WORKSHOP_ACTIONS = frozenset(k.action for k in KEYS if k.workshop)
"""Actions there only in a workshop."""


def bindings(on: Literal["app", "plan"]) -> list[BindingType]:
    """The bindings of the App (``app``) or the conversation screen (``plan``), each with the
    id ``planner.<name>`` (ready for keymaps)."""
    return [
        Binding(k.key, k.action, k.name, show=k.shown, priority=k.priority, id=f"planner.{k.name}")
        for k in KEYS
        if k.on == on
    ]


def key_label(key: str) -> str:
    """A key as people write it: F1, Esc, Ctrl+L, ?."""
    named = {"escape": "Esc", "question_mark": "?", "tab": "Tab", "enter": "Enter"}
    if key in named:
        return named[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key.removeprefix("ctrl+").upper()
    return key.upper()


def hint(target: str, action: str, shown: str, label: str) -> str:
    """One clickable key: ``target`` is ``app`` or ``screen``."""
    return f"[@click={target}.{action}][b]{shown}[/b] {label}[/]"


def key_hints(texts: Texts, workshop: bool = False, width: int | None = None) -> str:
    """One line of keys, each clickable. (Textual's Footer costs ~100 ms to start.)

    With a ``width``, only the keys that fit whole, in order (F1 first: it lists every key),
    so no name is ever cut in half, in any language."""
    hints: list[str] = []
    used = 0
    for k in KEYS:
        if not k.shown or (k.workshop and not workshop):
            continue
        shown = key_label(k.key).replace("Ctrl+", "^")
        label = texts.get(f"keyname.{k.name}")
        cost = cell_len(f"{shown} {label}") + (2 if hints else 0)  # wide letters count twice
        if width is not None and used + cost > width:
            break
        used += cost
        hints.append(hint("app" if k.on == "app" else "screen", k.action, shown, label))
    return "  ".join(hints)


def help_text(texts: Texts, workshop: bool) -> str:
    """Every key and what it does, one a line (F1)."""
    lines = [texts.get("ui.help_intro"), ""]
    for k in KEYS:
        if not (k.workshop and not workshop):
            lines.append(f"{key_label(k.key):>8}  {texts.get(f'key.{k.name}')}")
    lines.append(f"{'1-9':>8}  {texts.get('ui.choose_hint')}")
    lines.append(f"{key_label('tab'):>8}  {texts.get('key.answer')}")
    return "\n".join(lines)
