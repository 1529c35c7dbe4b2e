"""In Control's seven questions of a good support plan, and whether a plan answers each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner.domain.models import Plan
from planner.domain.vocab import ManagementChoice

SEVEN_QUESTIONS: tuple[tuple[str, Callable[[Plan], bool]], ...] = (
    ("important", lambda p: bool(p.profile.important_to.strip())),
    ("change", lambda p: bool(p.outcomes)),
    ("supported", lambda p: bool(p.support_items)),
    ("money", lambda p: bool(p.support_items) and p.total_cost() > 0),
    (
        "managed",
        lambda p: p.money.option is not None and p.money.option is not ManagementChoice.NOT_SURE,
    ),
    ("control", lambda p: bool(p.staying_in_control.strip()) and bool(p.risks)),
    ("action", lambda p: bool(p.actions)),
)
"""Each question's key (``question.<key>`` in the catalogs) and the test that it is answered."""


def seven_questions(plan: Plan) -> list[tuple[str, bool]]:
    """Each of the seven questions with whether the plan answers it."""
    return [(key, test(plan)) for key, test in SEVEN_QUESTIONS]


def answers_all_seven(plan: Plan) -> bool:
    """Whether the plan answers all seven questions."""
    return all(answered for _, answered in seven_questions(plan))


QUESTION_NODES = {
    "important": "important_to",
    "change": "outcomes",
    "supported": "support_items",
    "money": "support_items",
    "managed": "money_option",
    "control": "staying_in_control",
    "action": "actions",
}
"""Where in the conversation each of the seven questions is answered."""


@dataclass(frozen=True)
class Missing:
    """Something a plan needs before it is ready to share, and the question that fixes it."""

    key: str
    node: str


def readiness(plan: Plan) -> list[Missing]:
    """What is still missing before the plan is ready to share (empty when it is ready)."""
    from planner.domain.budget import totals

    missing = [
        Missing(f"ready.{key}", QUESTION_NODES[key])
        for key, answered in seven_questions(plan)
        if not answered
    ]
    if not plan.risks:
        missing.append(Missing("ready.risks", "risks"))
    if not plan.backup_plan.strip():
        missing.append(Missing("ready.backup", "backup_plan"))
    found = totals(plan)
    if found.budget and found.gap > 0 and not plan.budget_gap.strip():
        missing.append(Missing("ready.gap", "budget_gap"))
    return missing
