"""Step 7 in use: a review of an example family's plan, its summary, and the next version."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from planner.dialogue.review_form import read_review
from planner.domain.people import plan_costs
from planner.domain.review import add_review, next_version, spending
from planner.domain.timeline import key_dates
from planner.domain.vocab import Progress
from planner.render.export import Format, render_review
from planner.services.examples import example_plan, find_example
from planner.services.session import open_session
from planner.store import open_store

from .helpers import TODAY


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
    half = (plan_costs(plan).total / 2).quantize(Decimal("0.01"))
    assert spent.expected == half
    assert spent.difference == Decimal("1000.00") - half


def test_a_review_gives_a_summary_in_every_format_and_a_new_version(tmp_path: Path) -> None:
    example = find_example("kai")
    assert example is not None
    session = open_session(tmp_path)
    from planner.services.examples import apply_example

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
    starts = {Format.DOCX: b"PK", Format.PDF: b"%PDF-"}  # compressed: their own openings
    for fmt in Format:
        data = render_review(reviewed, review, fmt, "en_GB", TODAY)
        assert data.startswith(starts[fmt]) if fmt in starts else b"More PA hours" in data
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
            [
                ("timeline.final_issued", date(2026, 12, 31)),
                ("timeline.mediation", date(2026, 12, 31)),
                ("timeline.appeal", date(2027, 2, 28)),
            ],
        ),
        (  # a leap year
            {"final_issued": date(2027, 12, 31)},
            [
                ("timeline.final_issued", date(2027, 12, 31)),
                ("timeline.mediation", date(2027, 12, 31)),
                ("timeline.appeal", date(2028, 2, 29)),
            ],
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


async def test_key_dates_in_the_app_from_the_dates_given() -> None:
    from planner.services.start import Start
    from planner.tui.app import PlannerApp
    from planner.tui.screens.dialogs import FormDialog, TextDialog

    app = PlannerApp(Start(session=open_session(None)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#field-draft_issued").value = "31/02/2026"  # type: ignore[attr-defined]
        await pilot.click("#form-ok")
        await pilot.pause()
        assert app.screen is form  # a plain message, the dates kept to put right
        error = form.query_one("#form-error")
        assert "February 2026 has only 28 days" in str(error.render())
        seen, _ = form.get_widget_at(error.region.x, error.region.y)
        assert seen is error  # in sight above the buttons, however long the form
        form.query_one("#field-draft_issued").value = "30/01/2026"  # type: ignore[attr-defined]
        await pilot.pause(0.3)  # a button ignores a second click while it shows the first
        await pilot.click("#form-ok")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        assert "Saturday 14 February 2026" in app.screen.text
        assert "Last day to comment on the draft plan" in app.screen.text


async def test_a_review_in_the_app_gives_a_summary_file_and_the_next_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+R on Kai's finished plan: a bad box is named and nothing typed is lost; keeping the
    review offers its summary as a file, then the next version back at step 1."""
    from textual.widgets import Input

    from planner.services.start import Start
    from planner.tui.app import PlannerApp
    from planner.tui.screens.dialogs import RowsDialog
    from planner.tui.screens.review import ReviewScreen

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "Downloads"))
    session, store = _kai_saved(tmp_path / "data")
    code, plan = session.code, session.conversation.plan
    first = store.history(code)[0].number
    earlier = store.version(code, first)
    app = PlannerApp(Start(session=session))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ReviewScreen)
        await _fill_review(pilot, form, plan)
        await pilot.pause()
        await pilot.click("#keep")
        await pilot.pause()
        assert app.screen is form  # still open, with a plain message by the date
        assert "February 2026 has only 28 days" in str(form.query_one("#error-held").render())
        assert form.query_one("#box-spent", Input).value == "£4,000"  # nothing lost
        form.query_one("#box-held", Input).value = "20/11/2026"
        await pilot.pause(0.3)
        await pilot.click("#keep")
        await pilot.pause()
        assert isinstance(app.screen, RowsDialog)  # the summary, or the next version
        await pilot.press("tab", "tab", "tab", "enter")  # the fourth format: Markdown
        await app.workers.wait_for_complete()
        await pilot.pause()
        summaries = list((tmp_path / "Downloads").iterdir())
        assert len(summaries) == 1
        summary = summaries[0].read_text()
        assert "Review of Kai's support plan" in summary
        assert "Joined the climbing club" in summary
        assert "More PA hours in the holidays" in summary
        assert "£4,000.00" in summary
        assert isinstance(app.screen, RowsDialog)  # offered again, for another format
        await pilot.press("tab", "tab", "tab", "tab", "tab", "enter")  # the last: the next version
        await pilot.pause()
        assert app.conv.plan.version == plan.version + 1
        assert app.conv.node.step == app.conv.flow.steps[0].id  # back to step 1
    saved = store.load(code)
    assert saved.plan.version == plan.version + 1
    assert saved.plan.reviews[0].outcomes[0].note == "Joined the climbing club"
    assert store.version(code, first) == earlier  # the earlier version is unchanged


async def _fill_review(pilot: Any, form: Any, plan: Any) -> None:
    """Kai's review, typed in with a date that does not exist."""
    from textual.widgets import Input, Select

    await pilot.press(*"31/02/2026")  # the date box has the focus
    form.query_one("#box-spent", Input).value = "£4,000"
    for outcome in plan.outcomes:
        form.query_one(f"#scale-{outcome.id}", Select).value = "some"
    form.query_one(f"#note-{plan.outcomes[0].id}", Input).value = "Joined the climbing club"
    form.query_one("#box-changes").load_text("More PA hours in the holidays")


def _kai_saved(data_dir: Path) -> tuple[Any, Any]:
    """Kai's finished plan, saved: its session and the store."""
    from planner.services.examples import apply_example

    session = open_session(data_dir)
    apply_example(session.conversation, find_example("kai"))  # type: ignore[arg-type]
    session.save(session.conversation.state)
    return session, open_store(data_dir)
