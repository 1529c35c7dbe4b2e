"""Ask anything: a question in the family's own words, answered from the FAQ and glossary."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from planner.content.knowledge import ask
from planner.tui.screens.dialogs import DIALOG_CSS
from planner.tui.text import escape


class AskScreen(ModalScreen[None]):
    """Type a question; see the best one to three answers; close to return where you were."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # the dialog styles are shared, as if in the app's stylesheet

    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="ask.close")]

    def __init__(self, locale: str, words: dict[str, str]) -> None:
        super().__init__()
        self.locale = locale
        self.words = words

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.words["title"], classes="dialog-title", markup=False)
            yield Input(placeholder=self.words["placeholder"], id="question")
            with VerticalScroll(classes="dialog-body"):
                yield Static("", id="answers")
            with Horizontal(classes="buttons"):
                yield Button(self.words["close"], id="close")

    def on_mount(self) -> None:
        self.query_one("#question", Input).focus()

    @on(Input.Submitted, "#question")
    def _ask(self, event: Input.Submitted) -> None:
        found = ask(event.value, self.locale)
        if not found:
            self.query_one("#answers", Static).update(escape(self.words["none"]))
            return
        parts = []
        for number, answer in enumerate(found, start=1):
            text = "\n".join(escape(line) for line in answer.text.splitlines())
            parts.append(f"[b]{number}. {escape(answer.title)}[/b]\n{text}")
        self.query_one("#answers", Static).update("\n\n".join(parts))

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
