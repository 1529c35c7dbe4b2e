"""The seven steps down the side, each with its state in words and a symbol (not colour alone)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from planner.dialogue.prompt import StepProgress
from planner.dialogue.state import StepStatus
from planner.tui.text import plain_text

SYMBOLS = {
    StepStatus.NOT_STARTED: "○",
    StepStatus.IN_PROGRESS: "◐",
    StepStatus.DONE: "✓",
    StepStatus.NEEDS_CHECK: "!",
}


class StepList(OptionList):
    """The seven steps. Choosing one jumps to it."""

    @dataclass
    class Jump(Message):
        """The family chose a step to go to."""

        step_id: str

    _shown_steps: tuple[tuple[str, str], ...] = ()
    """What the list shows: each step's words and id."""

    def show(
        self, progress: list[StepProgress], current: str | None, words: dict[str, str]
    ) -> None:
        """Redraw the steps with their status (only when a step's words changed: most answers
        change none, and redrawing the list cost a few milliseconds of every answer)."""
        lines = tuple(
            (
                f"{SYMBOLS[p.status]} {p.step.number}. {p.title}\n   {words[p.status.value]}",
                p.step.id,
            )
            for p in progress
        )
        highlighted = self.highlighted
        if lines != self._shown_steps:
            self._shown_steps = lines
            self.clear_options()
            self.add_options(Option(plain_text(text), id=step_id) for text, step_id in lines)
        index = next((i for i, p in enumerate(progress) if p.step.id == current), highlighted)
        if index != self.highlighted:
            self.highlighted = index

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Jump(event.option.id))
