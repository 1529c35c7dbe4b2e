"""Reading a review form: every box checked at once, each problem named by its box.

The form's text is never thrown away: a front end shows the messages beside the boxes and
keeps what was typed, so the family can put right just what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from planner.dialogue.inputs import clean_text, parse_date, parse_number
from planner.dialogue.schema import DateRule
from planner.domain.errors import InputError
from planner.domain.models import OutcomeCheck, Plan, PlanReview
from planner.domain.money import parse_money
from planner.domain.review import MAX_MONTHS, check_review
from planner.domain.vocab import Progress

SHORT, LONG = 200, 5000
BOXES = ("held", "working", "not_working", "months", "spent", "changes")
"""The review form's boxes, in order, each with its label ``ui.review_<name>``."""
LONG_BOXES = frozenset({"working", "not_working", "changes"})
"""The boxes that take a few sentences."""
PROGRESS = tuple(p.value for p in Progress)
"""How an outcome can be going, worse to done, each with its words ``opt.progress.<value>``."""


def read_review(
    plan: Plan,
    boxes: dict[str, str],
    progress: dict[str, str],
    notes: dict[str, str],
    today: date,
    *,
    locale: str = "en_GB",
) -> tuple[PlanReview | None, dict[str, InputError]]:
    """A review from the form's boxes (``progress`` and ``notes`` by outcome id), or the
    problems by box name."""
    problems: dict[str, InputError] = {}

    def read(name: str, parse: Callable[[str], object]) -> object:
        try:
            return parse(boxes.get(name, ""))
        except InputError as error:
            problems[name] = error
            return None

    held = read("held", lambda raw: parse_date(raw, DateRule.PAST, today) if raw.strip() else today)
    months = read(
        "months",
        lambda raw: int(parse_number(raw, 1, MAX_MONTHS, locale)) if raw.strip() else None,
    )
    spent = read("spent", lambda raw: parse_money(raw, locale) if raw.strip() else None)
    texts = {
        name: read(name, lambda raw: clean_text(raw, limit=LONG, multiline=True))
        for name in ("working", "not_working", "changes")
    }
    checks = []
    for outcome in plan.outcomes:
        chosen = progress.get(outcome.id, "")
        try:
            note = clean_text(notes.get(outcome.id, ""), limit=SHORT, multiline=False)
        except InputError as error:
            problems[f"note-{outcome.id}"] = error
            note = ""
        checks.append(
            OutcomeCheck(
                outcome_id=outcome.id,
                progress=Progress(chosen) if chosen in set(Progress) else None,
                note=note,
            )
        )
    if problems or not isinstance(held, date):
        return None, problems
    review = PlanReview(
        held=held,
        plan_version=plan.version,
        outcomes=checks,
        working=str(texts["working"]),
        not_working=str(texts["not_working"]),
        months=months if isinstance(months, int) else None,
        spent=spent if isinstance(spent, Decimal) else None,
        changes=str(texts["changes"]),
    )
    for problem in check_review(plan, review, today):
        problems[str(problem.params.get("field", "held"))] = problem
    return (None, problems) if problems else (review, {})
