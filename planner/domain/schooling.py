"""School years in England, worked out from a date of birth.

A school year runs from 1 September to 31 August. Children born in the same school year are in
the same class: Reception is the year they turn five, Year 11 the year they turn sixteen.
Compulsory school age ends on the last Friday of June of Year 11.
"""

from __future__ import annotations

from datetime import date, timedelta

from planner.domain.vocab import SchoolYear

FRIDAY = 4


def school_year_starting(day: date) -> int:
    """The calendar year in which the school year containing ``day`` began."""
    return day.year if day.month >= 9 else day.year - 1


def eighteenth_birthday(born: date) -> date:
    """The day someone born on ``born`` turns 18 (1 March for a 29 February birthday)."""
    try:
        return born.replace(year=born.year + 18)
    except ValueError:
        return date(born.year + 18, 3, 1)


def school_year_from_birth(born: date, today: date) -> SchoolYear:
    """The school stage a child born on ``born`` is usually in on ``today``."""
    number = school_year_starting(today) - school_year_starting(born) - 5
    return SchoolYear.from_number(number)


def last_friday_of_june(year: int) -> date:
    """The last Friday of June in ``year``."""
    day = date(year, 6, 30)
    return day - timedelta(days=(day.weekday() - FRIDAY) % 7)


def compulsory_school_age_ends(born: date) -> date:
    """The last day of compulsory school age for a child born on ``born``."""
    return last_friday_of_june(school_year_starting(born) + 17)
