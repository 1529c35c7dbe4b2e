"""The glossary: search the words, read what each means."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from planner.content.knowledge import find_term, search_glossary
from planner.tui.screens.dialogs import DIALOG_CSS
from planner.tui.text import escape, plain_text


class GlossaryScreen(ModalScreen[None]):
    """Words and what they mean, with a search box."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # the dialog styles are shared, as if in the app's stylesheet

    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="glossary.close")]

    def __init__(self, locale: str, words: dict[str, str], start: str = "") -> None:
        super().__init__()
        self.locale = locale
        self.words = words
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.words["title"], classes="dialog-title", markup=False)
            yield Input(placeholder=self.words["search"], id="search")
            with Horizontal(id="glossary-body"):
                yield OptionList(id="terms")
                with VerticalScroll(id="meaning-box"):
                    yield Static("", id="meaning")
            with Horizontal(classes="buttons"):
                yield Button(self.words["close"], id="close")

    def on_mount(self) -> None:
        self.fill("")
        if self.start:
            self.show_term(self.start)
            self.query_one("#close", Button).focus()
        else:
            self.query_one("#search", Input).focus()

    def fill(self, text: str) -> None:
        """List the words that match the search."""
        terms = self.query_one("#terms", OptionList)
        terms.clear_options()
        found = search_glossary(text, self.locale)
        terms.add_options(Option(plain_text(t.term), id=t.term) for t in found)
        if terms.option_count:
            terms.highlighted = 0

    def show_term(self, name: str) -> None:
        """Show one word's meaning."""
        term = find_term(name, self.locale)
        if term is not None:
            meaning = f"[b]{escape(term.term)}[/b]\n\n{escape(term.short)}\n\n{escape(term.more)}"
            self.query_one("#meaning", Static).update(meaning)

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(OptionList.OptionHighlighted, "#terms")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_term(event.option.id)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
