"""Long answers in the terminal app: a pasted letter stays whole, Enter makes a new line, and a
guessed amount is said back (issue 19)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import TextArea

from planner.tui.widgets.transcript import Transcript

from .test_tui import app_at

LETTER = (
    "Hi Sam,\n\n"
    "Thank you for meeting us on Tuesday. Kai liked the club and wants to go again.\n\n"
    "Could we talk about lunchtimes next week? They are still the hardest part of his day.\n\n"
    "Best wishes,\nTom"
)


async def test_a_pasted_three_paragraph_letter_is_kept_whole() -> None:
    app = app_at("not_working")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#long", TextArea).focus()
        app.post_message(events.Paste(LETTER))  # as a terminal delivers a paste
        await pilot.pause()
        assert app.conv.node_id == "not_working"  # a paste never sends the answer
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert app.conv.node_id != "not_working"
        assert app.conv.plan.not_working == LETTER


async def test_enter_in_a_long_answer_starts_a_new_line() -> None:
    app = app_at("not_working")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"First line", "enter", *"second line", "tab", "enter")
        await pilot.pause()
        assert app.conv.plan.not_working == "First line\nsecond line"


async def test_a_guessed_amount_is_said_back_in_the_app() -> None:
    app = app_at("edu_budget_amount")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"1.2k a year", "enter")
        await pilot.pause()
        assert app.conv.plan.budget.education.amount is not None
        assert str(app.conv.plan.budget.education.amount) == "1200.00"
        said = app.screen.query_one(Transcript).messages()
        notes = [words for kind, words in said if kind == "note"]
        assert any("I read that as £1,200.00" in note for note in notes)


async def test_a_paste_of_several_lines_into_a_one_line_answer_keeps_every_word() -> None:
    """Textual's own one-line box keeps only the first line of a paste."""
    from textual.widgets import Input

    app = app_at("child_name")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#text", Input).focus()
        app.post_message(events.Paste("Kai\nTanaka-Smith\n"))
        await pilot.pause()
        assert app.screen.query_one("#text", Input).value == "Kai Tanaka-Smith"


async def test_an_item_half_typed_when_the_planner_stops_comes_back(tmp_path: Path) -> None:
    """Ctrl+Q with the item form open: what was typed is saved as a draft, and the form opens
    with it next time (line mode offers the same draft)."""
    from textual.widgets import Input

    from .test_tui import make_app

    app = app_at("risks", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Getting lost")
        await pilot.press("ctrl+q")
        await pilot.pause()
    code = app.return_value
    assert code is not None
    again = make_app(tmp_path, resume=code)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.conv.node_id == "risks"
        await pilot.press("a")
        await pilot.pause()
        assert again.screen.query_one("#input-what", Input).value == "Getting lost"
        await pilot.press("escape")  # cancel lets it go
        await pilot.pause()
        assert again.conv.state.item_draft is None


async def test_a_long_answer_that_can_be_left_says_so_and_one_that_cannot_does_not() -> None:
    """Seen in the app as a parent of a 17-year-old: "Ask Sam first…" (optional) said only
    how to save, so nobody knew it could be left blank; line mode said so."""
    from textual.widgets import Label

    for node, optional in (("crisis_plan", True), ("not_working", False)):
        app = app_at(node)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            hint = str(app.screen.query_one("#answer-hint", Label).render())
            assert hint.startswith("Write as much as you like.")
            assert hint.endswith("You can leave this blank.") is optional, node
