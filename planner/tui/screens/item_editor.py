"""The item editor: one form for an outcome, a piece of support, a risk or a task."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from planner.dialogue.conversation import Conversation
from planner.dialogue.prompt import Result
from planner.dialogue.schema import InputKind, ItemField
from planner.dialogue.showing import raw_value
from planner.dialogue.state import ItemDraft
from planner.tui.screens.dialogs import DIALOG_CSS
from planner.tui.text import plain_text
from planner.tui.widgets.one_line import OneLine


class ItemEditor(ModalScreen[bool]):
    """Add or change one item of the current list. Returns True when saved.

    What is typed is kept as the conversation's draft item as it is typed, so stopping the
    planner with Ctrl+Q loses nothing: the next time this item is added
    or changed, the form opens with it (line mode offers the same draft). Cancel lets it go.
    """

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # the dialog styles are shared, as if in the app's stylesheet

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="item.cancel")]

    def __init__(
        self, conversation: Conversation, index: int | None, words: dict[str, str]
    ) -> None:
        super().__init__()
        self.conv = conversation
        self.index = index
        self.words = words
        item = conversation.node.item or ""
        self.fields: list[ItemField] = list(conversation.flow.items[item].fields)
        self.settling = {f.name for f in self.fields if f.settles}
        """Fields whose answer can settle a later one, which then need not be shown."""
        self.title_text = conversation.t(conversation.flow.items[item].title)
        self.values = conversation.items.form_values(index)
        draft = conversation.state.item_draft
        self.restored = bool(
            draft and draft.node == conversation.node_id and draft.index == index and draft.typed
        )
        if draft is not None and self.restored:
            self.values.update({k: v for k, v in draft.typed.items() if k in self.values})

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-body", id="form"):
                for item_field in self.fields:
                    with Vertical(id=f"field-{item_field.name}", classes="field"):
                        yield Label(self.conv.t(item_field.text), markup=False)
                        yield self._input(item_field)
                        yield Label(
                            "", classes="field-error", id=f"error-{item_field.name}", markup=False
                        )
            with Horizontal(classes="buttons"):
                yield Button(self.words["save"], id="save", variant="primary")
                yield Button(self.words["cancel"], id="cancel")

    def _input(self, item_field: ItemField) -> Any:
        value = self.values[item_field.name]
        name = f"input-{item_field.name}"
        if item_field.input in (InputKind.CHOICE, InputKind.YES_NO_UNSURE):
            options = [(plain_text(c.label), c.value) for c in self.conv.choices(item_field)]
            allowed = {v for _, v in options}
            return Select(
                options,
                value=value if value in allowed else Select.NULL,
                id=name,
                allow_blank=True,
                prompt="…",
            )
        if item_field.input is InputKind.CHOICES:
            chosen = {v.strip() for v in value.split(",")}
            return SelectionList[str](
                *(
                    (plain_text(c.label), c.value, c.value in chosen)
                    for c in self.conv.choices(item_field)
                ),
                id=name,
            )
        return OneLine(value=value, id=name)

    def on_mount(self) -> None:
        self.update_visibility()
        if self.restored:
            self.notify(self.words["restored"], timeout=8)
        first = self.query_one("#form").query("Input, Select, SelectionList").first()
        first.focus()

    def raw(self) -> dict[str, str]:
        """What is in the form now, as text."""
        found: dict[str, str] = {}
        for item_field in self.fields:
            widget = self.query_one(f"#input-{item_field.name}")
            if isinstance(widget, Select):
                found[item_field.name] = "" if widget.is_blank() else str(widget.value)
            elif isinstance(widget, SelectionList):
                found[item_field.name] = ", ".join(str(v) for v in widget.selected)
            elif isinstance(widget, Input):
                found[item_field.name] = widget.value
        return found

    def update_visibility(self) -> None:
        """Show only the fields that apply, given the choices made so far."""
        shown = {f.name for f in self.conv.items.shown(self.raw(), self.index)}
        for item_field in self.fields:
            self.query_one(f"#field-{item_field.name}").display = item_field.name in shown

    @on(SelectionList.SelectedChanged)
    def _typed(self) -> None:
        self._keep_draft()

    @on(Input.Changed)
    def _typed_text(self, event: Input.Changed) -> None:
        self._keep_draft()
        name = (event.input.id or "").removeprefix("input-")
        if self.is_mounted and name in self.settling:  # "£45 a session" says how it is
            self.update_visibility()  # charged: that question goes

    def _keep_draft(self) -> None:
        """Keep what is in the form as the draft item (saved with the plan's next save)."""
        typed = {name: value for name, value in self.raw().items() if value.strip()}
        state = self.conv.state
        state.item_draft = (
            ItemDraft(node=self.conv.node_id, index=self.index, typed=typed) if typed else None
        )

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        self._keep_draft()
        self.update_visibility()
        if event.select.id == "input-kind" and not event.select.is_blank():
            self._fill_from_catalogue()  # an example price picked as the kind

    def _fill_from_catalogue(self) -> None:
        suggested = self.conv.items.suggested({"catalogue": self.raw()["kind"]})
        for name, value in suggested.items():
            widget = self.query_one(f"#input-{name}")
            empty_input = isinstance(widget, Input) and not widget.value
            blank_select = isinstance(widget, Select) and widget.is_blank()
            if empty_input or blank_select:
                widget.value = raw_value(value)  # type: ignore[attr-defined]
        self.update_visibility()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Leave without saving; what was typed is let go."""
        self.conv.state.item_draft = None
        self.dismiss(False)

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def _save(self) -> None:
        for label in self.query(".field-error"):
            label.update("")  # type: ignore[attr-defined]
        result: Result = self.conv.items.save(self.raw(), self.index)
        if result.ok:
            self.conv.state.item_draft = None
            for notice in result.notices:  # what the change put in doubt
                self.app.notify(notice.text, timeout=12)
            self.dismiss(True)
            return
        where = result.field
        if where is not None and self.query(f"#error-{where}"):
            self.query_one(f"#error-{where}", Label).update(f"⚠ {result.message}")
            self.query_one(f"#input-{where}").focus()
        else:
            self.notify(result.message, severity="error")
