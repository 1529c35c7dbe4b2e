"""How far a family has got: the route through the flow, the seven steps' status, the answers
of a step to check, and what is still missing before the plan is ready to share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.dialogue.prompt import StepProgress, SummaryRow
from planner.dialogue.state import StepStatus

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation


def route(conv: Conversation) -> list[str]:
    """The nodes the family passes through from the start, up to the first unanswered question
    (or the end), given the answers so far."""
    answered, nodes = conv.state.answered, conv.flow.nodes
    seen: list[str] = []
    node_id: str | None = conv.flow.start
    while node_id is not None and node_id not in seen:
        seen.append(node_id)
        if node_id not in answered and nodes[node_id].kind != "finish":
            break
        node_id = conv.next_of(node_id)
    return seen


def _on_route(conv: Conversation) -> list[str]:
    """Every node the answers so far lead through, including those past the frontier that
    were answered before (so a jump forward still shows them)."""
    seen: list[str] = []
    node_id: str | None = conv.flow.start
    while node_id is not None and node_id not in seen:
        seen.append(node_id)
        node_id = conv.next_of(node_id)
    return seen


def steps(conv: Conversation) -> list[StepProgress]:
    """Each of the seven steps with its status."""
    flow, answered = conv.flow, conv.state.answered
    frontier = route(conv)[-1]
    order = {s.id: i for i, s in enumerate(flow.steps)}
    frontier_step = flow.nodes[frontier].step
    frontier_rank = order.get(frontier_step, len(order) if frontier_step == "finish" else -1)
    result = []
    for rank, step in enumerate(flow.steps):
        done = [n for n in conv.step_nodes(step.id) if n in answered]
        if any(answered[n].needs_check for n in done):
            status = StepStatus.NEEDS_CHECK
        elif frontier_rank > rank:
            status = StepStatus.DONE
        elif done or conv.node.step == step.id:
            status = StepStatus.IN_PROGRESS
        else:
            status = StepStatus.NOT_STARTED
        result.append(StepProgress(step=step, title=conv.t(step.title), status=status))
    return result


def check_rows(conv: Conversation, step_id: str) -> list[SummaryRow]:
    """The questions of one step with their answers, for "check your answers"."""
    rows = []
    for node_id in _on_route(conv):
        node = conv.flow.nodes[node_id]
        if node.step != step_id or node.kind != "ask":
            continue
        record = conv.state.answered.get(node_id)
        rows.append(
            SummaryRow(
                node_id=node_id,
                question=conv.node_text(node),
                answer=conv.display(node) if record else conv.t("word.not_answered"),
                answered=record is not None,
                needs_check=bool(record and record.needs_check),
            )
        )
    return rows


def missing_rows(conv: Conversation) -> list[SummaryRow]:
    """What the plan still needs before it is ready to share, each with the question that
    fills it in (``question`` holds what is missing, in words). Empty when it is ready."""
    from planner.domain.lawbook import worded
    from planner.domain.readiness import readiness

    return [
        SummaryRow(
            item.node,
            conv.t(item.key, **worded(item.params, conv.t)),
            "",
            answered=False,
            needs_check=False,
        )
        for item in readiness(conv.plan, conv.today)
    ]
