"""The shape of a flow file (``flows/*.yaml``), checked with pydantic when it is loaded."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from planner.domain.spec import Spec

Key = Annotated[str, Field(pattern=r"^[a-z0-9_.:]+$", max_length=160)]
Name = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=60)]


class InputKind(StrEnum):
    """The kinds of answer a question can take."""

    CHOICE = "choice"
    CHOICES = "choices"
    YES_NO_UNSURE = "yes_no_unsure"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    MONEY = "money"
    NUMBER = "number"
    DATE = "date"
    LIST = "list"
    ALLOCATION = "allocation"


class DateRule(StrEnum):
    """Limits on a date answer."""

    ANY = "any"
    PAST = "past"
    FUTURE = "future"
    BIRTH = "birth"


class Option(Spec):
    """One option of a choice: the value stored in the plan and the text key shown."""

    value: Name
    text: Key


class Match(Spec):
    """A condition on a stored answer: the value at ``path`` is one of ``in_``."""

    path: Key
    in_: list[str] = Field(alias="in", min_length=1)


class Route(Spec):
    """One way on from a node. The first route whose condition holds is taken."""

    to: Name
    if_: Name | None = Field(default=None, alias="if")
    unless: Name | None = None
    when: Match | None = None


class Question(Spec):
    """What a node or an item field asks, and how the answer is read."""

    text: Key
    more: Key | None = None
    input: InputKind | None = None
    store: Key | None = None
    required: bool = True
    options: list[Option] | Name | None = None
    options_from: Name | None = None
    minimum: float | None = None
    maximum: float | None = None
    dates: DateRule = DateRule.ANY
    item: Name | None = None
    pack: Name | None = None
    text_from: Name | None = None
    after: list[Name] = Field(default_factory=list)
    settles: Name | None = None
    """A money question's period question, settled by the same answer when a period is said
    with the amount ("£3,100 a year"): it is then not asked."""


class ItemField(Question):
    """A field of a list item, such as an outcome's "what will be different"."""

    name: Name
    when: Match | None = None


class ItemType(Spec):
    """A kind of list item: the fields asked for each one."""

    title: Key
    fields: list[ItemField] = Field(min_length=1)
    summary: Name | None = None
    """What names an item in a list: one of its fields (the first if not given), or for a
    ``partial`` item type a field of the whole item."""
    partial: bool = False
    """Only some fields of items already added are asked (how each piece of support is
    managed, in a mix): items are changed, never added, and keep every other field."""

    def summary_field(self) -> ItemField:
        """The field shown for each item in a list."""
        return next((f for f in self.fields if f.name == self.summary), self.fields[0])

    def summary_name(self) -> str:
        """The name of the item's part that is shown for it in a list."""
        return self.summary or self.fields[0].name


class Node(Question):
    """One point in the conversation: saying something, asking something, or finishing."""

    kind: Literal["say", "ask", "finish"]
    step: Name
    compare: bool = False
    """Show the four ways to manage the money, fitted to this family, before the question."""
    compare_streams: bool = False
    """For a mix: show how each way fits each funding stream's support, before the question."""
    amount: Name | None = None
    """A budget's "do you know how much?" question: the amount question after it, answered
    too when the amount is typed in reply (see :mod:`planner.dialogue.shortcuts`)."""
    draft: bool = False
    """The draft plan is ready here (something said): it is offered as a file to share before
    the family carries on, in every front end."""
    next: list[Route] = Field(default_factory=list)
    depends_on: list[Name] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ask_has_input(self) -> Node:
        if self.kind == "ask" and (self.input is None or self.store is None):
            raise ValueError("a question ('ask') needs both 'input' and 'store'")
        if self.input is InputKind.LIST and self.item is None:
            raise ValueError("a list question needs 'item'")
        if self.input is InputKind.ALLOCATION and self.pack is None:
            raise ValueError("an allocation question needs 'pack'")
        return self


class Step(Spec):
    """One of the seven steps: its title and the node where it starts."""

    id: Name
    number: int = Field(ge=1, le=7)
    title: Key
    entry: Name


class Flow(Spec):
    """A whole conversation."""

    id: Name
    version: int = Field(ge=1)
    start: Name
    steps: list[Step] = Field(min_length=1)
    option_sets: dict[Name, list[Option]] = Field(default_factory=dict)
    items: dict[Name, ItemType] = Field(default_factory=dict)
    nodes: dict[Name, Node] = Field(min_length=1)

    @field_validator("option_sets", mode="before")
    @classmethod
    def _short_options(cls, raw: object) -> object:
        """Let an option set list bare values: ``role: [parent_carer]`` means the option
        ``parent_carer`` with the text key ``opt.role.parent_carer``."""
        if not isinstance(raw, dict):
            return raw
        return {
            name: [
                {"value": o, "text": f"opt.{name}.{o}"} if isinstance(o, str) else o
                for o in options
            ]
            if isinstance(options, list)
            else options
            for name, options in raw.items()
        }

    def options_for(self, question: Question) -> list[Option]:
        """The fixed options of a question, looking up a named option set."""
        if isinstance(question.options, str):
            return self.option_sets.get(question.options, [])
        return list(question.options or [])

    def step_of(self, node_id: str) -> Step | None:
        """The numbered step a node belongs to, if any."""
        name = self.nodes[node_id].step
        return next((s for s in self.steps if s.id == name), None)
