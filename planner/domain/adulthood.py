"""Preparing for adulthood and the move to adult services: the transition plan.

From Year 9 every review of an EHC plan looks ahead to adult life, in four areas: work or
study, living more independently, friends and community, and good health (SEND Code of
Practice 2015, para 8.9). At 18, care moves from children's services to adult social care
under the Care Act 2014, with a new assessment, its own personal budget and charges, while an
EHC plan can carry on to 25. This module says which of those changes apply to a plan, each
with the law it comes from; the words for them are in the catalogue (``adult.<key>``), with
``_self`` variants for a young person making their own plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from planner.domain.models import Outcome, Plan
from planner.domain.rules import education_money_possible
from planner.domain.timeline import KeyDate, growing_up
from planner.domain.vocab import ADULTHOOD_AREAS, HealthRight, LifeArea


@dataclass(frozen=True)
class Change:
    """Something that changes at 18, or is worth asking for before then."""

    key: str
    """The text key: ``adult.<key>``."""
    source: str
    """The act, regulation or guidance it comes from."""
    applies: Callable[[Plan], bool] = lambda plan: True


def _continuing_care(plan: Plan) -> bool:
    return plan.health_right is HealthRight.CONTINUING_CARE


CHANGES: tuple[Change, ...] = (
    Change(
        "transition_assessment",
        "Care Act 2014, s58 and s59 (an assessment before 18, when it would help most)",
    ),
    Change(
        "assessment",
        "Care Act 2014, s9 and s13; Care and Support (Eligibility Criteria) Regulations 2015",
    ),
    Change("personal_budget", "Care Act 2014, s25 and s26 (care and support plan, budget)"),
    Change(
        "direct_payment",
        "Care Act 2014, s31 and s32 (direct payments for adults, and for someone on their behalf)",
    ),
    Change("charges", "Care Act 2014, s14 and s17 (charging and the financial assessment)"),
    Change("no_gap", "Care Act 2014, s66 (children's services carry on until adult care starts)"),
    Change(
        "ehc_to_25",
        "Children and Families Act 2014, s45 and s83(2); SEND Code of Practice 2015, "
        "paras 9.199 to 9.210",
        education_money_possible,  # an EHC plan in place or being written
    ),
    Change(
        "health",
        "National Framework for Children and Young People's Continuing Care 2016 "
        "(moving to adult NHS continuing healthcare)",
        _continuing_care,
    ),
)


def changes(plan: Plan) -> list[Change]:
    """What changes at 18 for this plan, and what to ask for first, in order."""
    return [change for change in CHANGES if change.applies(plan)]


def outcomes_by_area(plan: Plan) -> list[tuple[LifeArea, list[Outcome]]]:
    """Each Preparing for Adulthood area with the plan's outcomes in it (maybe none)."""
    return [(area, [o for o in plan.outcomes if o.area is area]) for area in ADULTHOOD_AREAS]


def dates_ahead(plan: Plan, today: date) -> list[KeyDate]:
    """The growing-up dates still to come: Year 9, the end of Year 11, the time to have asked
    for the transition assessment, the 18th birthday."""
    born = plan.child.date_of_birth
    if born is None:
        return []
    return [found for found in growing_up(born) if found.day >= today]
