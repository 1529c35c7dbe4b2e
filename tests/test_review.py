"""Step 7 in use: a review of an example family's plan, its summary, and the next version."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planner.dialogue.review_form import read_review
from planner.domain.review import Progress, add_review, next_version, spending
from planner.domain.timeline import key_dates
from planner.examples import example_plan, find_example
from planner.render.export import Format, render_review
from planner.session import open_session
from planner.store import open_store

TODAY = date(2026, 11, 22)


def test_a_review_form_is_read_whole_and_bad_boxes_are_named() -> None:
    plan = example_plan(find_example("kai"), today=TODAY)  # type: ignore[arg-type]
    first = plan.outcomes[0]
    boxes = {"held": "31/02/2026", "months": "40", "spent": "£1,2,3", "working": "Mentoring"}
    review, problems = read_review(plan, boxes, {first.id: "good"}, {}, TODAY)
    assert review is None
    assert sorted(problems) == ["held", "months", "spent"]
    assert problems["held"].key == "error.date.no_such_day"
    boxes.update(held="01/11/2026", months="6", spent="£2,500.50")
    review, problems = read_review(plan, boxes, {first.id: "good"}, {first.id: "Going well"}, TODAY)
    assert problems == {}
    assert review is not None
    assert review.held == date(2026, 11, 1)
    assert review.outcomes[0].progress is Progress.GOOD
    assert review.outcomes[0].note == "Going well"
    assert review.spent == Decimal("2500.50")


def test_money_spent_is_set_against_the_share_of_the_year() -> None:
    plan = example_plan(find_example("kai"), today=TODAY)  # type: ignore[arg-type]
    review, _ = read_review(plan, {"months": "6", "spent": "1000"}, {}, {}, TODAY)
    assert review is not None
    spent = spending(plan, review)
    assert spent is not None
    half = (plan.total_cost() / 2).quantize(Decimal("0.01"))
    assert spent.expected == half
    assert spent.difference == Decimal("1000.00") - half


def test_a_review_gives_a_summary_in_every_format_and_a_new_version(tmp_path: Path) -> None:
    example = find_example("kai")
    assert example is not None
    session = open_session(tmp_path)
    from planner.examples import apply_example

    apply_example(session.conversation, example)
    store = open_store(tmp_path)
    code = session.code
    store.save(session.conversation.state)
    before = store.history(code)[0].number
    earlier = store.version(code, before)
    plan = session.conversation.plan
    checks = {o.id: "some" for o in plan.outcomes}
    boxes = {"held": "20/11/2026", "months": "12", "spent": "9000", "changes": "More PA hours"}
    review, problems = read_review(plan, boxes, checks, {}, TODAY)
    assert review is not None
    assert problems == {}
    reviewed = add_review(plan, review)
    for fmt in Format:
        data = render_review(reviewed, review, fmt, "en_GB", TODAY)
        assert b"More PA hours" in data if fmt is not Format.DOCX else data[:2] == b"PK"
    summary = render_review(reviewed, review, Format.MARKDOWN, "en_GB", TODAY).decode()
    assert "# Review of Kai's support plan" in summary
    assert "A little better" in summary
    assert "Spent so far: £9,000.00." in summary
    following = next_version(reviewed)
    session.conversation.state.plan = following
    store.save(session.conversation.state)
    assert store.load(code).plan.version == plan.version + 1
    assert store.load(code).plan.reviews == [review]
    assert store.version(code, before) == earlier  # the earlier version is unchanged


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (  # a draft issued on a Friday: 15 calendar days, the window ends on a Saturday
            {"draft_issued": date(2026, 1, 30)},
            [("timeline.draft_issued", date(2026, 1, 30)), ("timeline.comment", date(2026, 2, 14))],
        ),
        (  # a final plan on 31 December: two months on is the end of February
            {"final_issued": date(2026, 12, 31)},
            [("timeline.final_issued", date(2026, 12, 31)), ("timeline.appeal", date(2027, 2, 28))],
        ),
        (  # a leap year
            {"final_issued": date(2027, 12, 31)},
            [("timeline.final_issued", date(2027, 12, 31)), ("timeline.appeal", date(2028, 2, 29))],
        ),
        (  # an under-five's plan, and a direct payment started with it
            {
                "plan_started": date(2026, 5, 31),
                "under_five": True,
                "direct_payment_started": date(2026, 5, 31),
            },
            [
                ("timeline.review_under_five", date(2026, 8, 31)),
                ("timeline.direct_payment_review", date(2026, 8, 31)),
                ("timeline.review_under_five", date(2026, 11, 30)),
                ("timeline.review_under_five", date(2027, 2, 28)),
            ],
        ),
    ],
)
def test_key_dates_from_the_dates_a_family_gives(
    given: dict[str, object], expected: list[tuple[str, date]]
) -> None:
    assert [(k.key, k.day) for k in key_dates(**given)] == expected  # type: ignore[arg-type]
