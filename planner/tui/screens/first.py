"""The first screen, drawn before the planner's core is loaded.

A new plan always starts at the flow's welcome. This screen looks exactly like the
conversation screen at that moment, but needs only Textual and the text catalog, so it appears
about as fast as an empty Textual app. The app loads the core straight after the first frame
and swaps in the real screen; a press of "Carry on" in between is kept (the screen posts
:class:`FirstScreen.CarryOn`, and the app carries on once the plan is open).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Static

from planner.i18n import Texts
from planner.tui.widgets.keybar import KeyBar


@cache
def flow_outline(flow_path: str) -> dict[str, Any]:
    """The start node's words and the step titles, read from the flow file (cached)."""
    from pathlib import Path

    from planner.cache import cached

    def build() -> dict[str, Any]:
        import yaml

        loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        raw = yaml.load(Path(flow_path).read_text(encoding="utf-8"), Loader=loader)
        start = raw["nodes"][raw["start"]]
        return {
            "text": start["text"],
            "more": start.get("more"),
            "steps": [(s["number"], s["title"]) for s in raw["steps"]],
        }

    return cached("outline", [Path(flow_path)], build)


class FirstScreen(Screen[None]):
    """The welcome, shown at once."""

    # Only the rules this screen needs (the same as in styles/app.tcss), so the full
    # stylesheet is read with the conversation screen, after the first frame.
    CSS = """
    #title { height: 1; padding: 0 1; background: $panel; color: $foreground; text-style: bold; }
    #body { height: 1fr; }
    #side { width: 30; border-right: solid $panel; }
    #side .heading { padding: 0 1; text-style: bold; color: $primary; }
    #steps { height: 1fr; padding: 0 1; }
    #main { width: 1fr; }
    #transcript { height: 1fr; padding: 0 1; }
    .message { margin: 1 0 0 0; padding: 0 1; border-left: thick $primary; }
    #answer { height: auto; border-top: solid $primary; padding: 0 1; }
    .buttons { height: auto; margin-top: 1; }
    #keys { height: 1; padding: 0 1; background: $panel; color: $foreground; }
    """

    class CarryOn(Message):
        """ "Carry on" was pressed before the plan had opened."""

    def __init__(self, texts: Texts, outline: dict[str, Any]) -> None:
        super().__init__()
        self.texts = texts
        self.outline = outline

    def compose(self) -> ComposeResult:
        t = self.texts.get
        name = t("word.your_child")
        yield Static(t("ui.title"), id="title")
        with Horizontal(id="body"):
            with Vertical(id="side"):
                yield Static(t("ui.steps"), classes="heading")
                yield Static(
                    "\n".join(
                        f"○ {n}. {t(title)}\n   {t('status.not_started')}"
                        for n, title in self.outline["steps"]
                    ),
                    id="steps",
                )
            with Vertical(id="main"):
                with Vertical(id="transcript"):
                    text = t(self.outline["text"], name=name)
                    if self.outline["more"]:
                        text += f"\n[u]{t('ui.tell_me_more')}[/u]"
                    yield Static(text, classes="message assistant")
                with Vertical(id="answer"), Horizontal(classes="buttons"):
                    yield Button(t("ui.carry_on"), id="carry_on", variant="primary")
        yield KeyBar(self.texts)

    def on_mount(self) -> None:
        self.query_one("#carry_on", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.CarryOn())

    def on_key(self, event: events.Key) -> None:
        """Enter before "Carry on" has the focus (in a browser the keys can arrive while the
        screen is still being drawn) is still a press of "Carry on"."""
        if event.key == "enter":
            event.stop()
            self.post_message(self.CarryOn())
