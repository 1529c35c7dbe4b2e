"""Step 7 in use: a review of how the plan is working, and the next version of the plan.

A review records, for each outcome, how it is going (a five-point scale and a note), what is
working and what is not, the money spent so far against what was planned, and what should
change. It is kept in the plan (``Plan.reviews``). Starting the next version copies the plan with
its version number raised; the store keeps the earlier version as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from planner.domain.errors import InputError
from planner.domain.models import Plan, PlanReview, now
from planner.domain.money import to_pennies
from planner.domain.people import plan_costs

MAX_MONTHS = 36


@dataclass(frozen=True)
class Spending:
    """Money spent so far against the plan, for the months it has been running."""

    planned_year: Decimal
    expected: Decimal
    spent: Decimal
    difference: Decimal
    """Spent minus expected: above zero is more than planned so far."""


def spending(plan: Plan, review: PlanReview) -> Spending | None:
    """Spent so far against the share of the year's planned cost for the months so far."""
    if review.spent is None or not review.months:
        return None
    planned = to_pennies(plan_costs(plan).total)
    expected = to_pennies(planned * Decimal(review.months) / Decimal(12))
    return Spending(planned, expected, review.spent, review.spent - expected)


def check_review(plan: Plan, review: PlanReview, today: date) -> list[InputError]:
    """What is wrong with a review before it is kept (each with its field in ``params``)."""
    problems = []
    if review.held > today:
        problems.append(InputError("error.review.future", field="held"))
    known = {o.id for o in plan.outcomes}
    if any(c.outcome_id not in known for c in review.outcomes):
        problems.append(InputError("error.review.unknown_outcome", field="outcomes"))
    if review.months is not None and not 1 <= review.months <= MAX_MONTHS:
        problems.append(InputError("error.review.months", field="months", most=MAX_MONTHS))
    return problems


def add_review(plan: Plan, review: PlanReview) -> Plan:
    """The plan with this review kept (an earlier review of the same id is replaced)."""
    kept = [r for r in plan.reviews if r.id != review.id]
    return plan.model_copy(update={"reviews": [*kept, review.model_copy(deep=True)]}, deep=True)


def next_version(plan: Plan) -> Plan:
    """The next version of the plan, started from its latest review: the same answers, the
    version number raised, ready to go through the seven steps again."""
    return plan.model_copy(update={"version": plan.version + 1, "updated": now()}, deep=True)
