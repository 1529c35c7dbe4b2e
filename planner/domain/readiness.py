"""In Control's seven questions of a good support plan, and whether a plan answers each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from planner.domain.models import Plan
from planner.domain.people import plan_costs
from planner.domain.vocab import ManagementChoice

SEVEN_QUESTIONS: tuple[tuple[str, Callable[[Plan], bool]], ...] = (
    ("important", lambda p: bool(p.profile.important_to.strip())),
    ("change", lambda p: bool(p.outcomes)),
    ("supported", lambda p: bool(p.support_items)),
    ("money", lambda p: bool(p.support_items) and plan_costs(p).total > 0),
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


def _panel_sections(plan: Plan) -> list[tuple[str, str, bool]]:
    """The parts of a plan a council panel looks for beside the seven questions: each text
    key, the question that fills it, and whether it is filled."""
    profile = plan.profile
    return [
        ("ready.profile", "like_about", bool(profile.like_about.strip())),
        ("ready.profile_support", "how_to_support", bool(profile.how_to_support.strip())),
        ("ready.week", "good_week", bool(plan.good_week.strip())),
        ("ready.involved", "agree_involved", bool(plan.agreeing.involved.strip())),
        ("ready.views", "agree_views", bool(plan.agreeing.views.strip())),
        # A young person making their own plan signs it themselves (their name is printed
        # where they sign); a family's signature beside theirs is up to them.
        (
            "ready.signs",
            "agree_signs",
            plan.by_young_person or bool(plan.agreeing.family_signs.strip()),
        ),
        ("ready.review", "review_how_often", plan.review.how_often is not None),
    ]


@dataclass(frozen=True)
class Missing:
    """Something a plan needs before it is ready to share, and the question that fixes it."""

    key: str
    node: str
    params: dict[str, tuple[str, ...] | str] = field(default_factory=dict)
    """Values for its words, as text keys (see :func:`planner.domain.lawbook.worded`)."""


def readiness(plan: Plan, today: date | None = None) -> list[Missing]:
    """What is still missing before the plan is ready to share (empty when it is ready): the
    seven questions, risks, a back-up plan and a crisis plan, the parts a panel looks for
    (the one-page profile, a typical week, who helped to make it, the child's or young
    person's own view of it, who signs for the family, how often it is checked), every piece
    of support tied to an outcome, an explanation for any overspend (in total or in one
    funding stream, as money cannot move between streams), and anything the law asks for
    first (each legal bar, each thing needed first, each warning from the rules table, in its
    own words)."""
    from planner.domain.budget import totals
    from planner.domain.lawbook import applying

    missing = [
        Missing(f"ready.{key}", QUESTION_NODES[key])
        for key, answered in seven_questions(plan)
        if not answered
    ]
    if plan.support_items and any(not item.outcomes for item in plan.support_items):
        missing.append(Missing("ready.outcome_links", "support_items"))
    if not plan.risks:
        missing.append(Missing("ready.risks", "risks"))
    if not plan.backup_plan.strip():
        missing.append(Missing("ready.backup", "backup_plan"))
    if not plan.crisis_plan.strip():
        missing.append(Missing("ready.crisis", "crisis_plan"))
    missing += [  # what a council panel asks for beside the seven questions
        Missing(key, node) for key, node, answered in _panel_sections(plan) if not answered
    ]
    found = totals(plan)
    over = (found.budget and found.gap > 0) or any(
        part.gap is not None and part.gap > 0 and part.stream is not None for part in found.streams
    )
    if over and not plan.budget_gap.strip():
        missing.append(Missing("ready.gap", "budget_gap"))
    for rule in applying(plan, today or date.today()):
        if rule.blocks:
            missing.append(Missing(rule.reason, rule.node or "money_option", rule.words(plan)))
    return missing
