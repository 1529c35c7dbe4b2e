"""The first screen, drawn before the planner's core is loaded.

A new plan always starts at the flow's welcome. This screen looks exactly like the
conversation screen at that moment, but needs only Textual and the text catalog, so it appears
about as fast as an empty Textual app. The app loads the core straight after the first frame
and swaps in the real screen; a press of "Carry on" in between is kept (the screen posts
:class:`FirstScreen.CarryOn`, and the app carries on once the plan is open).

When saved plans come first (a family coming back, or a keyworker's caseload), it shows
instead the list's title and word that the plans are opening: the store loads after this
frame (``planner.store.peek`` tells the command line, without loading it, that there are plans).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
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

    # Only the rules this screen needs (they draw what styles/app.tcss draws), so the full
    # stylesheet is read with the conversation screen, after the first frame. Six widgets, not
    # the conversation screen's twelve containers and panels: each costs the first frame its
    # styles and layout, and the six drew it about 16 ms sooner than the twelve.
    HORIZONTAL_BREAKPOINTS = [(0, "-phone"), (60, "-narrow"), (100, "-wide")]  # as the main
    CSS = """
    #title { split: top; height: 1; padding: 0 1; background: $panel; color: $foreground;
             text-style: bold; }
    #keys { split: bottom; height: 1; padding: 0 1; background: $panel; color: $foreground; }
    #side { split: left; width: 30; padding: 0 1; border-right: solid $panel; }
    #answer { dock: bottom; height: auto; border-top: solid $primary; padding: 1 1; }
    .message { margin: 1 1 0 1; padding: 0 1; border-left: thick $primary; }
    .opening { padding: 1 1 0 1; }
    Screen.-narrow #side { width: 22; }
    Screen.-phone #side { display: none; }
    """

    class CarryOn(Message):
        """ "Carry on" was pressed before the plan had opened."""

    def __init__(self, texts: Texts, outline: dict[str, Any], *, opening: str = "") -> None:
        """``opening`` names the list of saved plans that comes next ("plans" or "caseload"),
        if one does."""
        super().__init__()
        self.texts = texts
        self.outline = outline
        self.opening = opening

    @classmethod
    def at_start(cls, opening: str = "") -> FirstScreen:
        """The screen for the default flow, in English (no plan, so no language chosen yet)."""
        from planner.i18n import texts_for
        from planner.paths import DEFAULT_FLOW, data_path

        return cls(
            texts_for(),
            flow_outline(str(data_path("flows", f"{DEFAULT_FLOW}.yaml"))),
            opening=opening,
        )

    def compose(self) -> ComposeResult:
        t = self.texts.get
        if self.opening:
            yield Static(t(f"ui.{self.opening}_title"), id="title", markup=False)
            yield Static(t("ui.plans_opening"), classes="opening", markup=False)
            return
        yield Static(t("ui.title"), id="title", markup=False)
        yield KeyBar(self.texts)
        steps = [Content.styled(t("ui.steps"), "bold $primary")]
        steps += [
            Content(f"○ {n}. {t(title)}\n   {t('status.not_started')}")
            for n, title in self.outline["steps"]
        ]
        yield Static(Content("\n").join(steps), id="side")
        with Vertical(id="answer"):
            yield Button(t("ui.carry_on"), id="carry_on", variant="primary")
        text = t(self.outline["text"], name=t("word.your_child"))
        if self.outline["more"]:
            text += f"\n[u]{t('ui.tell_me_more')}[/u]"
        yield Static(text, classes="message")

    def on_mount(self) -> None:
        for button in self.query("#carry_on"):
            button.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.CarryOn())

    def on_key(self, event: events.Key) -> None:
        """Enter before "Carry on" has the focus (in a browser the keys can arrive while the
        screen is still being drawn) is still a press of "Carry on"."""
        if event.key == "enter" and not self.opening:
            event.stop()
            self.post_message(self.CarryOn())
