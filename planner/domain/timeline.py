"""Key dates from the dates a family gives: the EHC timeline, comment and appeal windows, reviews.

Calendar arithmetic only; no date is ever a promise. Weeks are 7 days from the request. A month
later is the same day number, or the last day of a shorter month (31 January + 1 month is
28 or 29 February). Deadlines falling on a weekend are shown as they fall: the family is told
to check with the council or SENDIASS.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from planner.domain.schooling import (
    compulsory_school_age_ends,
    eighteenth_birthday,
    school_year_starting,
)

DECIDE_TO_ASSESS_WEEKS = 6
DECIDE_TO_ISSUE_WEEKS = 16
FINAL_PLAN_WEEKS = 20
COMMENT_DAYS = 15
APPEAL_MONTHS = 2
APPEAL_AFTER_MEDIATION_MONTHS = 1
UNDER_FIVE_REVIEW_MONTHS = 3
DIRECT_PAYMENT_FIRST_REVIEW_MONTHS = 3


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the last day of that month if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class KeyDate:
    """A date and the text key that says what it is."""

    key: str
    day: date


def ehc_timeline(requested: date) -> list[KeyDate]:
    """The 20-week EHC needs assessment timeline from the date the assessment was asked for."""
    return [
        KeyDate("timeline.requested", requested),
        KeyDate("timeline.decide_to_assess", requested + timedelta(weeks=DECIDE_TO_ASSESS_WEEKS)),
        KeyDate("timeline.decide_to_issue", requested + timedelta(weeks=DECIDE_TO_ISSUE_WEEKS)),
        KeyDate("timeline.final_plan", requested + timedelta(weeks=FINAL_PLAN_WEEKS)),
    ]


def comment_deadline(draft_issued: date) -> date:
    """The last day to comment on a draft plan and ask for a school: 15 calendar days on."""
    return draft_issued + timedelta(days=COMMENT_DAYS)


def appeal_deadline(final_issued: date, mediation_certificate: date | None = None) -> date:
    """The last day to appeal a final plan: two months on, or one month after a mediation
    certificate if that is later."""
    deadline = add_months(final_issued, APPEAL_MONTHS)
    if mediation_certificate is not None:
        deadline = max(deadline, add_months(mediation_certificate, APPEAL_AFTER_MEDIATION_MONTHS))
    return deadline


def review_dates(
    plan_date: date, *, under_five: bool, direct_payment_started: date | None = None, count: int = 3
) -> list[KeyDate]:
    """The next reviews: yearly (every three months for under-fives, who are reviewed every
    three to six months), and a new direct payment's first check within three months."""
    step = UNDER_FIVE_REVIEW_MONTHS if under_five else 12
    key = "timeline.review_under_five" if under_five else "timeline.annual_review"
    found = [KeyDate(key, add_months(plan_date, step * n)) for n in range(1, count + 1)]
    if direct_payment_started is not None:
        first = add_months(direct_payment_started, DIRECT_PAYMENT_FIRST_REVIEW_MONTHS)
        found.append(KeyDate("timeline.direct_payment_review", first))
    return sorted(found, key=lambda k: k.day)


def growing_up(born: date) -> list[KeyDate]:
    """The dates that come with growing up: Year 9, when every review looks at preparing for
    adulthood and a transition assessment can be asked for (SEND Code of Practice 2015,
    para 8.9; Care Act 2014, s58); the end of Year 11, after which the young person makes their
    own decisions (Children and Families Act 2014, s80); the 17th birthday, by when the
    transition assessment should have been asked for (the Care Act 2014, s58, sets no age: it
    is due when it would help most, and a year leaves time to agree adult care; this date is
    our advice, and says so); and the 18th birthday, when adult social care takes over (Care
    Act 2014)."""
    eighteenth = eighteenth_birthday(born)
    return [
        KeyDate("timeline.year_9", date(school_year_starting(born) + 14, 9, 1)),
        KeyDate("timeline.end_of_year_11", compulsory_school_age_ends(born)),
        KeyDate("timeline.transition_assessment", add_months(eighteenth, -12)),
        KeyDate("timeline.eighteenth", eighteenth),
    ]


def key_dates(
    *,
    born: date | None = None,
    requested: date | None = None,
    draft_issued: date | None = None,
    final_issued: date | None = None,
    plan_started: date | None = None,
    under_five: bool = False,
    direct_payment_started: date | None = None,
) -> list[KeyDate]:
    """Every key date that follows from the dates given, in order."""
    found: list[KeyDate] = growing_up(born) if born is not None else []
    if requested is not None:
        found += ehc_timeline(requested)
    if draft_issued is not None:
        found.append(KeyDate("timeline.draft_issued", draft_issued))
        found.append(KeyDate("timeline.comment", comment_deadline(draft_issued)))
    if final_issued is not None:
        found.append(KeyDate("timeline.final_issued", final_issued))
        # Mediation advice comes first: an appeal needs its certificate (Children and Families
        # Act 2014, s55), so it is dated the day the final plan arrives.
        found.append(KeyDate("timeline.mediation", final_issued))
        found.append(KeyDate("timeline.appeal", appeal_deadline(final_issued)))
    if plan_started is not None:
        found += review_dates(
            plan_started, under_five=under_five, direct_payment_started=direct_payment_started
        )
    elif direct_payment_started is not None:
        first = add_months(direct_payment_started, DIRECT_PAYMENT_FIRST_REVIEW_MONTHS)
        found.append(KeyDate("timeline.direct_payment_review", first))
    return sorted(found, key=lambda k: k.day)
