"""The answer area: a different input for each kind of question.

It shows what the Conversation's prompt asks for and posts what the family typed or chose as
:class:`AnswerArea.Submitted`. It never decides whether an answer is right: the core does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import cast

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import AwaitMount, Widget
from textual.widgets import Button, Input, Label, OptionList, SelectionList, TextArea
from textual.widgets.option_list import Option

from planner.dialogue.prompt import Prompt
from planner.dialogue.schema import InputKind
from planner.tui.restyle import restyle
from planner.tui.text import plain_text
from planner.tui.widgets.controls import (
    AnswerButton,
    AnswerLine,
    AnswerText,
    ItemsList,
    Kept,
    NumberedOptions,
    Ticks,
)

TEXT_KINDS = (InputKind.SHORT_TEXT, InputKind.MONEY, InputKind.NUMBER, InputKind.DATE)
ANSWER_WORDS = (
    "carry_on",
    "back",
    "save_answer",
    "long_hint",
    "done",
    "add",
    "edit",
    "remove",
    "optional",
    "choose_hint",
    "choices_hint",
    "finished",
    "list_keys",
    "save_draft",
)


def answer_words(t: Callable[[str], str]) -> dict[str, str]:
    """The texts the answer area needs, in the family's language (``t`` gives a text)."""
    found = {key: t(f"ui.{key}") for key in ANSWER_WORDS}
    found["export"] = t("key.export")
    found["ready"] = t("key.ready")
    found["no_answer"] = t("word.no_answer")
    found["none_yet"] = t("plain.list_empty")
    return found


