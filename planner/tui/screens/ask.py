"""Ask anything: a question in the family's own words, answered from the FAQ and glossary."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from planner.content.ask import Reply, ask, prepare
from planner.tui.screens.dialogs import DIALOG_CSS

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation


class AskScreen(ModalScreen[None]):
    """Type a question; see the best one to three answers, with what each means for the family's
    own plan; close to return where you were. When nothing fits well, the closest topics and
    where to get free advice, never a confident wrong answer."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # the dialog styles are shared, as if in the app's stylesheet

    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="ask.close")]

    def __init__(self, conv: Conversation) -> None:
        super().__init__()
        self.conv = conv

    def compose(self) -> ComposeResult:
        t = self.conv.t
        with Vertical(classes="dialog wide"):
            yield Static(t("ui.ask_title"), classes="dialog-title", markup=False)
            yield Input(placeholder=t("ui.ask_placeholder"), id="question")
            with VerticalScroll(classes="dialog-body"):
                yield Static("", id="answers")
            with Horizontal(classes="buttons"):
                yield Button(t("ui.close"), id="close")

    def on_mount(self) -> None:
        self.query_one("#question", Input).focus()
        # The search index is built while the family types (it is never on the start-up path).
        self.run_worker(partial(prepare, self.conv.locale), thread=True, exclusive=True)

    @on(Input.Submitted, "#question")
    def _ask(self, event: Input.Submitted) -> None:
        conv = self.conv
        reply = ask(event.value, conv.locale, plan=conv.plan, today=conv.today)
        self.query_one("#answers", Static).update(answers_text(conv, reply))

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)


def answers_text(conv: Conversation, reply: Reply) -> Text:
    """The reply as Rich text: the family's words and names are data, never markup."""
    t = conv.t
    text = Text()
    if not reply.found:
        return text.append(f"{t('ui.ask_none')}\n\n{t('ask.advice')}")
    if not reply.sure:
        text.append(f"{t('ask.unsure')}\n")
        for found in reply.found:
            text.append(f"\n• {found.title}", style="bold")
        return text.append(f"\n\n{t('ask.advice')}")
    for number, found in enumerate(reply.found, start=1):
        if number > 1:
            text.append("\n\n")
        text.append(f"{number}. {found.title}\n", style="bold")
        if found.yours:
            text.append(f"{t('ask.yours')}: ", style="bold").append(f"{found.yours}\n")
        text.append(found.text)
    return text
