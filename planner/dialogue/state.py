"""What is saved of a conversation: the plan, where the family is, and what they have answered.

The state machine is never saved; it is rebuilt from the flow when a plan is opened.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field

from planner.domain.models import Plan, now

if TYPE_CHECKING:
    from planner.dialogue.schema import Flow

HISTORY_LIMIT = 500


class AnswerRecord(BaseModel):
    """When a node was answered, and whether a later change means it should be checked."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    at: datetime = Field(default_factory=now)
    needs_check: bool = False
    settled_by: str | None = Field(default=None, max_length=60)
    """The question whose answer settled this one too ("£3,100 a year" settles "a year, a
    month or a week?"): it is passed over on the way, and can still be changed."""


FieldName = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=60)]
TypedText = Annotated[str, Field(max_length=5000)]


class ItemDraft(BaseModel):
    """A list item part way through being typed when the family stopped: what they typed for
    each field, read again through the same checks when they carry on."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    node: str = Field(max_length=60)
    index: int | None = Field(default=None, ge=0, le=1000)
    """The item being changed, or None for a new one."""
    typed: dict[FieldName, TypedText] = Field(default_factory=dict, max_length=40)


class SessionState(BaseModel):
    """Everything needed to carry on a conversation later."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    flow_id: str
    flow_version: int
    locale: str = "en_GB"
    plan: Plan = Field(default_factory=Plan)
    node: str
    history: list[str] = Field(default_factory=list)
    answered: dict[str, AnswerRecord] = Field(default_factory=dict)
    return_to: str | None = None
    item_draft: ItemDraft | None = None


class Place(BaseModel):
    """Where a family was in the conversation: saved beside the plan in a JSON plan file, so
    that opening the file again lands at the same question, with the same answers to check."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    flow_id: str = Field(max_length=60)
    flow_version: int = Field(ge=1)
    locale: str = Field(default="en_GB", pattern=r"^[a-z]{2}(_[A-Z]{2})?$")
    node: str = Field(max_length=60)
    history: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, max_length=HISTORY_LIMIT
    )
    answered: dict[Annotated[str, Field(max_length=60)], AnswerRecord] = Field(
        default_factory=dict, max_length=500
    )
    return_to: str | None = Field(default=None, max_length=60)

    @classmethod
    def of(cls, state: SessionState) -> Place:
        """Where the conversation in ``state`` is."""
        return cls.model_validate(state.model_dump(exclude={"plan", "item_draft"}))

    def fits(self, flow: Flow) -> bool:
        """Whether every question named here is in ``flow`` (a file from an older flow is not
        trusted: the plan is then walked through from the start)."""
        named = {self.node, *self.history, *self.answered, self.return_to or self.node}
        return self.flow_id == flow.id and named <= set(flow.nodes)

    def state(self, plan: Plan) -> SessionState:
        """The conversation's state again, around ``plan``."""
        return SessionState.model_validate({**self.model_dump(), "plan": plan.model_dump()})


class StepStatus(StrEnum):
    """How far a family has got with one of the seven steps."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NEEDS_CHECK = "needs_check"


def new_state(flow: Flow) -> SessionState:
    """A new conversation's state, at the flow's start.

    Built from defaults without validating (there is nothing to check yet), so the plan's
    validator is only built when the first answer arrives: this keeps it off the start-up path.
    """
    return SessionState.model_construct(
        flow_id=flow.id,
        flow_version=flow.version,
        locale="en_GB",
        plan=Plan.model_construct(),
        node=flow.start,
        history=[],
        answered={},
        return_to=None,
        item_draft=None,
    )
