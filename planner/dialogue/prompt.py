"""What the conversation hands a front end: the prompt to show, and what became of an answer.

Light on purpose: widgets import these types without loading the state machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from planner.dialogue.registry import Choice
from planner.dialogue.schema import InputKind, Node, Step
from planner.dialogue.state import StepStatus
from planner.domain.access import get_at

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation


@dataclass(frozen=True)
class Notice:
    """A rule that applies at a question, in words: what it does and why."""

    text: str
    serious: bool


@dataclass(frozen=True)
class Result:
    """What happened to an answer: accepted, or refused with a plain message. An accepted
    answer may bring rules into play at its question (a head's refusal, a court order): their
    ``notices`` are shown straight away, where the decision was made."""

    ok: bool
    message: str = ""
    field: str | None = None
    notices: tuple[Notice, ...] = ()


ACCEPTED = Result(ok=True)


@dataclass(frozen=True)
class Prompt:
    """Everything a front end needs to show the current node."""

    node_id: str
    kind: str
    text: str
    input: InputKind | None
    required: bool
    step: Step | None
    step_title: str
    choices: list[Choice]
    more: str | None
    current: str
    needs_check: bool
    items: list[str] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)
    """The values of the options already chosen (labels may hold commas; values never do)."""
    notices: list[Notice] = field(default_factory=list)
    """The legal and funding rules that apply here, where the decision is made."""
    draft: bool = False
    """The draft plan is ready: offer to save it as a file before carrying on."""


@dataclass(frozen=True)
class StepProgress:
    """One of the seven steps and how far the family has got."""

    step: Step
    title: str
    status: StepStatus


@dataclass(frozen=True)
class SummaryRow:
    """One answer in "check your answers"."""

    node_id: str
    question: str
    answer: str
    answered: bool
    needs_check: bool


def prompt_for(conv: Conversation) -> Prompt:
    """The current node of a conversation, ready to show."""
    node = conv.node
    step = conv.flow.step_of(conv.node_id)
    record = conv.state.answered.get(conv.node_id)
    prompt = Prompt(
        node_id=conv.node_id,
        kind=node.kind,
        text=conv.node_text(node),
        input=node.input,
        required=node.required,
        step=step,
        step_title=conv.t(step.title) if step else "",
        choices=conv.choices(node) if node.kind == "ask" else [],
        more=node.more,
        current=conv.display(node) if record and node.store is not None else "",
        needs_check=bool(record and record.needs_check),
        chosen=_chosen(conv, node) if record else [],
        notices=notices(conv, conv.node_id),
        draft=node.draft,
    )
    if node.compare or node.compare_streams:
        from planner.dialogue.compare import comparison, stream_comparison

        shown = comparison(conv) if node.compare else stream_comparison(conv)
        compared = [Notice(text, serious) for text, serious in shown]
        prompt = replace(prompt, notices=[*compared, *prompt.notices])
    if node.input is InputKind.LIST and node.item is not None:
        prompt = replace(prompt, items=conv.items.lines(node))
    return prompt


def notices(conv: Conversation, node_id: str, *, answered: bool = False) -> list[Notice]:
    """The rules of the rules table that apply now and belong at this question (its ``node``
    or ``show_at``), each in the family's language with what it does ("Not possible", "Needed
    first", "To check", "Good to know"). Rules that only ask a question are left out: the
    question itself says it."""
    from planner.domain.lawbook import Does, load_rules, worded

    found = []
    for rule in load_rules():  # only the rules of this question are weighed (a few of 35)
        if rule.does is Does.ASK or node_id not in (rule.node, *rule.show_at):
            continue
        if rule.quiet_until_answered and rule.node == node_id and not answered:
            continue
        if not rule.applies(conv.plan, conv.today):
            continue
        text = conv.t(rule.reason, **worded(rule.words(conv.plan), conv.t))
        found.append(Notice(conv.t(f"doc.rule_{rule.does.value}", text=text), rule.serious))
    return found


def _chosen(conv: Conversation, node: Node) -> list[str]:
    if node.input not in (InputKind.CHOICE, InputKind.CHOICES) or not node.store:
        return []
    value = get_at(conv.plan, node.store)
    values = value if isinstance(value, list) else [] if value is None else [value]
    return [str(getattr(v, "value", v)) for v in values]
