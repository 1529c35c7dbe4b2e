"""School years and the end of compulsory school age, worked out from a date of birth."""

from __future__ import annotations

from datetime import date

import pytest

from planner.domain.models import Child
from planner.domain.schooling import (
    compulsory_school_age_ends,
    last_friday_of_june,
    school_year_from_birth,
)
from planner.domain.vocab import SchoolYear


@pytest.mark.parametrize(
    ("born", "today", "expected"),
    [
        (date(2018, 9, 1), date(2026, 11, 22), SchoolYear.YEAR_3),
        (date(2019, 8, 31), date(2026, 11, 22), SchoolYear.YEAR_3),
        (date(2019, 9, 1), date(2026, 11, 22), SchoolYear.YEAR_2),
        (date(2021, 12, 25), date(2026, 11, 22), SchoolYear.RECEPTION),
        (date(2022, 5, 10), date(2026, 11, 22), SchoolYear.RECEPTION),
        (date(2023, 1, 10), date(2026, 11, 22), SchoolYear.PRE_SCHOOL),
        (date(2012, 2, 3), date(2026, 11, 22), SchoolYear.YEAR_10),
        (date(2010, 8, 31), date(2026, 11, 22), SchoolYear.YEAR_12),
        (date(2008, 1, 1), date(2026, 11, 22), SchoolYear.POST_SCHOOL),
    ],
)
def test_school_year_from_birth(born: date, today: date, expected: SchoolYear) -> None:
    assert school_year_from_birth(born, today) is expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2026, date(2026, 6, 26)), (2027, date(2027, 6, 25)), (2028, date(2028, 6, 30))],
)
def test_last_friday_of_june(year: int, expected: date) -> None:
    assert last_friday_of_june(year) == expected
    assert expected.weekday() == 4


@pytest.mark.parametrize(
    ("born", "ends"),
    [
        (date(2009, 9, 1), date(2026, 6, 26)),  # turned 16 at the start of Year 11
        (date(2010, 8, 31), date(2026, 6, 26)),  # turned 16 in the summer holiday
        (date(2010, 9, 1), date(2027, 6, 25)),
    ],
)
def test_compulsory_school_age_ends_on_the_last_friday_of_june_of_year_11(
    born: date, ends: date
) -> None:
    assert compulsory_school_age_ends(born) == ends
    child = Child(date_of_birth=born)
    assert child.past_compulsory_school_age(ends) is False
    assert child.past_compulsory_school_age(date.fromordinal(ends.toordinal() + 1)) is True


def test_without_a_birth_date_the_school_year_decides() -> None:
    assert Child(school_year=SchoolYear.YEAR_12).past_compulsory_school_age(date(2026, 1, 1))
    assert not Child(school_year=SchoolYear.YEAR_11).past_compulsory_school_age(date(2026, 1, 1))
    assert Child().past_compulsory_school_age(date(2026, 1, 1)) is None


def test_age_counts_whole_years() -> None:
    child = Child(date_of_birth=date(2012, 2, 29))
    assert child.age(date(2026, 2, 28)) == 13
    assert child.age(date(2026, 3, 1)) == 14
