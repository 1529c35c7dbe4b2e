"""Timeline dates are exact: month ends, leap years, a draft issued on a Friday."""

from __future__ import annotations

from datetime import date

import pytest

from planner.domain.timeline import (
    add_months,
    appeal_deadline,
    comment_deadline,
    ehc_timeline,
    review_dates,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2027, 12, 30), 2, date(2028, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 11, 15), 12, date(2027, 11, 15)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
    ],
)
def test_months_later_keep_the_day_or_use_the_last_day(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


def test_the_20_week_timeline_from_a_request() -> None:
    dates = {k.key: k.day for k in ehc_timeline(date(2026, 11, 2))}
    assert dates["timeline.decide_to_assess"] == date(2026, 12, 14)  # week 6
    assert dates["timeline.decide_to_issue"] == date(2027, 2, 22)  # week 16
    assert dates["timeline.final_plan"] == date(2027, 3, 22)  # week 20


def test_the_timeline_crosses_a_leap_day() -> None:
    dates = {k.key: k.day for k in ehc_timeline(date(2027, 12, 20))}
    assert dates["timeline.final_plan"] == date(2028, 5, 8)


@pytest.mark.parametrize(
    ("issued", "deadline"),
    [
        (date(2026, 11, 20), date(2026, 12, 5)),  # a draft issued on a Friday: due on a Saturday
        (date(2028, 2, 20), date(2028, 3, 6)),  # across 29 February
        (date(2026, 12, 24), date(2027, 1, 8)),  # across the new year
    ],
)
def test_fifteen_calendar_days_to_comment_on_a_draft(issued: date, deadline: date) -> None:
    assert comment_deadline(issued) == deadline


def test_the_friday_case_really_is_a_friday() -> None:
    assert date(2026, 11, 20).weekday() == 4
    assert comment_deadline(date(2026, 11, 20)).weekday() == 5  # shown as it falls


@pytest.mark.parametrize(
    ("final", "certificate", "deadline"),
    [
        (date(2026, 12, 31), None, date(2027, 2, 28)),
        (date(2027, 12, 31), None, date(2028, 2, 29)),
        (date(2026, 6, 15), None, date(2026, 8, 15)),
        (date(2026, 6, 15), date(2026, 8, 1), date(2026, 9, 1)),  # mediation later: one month on
        (date(2026, 6, 15), date(2026, 6, 20), date(2026, 8, 15)),  # mediation earlier: no change
    ],
)
def test_two_months_to_appeal_a_final_plan(
    final: date, certificate: date | None, deadline: date
) -> None:
    assert appeal_deadline(final, certificate) == deadline


def test_reviews_yearly_and_for_under_fives_and_a_new_direct_payment() -> None:
    yearly = review_dates(date(2026, 3, 31), under_five=False)
    assert [k.day for k in yearly] == [date(2027, 3, 31), date(2028, 3, 31), date(2029, 3, 31)]
    young = review_dates(date(2026, 11, 30), under_five=True)
    assert [k.day for k in young] == [date(2027, 2, 28), date(2027, 5, 30), date(2027, 8, 30)]
    with_dp = review_dates(
        date(2026, 11, 1), under_five=False, direct_payment_started=date(2026, 11, 30)
    )
    assert with_dp[0].key == "timeline.direct_payment_review"
    assert with_dp[0].day == date(2027, 2, 28)


def test_growing_up_brings_year_9_year_11_the_transition_assessment_and_18() -> None:
    """Kai, born 3 February 2012 (in Year 10 on 4 December 2026): Year 9 began on 1 September
    2025, Year 11 ends on the last Friday of June 2028, and he turns 18 on 3 February 2030."""
    from planner.domain.timeline import growing_up, key_dates

    dates = {k.key: k.day for k in growing_up(date(2012, 2, 3))}
    assert dates == {
        "timeline.year_9": date(2025, 9, 1),
        "timeline.end_of_year_11": date(2028, 6, 30),
        "timeline.transition_assessment": date(2029, 2, 3),  # a year before 18
        "timeline.eighteenth": date(2030, 2, 3),
    }
    leap = {k.key: k.day for k in growing_up(date(2008, 2, 29))}
    assert leap["timeline.eighteenth"] == date(2026, 3, 1)
    both = key_dates(born=date(2012, 2, 3), final_issued=date(2026, 12, 1))
    assert [k.day for k in both] == sorted(k.day for k in both)
    assert "timeline.eighteenth" in {k.key for k in both}


def test_the_key_dates_screen_shows_the_growing_up_dates_in_words() -> None:
    from planner.dialogue.timeline_form import plan_key_dates
    from planner.domain.models import Plan
    from planner.i18n import texts_for

    plan = Plan()
    plan.child.name = "Kai"
    plan.child.date_of_birth = date(2012, 2, 3)
    shown = plan_key_dates(plan, {"final_issued": date(2026, 12, 1)}, date(2026, 12, 4))
    words = [texts_for().get(k.key, name="Kai") for k in shown]
    assert "Kai turns 18. Adult social care takes over from children's services" in " ".join(words)
    assert any(
        w.startswith("Year 11 ends. After this, Kai can make their own decisions") for w in words
    )
