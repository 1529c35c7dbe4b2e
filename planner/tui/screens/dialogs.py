"""Small dialogs: help, tell me more, confirm, check your answers, readiness, export, start.

Each is a ``ModalScreen`` that returns its result with ``dismiss``; Escape closes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

DIALOG_CSS = """
ModalScreen {
    align: center middle;
    background: $background 60%;
}

.dialog {
    width: 72;
    max-width: 95%;
    height: auto;
    max-height: 90%;
    border: thick $primary;
    background: $surface;
    padding: 1 2;
}

.dialog.wide {
    width: 96;
}

.dialog-title {
    text-style: bold;
    color: $primary;
    margin-bottom: 1;
}

.dialog-body {
    height: auto;
    max-height: 50vh;
}

.row {
    height: auto;
    margin-bottom: 1;
}

.row-text {
    width: 1fr;
}

.row-button {
    min-width: 12;
}

#glossary-body {
    height: 50vh;
}

#terms {
    width: 32;
    height: 1fr;
}

#meaning-box {
    width: 1fr;
    padding: 0 1;
}

.field {
    height: auto;
    margin-bottom: 1;
}

.field > Label {
    width: 100%;  /* a long question wraps instead of being cut off */
}

.field-error {
    color: $error;
    text-style: bold;
}
"""
"""Styles shared by every dialog, parsed only when the first dialog opens (not at start-up)."""


class DialogBody(VerticalScroll):
    """A dialog's words: Tab stops here only when there is more to scroll to, so a short
    dialog's Tab goes straight between its buttons."""

    def allow_focus(self) -> bool:
        return self.max_scroll_y > 0


class Dialog(ModalScreen[str | None]):
    """A dialog with a title, a scrolling body and a Close button; returns a button's id."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # the dialog styles are shared, as if in the app's stylesheet

    BINDINGS = [Binding("escape", "close", "Close", id="dialog.close")]

    def __init__(self, title: str, close: str) -> None:
        super().__init__()
        self.title_text = title
        self.close_text = close

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with DialogBody(classes="dialog-body"):
                yield from self.body()
            yield from self.below()
            with Horizontal(classes="buttons"):
                yield from self.buttons()
                yield Button(self.close_text, id="close")

    def body(self) -> ComposeResult:
        """The dialog's contents."""
        yield from ()

    def below(self) -> ComposeResult:
        """What stays in sight under the scrolling body, such as a message."""
        yield from ()

    def buttons(self) -> ComposeResult:
        """Buttons beside Close."""
        yield from ()

    def action_close(self) -> None:
        """Close without choosing anything."""
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("row-button") or event.button.id == "form-ok":
            return  # a row's own handler answers with the row's value; a form checks first
        event.stop()
        self.dismiss(None if event.button.id == "close" else event.button.id)


class TextDialog(Dialog):
    """Longer text, such as "tell me more", a glossary word or the help keys."""

    def __init__(self, title: str, text: str, close: str, *, markdown: bool = False) -> None:
        super().__init__(title, close)
        self.text = text
        self.markdown = markdown

    def body(self) -> ComposeResult:
        if self.markdown:
            # A Rich Markdown renderable in a Static: far quicker than Textual's Markdown widget.
            from rich.markdown import Markdown

            yield Static(Markdown(self.text), classes="dialog-text")
        else:
            yield Static(self.text, classes="dialog-text", markup=False)

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()


class ConfirmDialog(Dialog):
    """A yes or no question; returns "yes" or None."""

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__(question, no)
        self.yes = yes

    def buttons(self) -> ComposeResult:
        yield Button(self.yes, id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()


@dataclass(frozen=True)
class Row:
    """A line with a button: shown text and the id the button returns."""

    text: str
    value: str
    button: str


class RowsDialog(Dialog):
    """A list of lines, each with its own button (Change, Go there, a file format...)."""

    def __init__(self, title: str, intro: str, rows: Sequence[Row], close: str) -> None:
        super().__init__(title, close)
        self.intro = intro
        self.rows = list(rows)

    def body(self) -> ComposeResult:
        if self.intro:
            yield Static(self.intro, classes="dialog-text", markup=False)
        for number, row in enumerate(self.rows):
            with Horizontal(classes="row"):
                yield Label(row.text, markup=False, classes="row-text")
                yield Button(row.button, id=f"row-{number}", classes="row-button")

    def on_mount(self) -> None:
        buttons = self.query(".row-button")
        (buttons.first() if buttons else self.query_one("#close", Button)).focus()

    @on(Button.Pressed, ".row-button")
    def _row(self, event: Button.Pressed) -> None:
        event.stop()
        number = int((event.button.id or "row-0").removeprefix("row-"))
        self.dismiss(self.rows[number].value)


@dataclass(frozen=True)
class Field:
    """One box in a form: its name, its label, and whether to hide what is typed."""

    name: str
    label: str
    secret: bool = False
    value: str = ""


class FormDialog(Dialog):
    """A few boxes to fill in. ``check`` returns a message to show (the boxes keep their text,
    to try again) or None to close with the values."""

    def __init__(
        self,
        title: str,
        intro: str,
        fields: Sequence[Field],
        *,
        ok: str,
        close: str,
        check: Callable[[dict[str, str]], str | None],
    ) -> None:
        super().__init__(title, close)
        self.intro = intro
        self.fields = list(fields)
        self.ok = ok
        self.check = check
        self.values: dict[str, str] = {}

    def body(self) -> ComposeResult:
        if self.intro:
            yield Static(self.intro, classes="dialog-text", markup=False)
        for field in self.fields:
            with Vertical(classes="field"):
                yield Label(field.label, markup=False)
                yield Input(
                    field.value,
                    password=field.secret,
                    id=f"field-{field.name}",
                    max_length=2000,
                )

    def below(self) -> ComposeResult:
        # Under the boxes, not among them: a long form scrolls, and the message must be seen.
        yield Static("", id="form-error", classes="field-error", markup=False)

    def buttons(self) -> ComposeResult:
        yield Button(self.ok, id="form-ok", variant="primary")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        place = inputs.index(event.input)
        if place + 1 < len(inputs):
            inputs[place + 1].focus()
        else:
            self._try()

    @on(Button.Pressed, "#form-ok")
    def _ok(self, event: Button.Pressed) -> None:
        event.stop()
        self._try()

    def _try(self) -> None:
        values = {f.name: self.query_one(f"#field-{f.name}", Input).value for f in self.fields}
        problem = self.check(values)
        if problem:
            self.query_one("#form-error", Static).update(problem)
            return
        self.values = values
        self.dismiss("ok")


class VersionDialog(TextDialog):
    """An earlier version of a plan, with a button to make it the current one."""

    def __init__(self, title: str, text: str, restore: str, close: str) -> None:
        super().__init__(title, text, close, markdown=True)
        self.restore = restore

    def buttons(self) -> ComposeResult:
        yield Button(self.restore, id="restore", variant="warning")
