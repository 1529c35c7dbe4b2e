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
from planner.dialogue.items import settle_into
from planner.dialogue.prompt import Result
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


def typed_lines(
    example: Example, *, until: str | None = None, today: date | None = None
) -> list[str]:
    """The lines a person would type in ``planner plain`` to give the example's answers, up to
    the finish or to the node ``until``: what the answer counts in ``bench/`` are made of.

    A conversation is driven alongside, so only the questions actually reached are answered,
    and only the fields of an item that are asked. Things said are read, not answered; the
    first item of an empty list is started at once (no "add").
    """
    from planner.dialogue.conversation import Conversation
    from planner.dialogue.loader import load_flow

    conv = Conversation(load_flow(), today=today or example.written_on)
    lines: list[str] = []
    while not conv.finished and conv.node_id != until:
        node = conv.node
        answer = example.answers.get(conv.node_id)
        if node.kind == "say":
            if node.draft:  # the draft plan is offered: Enter carries on
                lines.append("")
            conv.answer("")
        elif node.input is InputKind.LIST:
            lines += _typed_list(conv, example, answer if isinstance(answer, list) else [])
        else:
            raw = answer if isinstance(answer, str) else ""
            lines.append(raw)
            _check(example, conv.answer(raw).ok, conv.node_id)
    return lines


def _typed_list(conv: Conversation, example: Example, answer: list[dict[str, str]]) -> list[str]:
    node = conv.node
    partial = conv.flow.items[node.item or ""].partial
    existing = len(conv.items.all())
    lines: list[str] = []
    for index, item in enumerate(answer):
        editing = partial or index < existing
        chained = index > existing and conv.items.next_starts_at_once()  # the next at once
        if editing and not partial:
            lines.append(f"edit {index + 1}")
        elif not editing and (index or existing) and not chained:  # an empty list starts at once
            lines.append("add")
        lines += _typed_item(conv, example, item, adding=not editing)
        _check(example, conv.items.save(item, index if editing else None).ok, conv.node_id)
    if not partial:
        lines.append("done")
    _check(example, conv.finish_list().ok, conv.node_id)
    return lines


def _typed_item(
    conv: Conversation, example: Example, item: dict[str, str], *, adding: bool
) -> list[str]:
    parsed: dict[str, object] = {}
    lines = []
    while (item_field := conv.items.next_field(parsed, adding=adding)) is not None:
        raw = item.get(item_field.name, "")
        lines.append(raw)
        settled: dict[str, object] = {}
        parsed[item_field.name] = conv.items.parse(item_field, raw, settled=settled)
        _check(example, not isinstance(parsed[item_field.name], Result), item_field.name)
        settle_into(parsed, settled)
    return lines


def _check(example: Example, ok: bool, where: str) -> None:
    if not ok:
        raise ExampleError(f"{example.id}: '{where}' refused")


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
    helper_ids = {h.id: f"helper{n}" for n, h in enumerate(plan.helpers, start=1)}
    return plan.model_copy(
        update={
            "id": f"example{example.id}",
            "created": when,
            "updated": when,
            "outcomes": [o.model_copy(update={"id": outcome_ids[o.id]}) for o in plan.outcomes],
            "helpers": [h.model_copy(update={"id": helper_ids[h.id]}) for h in plan.helpers],
            "support_items": [
                i.model_copy(
                    update={
                        "id": f"support{n}",
                        "outcomes": [outcome_ids[o] for o in i.outcomes],
                        "helper": helper_ids.get(i.helper, i.helper),
                    }
                )
                for n, i in enumerate(plan.support_items, start=1)
            ],
            "risks": [r.model_copy(update={"id": f"risk{n}"}) for n, r in enumerate(plan.risks, 1)],
            "actions": [
                a.model_copy(update={"id": f"action{n}"}) for n, a in enumerate(plan.actions, 1)
            ],
        }
    )
