"""The controls of the answer area, one set for each kind of question, kept between questions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self, cast

from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, OptionList, SelectionList
from textual.widgets.option_list import Option

from planner.tui.restyle import restyle
from planner.tui.widgets.long_text import LongText
from planner.tui.widgets.one_line import OneLine

if TYPE_CHECKING:
    _Control = Widget
else:
    _Control = object


@dataclass
class ListAction(Message):
    """A list question's button: add, edit, remove or done, with the item chosen."""

    action: str
    index: int | None


class Kept(_Control):
    """A control of the answer area, kept while another kind of input is shown (a mixin put
    first: Textual takes styles and parts from a widget's first base that is a widget).

    When the focus leaves a control that has just been hidden, Textual works out its styles
    again for the look of a control without the focus; about a millisecond of the answer, for
    a control no one sees. It is done when the control is shown again instead (by the answer
    area's ``show``, or by the focus coming back to it).
    """

    stale = False
    """Its look is out of date: to be worked out again before it is next seen."""

    def watch_has_focus(self, has_focus: bool) -> None:
        if _hidden(self):
            self.stale = True
        else:
            restyle(cast(Widget, self))  # as Textual's own watcher does, from what it found before

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.stale = False  # restyled since (a class taken off, say): nothing left to do


def _hidden(control: Kept) -> bool:
    """Whether the control or a container of it is hidden."""
    return any(not node.display for node in cast(Widget, control).ancestors_with_self)


class AnswerButton(Kept, Button):
    """A button of the answer area."""


class Ticks(Kept, SelectionList[str]):
    """The choices of a question where more than one can be ticked."""


class AnswerLine(Kept, OneLine):
    """The box for a short answer."""


class AnswerText(Kept, LongText):
    """The box for a longer answer."""


class NumberedOptions(Kept, OptionList):
    """A list of options where a number key chooses that option at once."""

    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]
    _placing = False

    def put_options(self, options: Iterable[Option]) -> None:
        """Show ``options`` in place of the last question's. The screen is laid out again only
        if they take another number of lines (Textual lays it out for every new set of
        options, about a millisecond, when most questions in a row have as many)."""
        laid_out = self.display and bool(self.scrollable_content_region)  # lines are counted
        lines = len(self._lines) if laid_out else -1
        self._placing = True
        try:
            self.clear_options()
            self.add_options(options)
        finally:
            self._placing = False
        if len(self._lines) != lines:
            self.refresh(layout=True)

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        layout = layout and not self._placing  # put_options decides
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def action_pick(self, number: int) -> None:
        """Choose option ``number`` (1 is the first)."""
        if number <= self.option_count:
            self.highlighted = number - 1
            self.action_select()


class ItemsList(Kept, OptionList):
    """The items of a list question, with keys to add, change, take out and finish."""

    BINDINGS = [
        Binding("a", "act('add')", show=False),
        Binding("c", "act('edit')", show=False),
        Binding("t", "act('remove')", show=False),
        Binding("delete", "act('remove')", show=False),
        Binding("d", "act('list_done')", show=False),
    ]

    def action_act(self, action: str) -> None:
        """Ask the answer area to add, change, take out or finish."""
        empty = self.option_count == 0 or self.get_option_at_index(0).disabled
        self.post_message(ListAction(action, None if empty else self.highlighted))
