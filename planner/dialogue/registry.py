"""The allow-list of guards and option sources a flow may name.

A flow file can only use names listed here; nothing is ever imported by name from a file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from planner.domain import rules
from planner.domain.models import ADULTHOOD_AREAS, CHILD_AREAS, Plan

Guard = Callable[[Plan, date], bool]


@dataclass(frozen=True)
class Choice:
    """An option as shown: the value kept in the plan and the label the family reads.

    ``key`` is the text key of the label, or ``None`` when the label is the family's own words.
    """

    value: str
    label: str
    key: str | None = None


GUARDS: dict[str, Guard] = {
    "education_money_possible": lambda plan, today: rules.education_money_possible(plan),
    "no_ehc_plan": lambda plan, today: rules.no_ehc_plan(plan),
    "ehcp_not_sure": lambda plan, today: rules.ehcp_not_sure(plan),
    "past_compulsory_school_age": rules.past_compulsory_school_age,
    "birth_date_missing": lambda plan, today: rules.birth_date_missing(plan),
    "under_five": rules.under_five,
    "from_year_9": rules.from_year_9,
    "uses_direct_payment": lambda plan, today: rules.uses_direct_payment(plan),
    "chose_mix": lambda plan, today: rules.chose_mix(plan),
    "direct_payment_in_school": lambda plan, today: rules.direct_payment_in_school(plan),
    "wants_to_employ": lambda plan, today: rules.wants_to_employ(plan),
    "court_order_blocks_direct_payment": (
        lambda plan, today: rules.court_order_blocks_direct_payment(plan)
    ),
}

OptionSource = Callable[[Plan, date], list[tuple[str, str | None, str]]]
"""Returns (value, text key or None, own words) for each option."""


def _life_areas(plan: Plan, today: date) -> list[tuple[str, str | None, str]]:
    return [(area.value, f"opt.area.{area.value}", "") for area in rules.life_areas(plan, today)]


def _outcomes(plan: Plan, today: date) -> list[tuple[str, str | None, str]]:
    return [(outcome.id, None, outcome.what) for outcome in plan.outcomes]


OPTION_SOURCES: dict[str, OptionSource] = {
    "life_areas": _life_areas,
    "outcomes": _outcomes,
}
"""Options that depend on earlier answers. ``life_areas`` changes at Year 9."""

OPTION_SOURCE_VALUES: dict[str, list[str]] = {
    "life_areas": [area.value for area in ADULTHOOD_AREAS + CHILD_AREAS],
}
"""Every value an option source can give, for checking a flow (``outcomes`` are the family's)."""
