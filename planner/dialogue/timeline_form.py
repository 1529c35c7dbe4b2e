"""The key dates form (Ctrl+T): read the dates a family gives, work out the dates that follow.

Pure: a front end shows one box per field in :data:`DATE_FIELDS` and hands back what was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from planner.dialogue.inputs import parse_date
from planner.dialogue.schema import DateRule
from planner.domain.errors import InputError
from planner.domain.models import Plan
from planner.domain.rules import under_five
from planner.domain.timeline import KeyDate, key_dates

DATE_FIELDS = (
    "requested",
    "draft_issued",
    "final_issued",
    "plan_started",
    "direct_payment_started",
)
"""The dates a family may know, each with its label ``ui.dates_<name>``."""


class DateProblem(InputError):
    """A date that could not be read: ``field`` names the box, ``key`` the message."""

    def __init__(self, field: str, error: InputError) -> None:
        super().__init__(error.key, **error.params)
        self.field = field


def read_dates(values: dict[str, str], today: date) -> dict[str, date]:
    """The dates typed, by field name (blank boxes are left out). Raises :class:`DateProblem`
    for the first one that cannot be read, and ``InputError("ui.dates_none")`` when none is
    given."""
    found: dict[str, date] = {}
    for name in DATE_FIELDS:
        raw = values.get(name, "").strip()
        if not raw:
            continue
        try:
            found[name] = parse_date(raw, DateRule.ANY, today)
        except InputError as error:
            raise DateProblem(name, error) from None
    if not found:
        raise InputError("ui.dates_none")
    return found


def plan_key_dates(plan: Plan, found: dict[str, date], today: date) -> list[KeyDate]:
    """The key dates that follow from the dates given (reviews come sooner for an under-five)."""
    started = found.get("plan_started") or today
    born = plan.child.date_of_birth
    return key_dates(**found, born=born, under_five=under_five(plan, started))


def dated_lines(
    dates: Sequence[KeyDate], t: Callable[[str], str], locale: str
) -> list[tuple[str, str]]:
    """Each key date as (the day in words, what it is), in the family's language."""
    from babel.dates import format_date

    return [(format_date(k.day, "EEEE d MMMM y", locale=locale), t(k.key)) for k in dates]
