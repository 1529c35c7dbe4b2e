"""Fictional example families, for demonstrations, workshops and tests.

Each lives in ``content/examples/<id>.yaml`` as the answers a family would type, keyed by
question. :func:`apply_example` feeds them to a conversation from wherever it is to the finish.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import cache
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from planner.dialogue.conversation import Conversation
from planner.dialogue.schema import InputKind
from planner.domain.models import Plan
from planner.paths import data_path


class Example(BaseModel):
    """A fictional family and the answers they give."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str
    title: str
    about: str
    written_on: date
    answers: dict[str, str | list[dict[str, str]]] = Field(default_factory=dict)


class ExampleError(Exception):
    """An example whose answers do not take the conversation to the finish."""


@cache
def load_examples() -> tuple[Example, ...]:
    """Every shipped example family, in file-name order."""
    folder = data_path("content", "examples")
    found = []
    for path in sorted(folder.glob("*.yaml")):
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.append(Example.model_validate(raw))
    return tuple(found)


def find_example(example_id: str) -> Example | None:
    """The example with this id, if there is one."""
    return next((e for e in load_examples() if e.id == example_id.strip().lower()), None)


def apply_example(
    conversation: Conversation, example: Example, *, until: str | None = None, limit: int = 500
) -> None:
    """Answer every question from the example's script until the finish (or node ``until``)."""
    for _ in range(limit):
        if conversation.finished or conversation.node_id == until:
            return
        node = conversation.node
        if node.kind == "say":
            conversation.answer("")
            continue
        answer = example.answers.get(conversation.node_id)
        if node.input is InputKind.LIST:
            _fill_list(conversation, example, answer)
            continue
        if answer is None and node.required:
            raise ExampleError(f"{example.id}: no answer for '{conversation.node_id}'")
        result = conversation.answer(answer if isinstance(answer, str) else "")
        if not result.ok:
            raise ExampleError(f"{example.id}: '{conversation.node_id}' refused: {result.message}")
    raise ExampleError(f"{example.id}: did not reach the finish")


def _fill_list(conversation: Conversation, example: Example, answer: object) -> None:
    if isinstance(answer, list) and not conversation.items.all():
        for item in answer:
            result = conversation.items.save(item)
            if not result.ok:
                raise ExampleError(f"{example.id}: item refused: {result.message}")
    elif isinstance(answer, list):
        for index, item in enumerate(answer[: len(conversation.items.all())]):
            result = conversation.items.save(item, index)
            if not result.ok:
                raise ExampleError(f"{example.id}: item refused: {result.message}")
    result = conversation.finish_list()
    if not result.ok:
        raise ExampleError(f"{example.id}: '{conversation.node_id}' refused: {result.message}")


def example_plan(example: Example, today: date | None = None) -> Plan:
    """An example family's finished plan, with stable ids and dates so documents repeat exactly."""
    from planner.dialogue.conversation import Conversation
    from planner.dialogue.loader import load_flow

    conversation = Conversation(load_flow(), today=today or example.written_on)
    apply_example(conversation, example)
    return stable_ids(conversation.plan, example)


def stable_ids(plan: Plan, example: Example) -> Plan:
    """The plan with ids and times derived from the example, not random."""
    when = datetime.combine(example.written_on, time(9, 0), tzinfo=UTC)
    outcome_ids = {o.id: f"outcome{n}" for n, o in enumerate(plan.outcomes, start=1)}
    return plan.model_copy(
        update={
            "id": f"example{example.id}",
            "created": when,
            "updated": when,
            "outcomes": [o.model_copy(update={"id": outcome_ids[o.id]}) for o in plan.outcomes],
            "support_items": [
                i.model_copy(
                    update={"id": f"support{n}", "outcomes": [outcome_ids[o] for o in i.outcomes]}
                )
                for n, i in enumerate(plan.support_items, start=1)
            ],
            "risks": [r.model_copy(update={"id": f"risk{n}"}) for n, r in enumerate(plan.risks, 1)],
            "actions": [
                a.model_copy(update={"id": f"action{n}"}) for n, a in enumerate(plan.actions, 1)
            ],
        }
    )
