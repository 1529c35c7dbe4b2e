"""In Control's seven questions of a good support plan, and whether a plan answers each."""

from __future__ import annotations

from collections.abc import Callable

from planner.domain.models import ManagementChoice, Plan

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