class AnswerArea(Vertical):
    """Where the family answers the current question."""

    @dataclass
    class Submitted(Message):
        """An answer to give to the conversation (a say node's "carry on" is empty)."""

        raw: str

    @dataclass
    class Action(Message):
        """A button that runs an app action, such as export or readiness."""

        action: str

    def __init__(self, words: dict[str, str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.words = words
        self.kind: InputKind | None = None
        self.pending = ""
        """Letters typed while the answer box was being swapped, for the new box."""
        self.swapping = True  # until the first answer is shown
        self._shapes: dict[str, list[Widget]] = {}
        """The widgets of each kind of input made so far (one kind shown, the rest hidden)."""
        self._mounting: dict[str, AwaitMount] = {}
        """Kinds of input made ahead (:meth:`prepare`), until they are mounted."""
        self._shown: list[Widget] = []
        self.pending_keys: list[str] = []
        """Keys pressed while the answer was being swapped, for its first control."""

    def take_key(self, character: str) -> bool:
        """Put a letter that missed the text box (typed while it was being drawn) into it.

        True if the letter was kept.
        """
        if self.kind not in TEXT_KINDS:
            return False
        boxes = self.query("#text")
        if boxes and not self.swapping:
            box = boxes.first(Input)
            box.focus()
            box.insert_text_at_cursor(character)
        else:  # a box being mounted loses a cursor set before its mount: keep the letters
            self.pending += character  # until :meth:`show` has it on screen
        return True

    def take_press(self, key: str) -> None:
        """A key that reached no control (pressed while the answer was still being drawn, as
        when a browser page sends keys the moment it connects, or after a click on the
        conversation) goes to the answer's first control."""
        if self.swapping:
            self.pending_keys.append(key)
            return
        focused = self._focus_first()  # act on the control itself
        if isinstance(focused, NumberedOptions) and key.isdigit():
            focused.action_pick(int(key))
        elif key != "enter":
            return
        elif isinstance(focused, Button):
            focused.press()
        elif isinstance(focused, OptionList):
            focused.action_select()
        elif isinstance(focused, Input):
            self.call_later(focused.action_submit)

    def compose(self) -> ComposeResult:
        yield Label("", id="answer-error", markup=False)
        yield Label("", id="answer-hint", markup=False)

    async def show(self, prompt: Prompt) -> None:
        """Show the inputs this prompt needs, filled in, and focus the first.

        Each kind of input is made and mounted the first time a question needs it, then kept
        (hidden while another kind is shown) and filled again: mounting and removing widgets on
        every answer cost about a sixth of the time from an answer to the next question drawn.
        """
        self.kind = prompt.input if prompt.kind == "ask" else None
        self.swapping = True
        self.show_error("")
        shape = _shape(prompt)
        _say(self.query_one("#answer-hint", Label), self._hint(shape, prompt))
        if shape in self._mounting:  # made while the family read: on screen once mounted
            await self._mounting.pop(shape)
        widgets = self._shapes.get(shape)
        if widgets is None or not all(w.is_attached for w in widgets):
            widgets = self._make(shape)
            self._fill(widgets, prompt)
            await self._mount(shape, widgets)
        else:
            self._fill(widgets, prompt)
        for widget in widgets:
            widget.display = True
        before, self._shown = self._shown, widgets
        self._restyle(self._focus_first())
        for widget in before:  # the rest are hidden already
            if widget not in widgets:
                widget.display = False
        if self.pending and self.kind in TEXT_KINDS:
            box = self.query_one("#text", Input)
            box.value = ""
            box.insert_text_at_cursor(self.pending)
        self.pending = ""
        self.swapping = False
        keys, self.pending_keys = self.pending_keys, []
        for key in keys:
            self.take_press(key)

    def prepare(self) -> Iterator[Callable[[], object]]:
        """Steps that each make one kind of input not made yet, hidden, to be run while the
        family reads the first question (``startup.warm_up``): making each kind the first
        time (and Textual reading the styles of new kinds of widget) was the slowest answers'
        share."""
        for shape in SHAPES:
            yield partial(self._premount, shape)

    def _premount(self, shape: str) -> None:
        if shape not in self._shapes and self.is_attached:
            widgets = self._make(shape)
            for widget in widgets:
                widget.display = False
            self._mounting[shape] = self._mount(shape, widgets)

    def _mount(self, shape: str, widgets: list[Widget]) -> AwaitMount:
        """Mount one kind of input, kept from now on for the questions that need it."""
        self._shapes[shape] = widgets
        if self.app.is_headless:  # steady pictures for snapshots and benchmarks
            for widget in widgets:
                for field in widget.walk_children(Widget, with_self=True):
                    if isinstance(field, (Input, TextArea)):
                        field.cursor_blink = False
        return self.mount_all(widgets, before="#answer-error")

    def _controls(self) -> list[Kept]:
        """The controls shown now, first first."""
        return [w for shown in self._shown for w in shown.walk_children(Kept, with_self=True)]

    def _restyle(self, focused: Widget | None) -> None:
        """Work out again the styles of the controls shown now that were hidden with the focus
        (see :class:`Kept`); the one just focused is restyled by that."""
        for control in self._controls():
            if control.stale and control is not focused:
                control.stale = False
                restyle(cast(Widget, control))

    def _focus_first(self) -> Widget | None:
        focusable = [w for w in self._controls() if w.focusable]
        if focusable:  # at once (``focus()`` waits its turn in the app's queue), and with no
            # scroll to it: the answer area does not scroll
            self.screen.set_focus(focusable[0], scroll_visible=False)
        return focusable[0] if focusable else None

    def show_error(self, message: str) -> None:
        """Show a plain-language problem beside the answer (empty clears it)."""
        label = self.query_one("#answer-error", Label)
        _say(label, f"⚠ {message}" if message else "")
        label.set_class(bool(message), "-shown")

    def _hint(self, shape: str, prompt: Prompt) -> str:
        """The line under the inputs: which keys to use, or that the question can be left."""
        said = self.words
        optional = said["optional"] if prompt.kind == "ask" and not prompt.required else ""
        hints = {
            "finish": said["finished"],
            "choice": said["choose_hint"],
            "choices": said["choices_hint"],
            "long": " ".join(filter(None, [said["long_hint"], optional])),
            "list": " ".join(filter(None, [said["list_keys"], optional])),
            "text": optional,
        }
        return hints.get(shape, "")

    def _make(self, shape: str) -> list[Widget]:
        """The widgets of one kind of input, empty (:meth:`_fill` fills them)."""
        said = self.words
        if shape == "say":
            return [self._buttons(shape, ("carry_on", said["carry_on"], "primary"))]
        if shape == "draft":  # carrying on stays first (Enter); saving is offered beside it
            return [
                self._buttons(
                    shape,
                    ("carry_on", said["carry_on"], "primary"),
                    ("export", said["save_draft"], "default"),
                )
            ]
        if shape == "finish":
            return [
                self._buttons(
                    shape,
                    ("export", said["export"], "primary"),
                    ("ready", said["ready"], "default"),
                    ("back", said["back"], "default"),
                )
            ]
        if shape == "choice":
            return [NumberedOptions(id="choice")]
        if shape == "choices":
            ticks = Ticks(id="choices")
            return [ticks, self._buttons(shape, ("done_choices", said["done"], "primary"))]
        if shape == "long":
            area = AnswerText(id="long", soft_wrap=True)
            return [area, self._buttons(shape, ("save_long", said["save_answer"], "primary"))]
        if shape == "list":
            buttons = self._buttons(
                shape,
                ("add", said["add"], "primary"),
                ("edit", said["edit"], "default"),
                ("remove", said["remove"], "default"),
                ("list_done", said["done"], "success"),
            )
            return [ItemsList(id="items"), buttons]
        return [AnswerLine(id="text", select_on_focus=False)]

    def _fill(self, widgets: list[Widget], prompt: Prompt) -> None:
        """Put this prompt's options, items or earlier answer into its widgets."""
        said = self.words
        for widget in widgets:  # a kept button is new to this question: it may be pressed at
            for button in widget.walk_children(Button, with_self=True):  # once, not ignored
                button.remove_class("-active")  # as a double press
        first = widgets[0]
        if isinstance(first, NumberedOptions):
            first.put_options(
                Option(plain_text(f"{n}. {c.label}"), id=c.value)
                for n, c in enumerate(prompt.choices, 1)
            )
            current = next(
                (i for i, c in enumerate(prompt.choices) if c.label == prompt.current), None
            )
            first.highlighted = current if current is not None else 0
        elif isinstance(first, SelectionList):
            chosen = set(prompt.chosen)
            first.clear_options()
            first.add_options(
                (plain_text(c.label), str(n), c.value in chosen)
                for n, c in enumerate(prompt.choices, 1)
            )
        elif isinstance(first, TextArea):
            first.load_text(_unset(prompt.current, said))
        elif isinstance(first, ItemsList):
            lines = [
                Option(plain_text(f"{n}. {line}"), id=str(n - 1))
                for n, line in enumerate(prompt.items, 1)
            ]
            first.clear_options()
            first.add_options(lines or [Option(said["none_yet"], disabled=True)])
            first.highlighted = 0
        elif isinstance(first, Input):
            first.value = _unset(prompt.current, said)
            if first.is_mounted:  # a new box puts its cursor at the end itself, after letters
                first.cursor_position = len(first.value)  # typed while it was mounted

    def _buttons(self, shape: str, *specs: tuple[str, str, str]) -> Widget:
        """A row of buttons, each named for what it does and with an id of its own (two kinds
        of input have a Carry on, two a Save: ``#draft-carry_on``); a lone button stands
        without a row (a container less to lay out and draw, where most questions have only
        "Carry on")."""
        buttons = [
            AnswerButton(label, id=f"{shape}-{name}", name=name, variant=variant)  # type: ignore[arg-type]
            for name, label, variant in specs
        ]
        if len(buttons) == 1:
            return buttons[0].add_class("lone")
        return Horizontal(*buttons, classes="buttons")

    @on(OptionList.OptionSelected, "#choice")
    def _choice(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Submitted(str(event.option_index + 1)))

    @on(Input.Submitted, "#text")
    def _text(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        name = event.button.name or ""
        if name == "carry_on":
            self.post_message(self.Submitted(""))
        elif name == "save_long":
            self.post_message(self.Submitted(self.query_one("#long", TextArea).text))
        elif name == "done_choices":
            picked = self.query_one("#choices", SelectionList).selected
            self.post_message(self.Submitted(", ".join(str(p) for p in picked)))
        elif name in ("add", "edit", "remove", "list_done"):
            self.query_one("#items", ItemsList).action_act(name)
        else:
            self.post_message(self.Action(name))


def _say(label: Label, said: str) -> None:
    """Put new words in a label of the answer area; the screen is laid out again only if the
    label's height may change (a line of words, or none, replaced by another line that fits
    keeps it)."""
    before = str(label.content)
    if before == said:  # most answers keep the hint, and have no error: nothing to draw
        return
    width = label.content_size.width
    one_line = all("\n" not in words and cell_len(words) <= width for words in (before, said))
    label.update(said, layout=not one_line)  # (its width is the answer's: app.tcss)


SHAPES = ("say", "choice", "text", "long", "list", "choices", "draft", "finish")
"""Every kind of input, in the order a family usually meets them."""


def _shape(prompt: Prompt) -> str:
    """Which kind of input a prompt needs."""
    kind = prompt.input
    if prompt.draft:
        return "draft"
    if prompt.kind in ("say", "finish"):
        return prompt.kind
    if kind in (InputKind.CHOICE, InputKind.YES_NO_UNSURE):
        return "choice"
    if kind is InputKind.CHOICES:
        return "choices"
    if kind is InputKind.LONG_TEXT:
        return "long"
    if kind is InputKind.LIST:
        return "list"
    return "text"


def _unset(current: str, words: dict[str, str]) -> str:
    """The earlier answer to put back in the field, if there was a real one."""
    return "" if current in ("", words["no_answer"]) else current
