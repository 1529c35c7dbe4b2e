"""The family's words are data, never markup: a child named ``[/b]`` or an outcome
"Amy [Amelia]" shows exactly as typed on every screen, and nothing crashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from planner.domain.vocab import Role
from planner.services.examples import apply_example, find_example
from planner.services.library import Library
from planner.services.session import Session
from planner.services.start import Mode, Start
from planner.tui.app import PlannerApp

NAME = "[/b] Amy [Amelia]"
OUTCOME = "Goes to [b]Brownies[/b] with [@click=app.quit]friends[/]"
HELPER = "Sam [the PA] \\[not markup\\] [red]"


def _hostile_plan(data_dir: Path) -> Session:
    """Kai's finished plan, with a name and an outcome full of square brackets, saved."""
    example = find_example("kai")
    assert example is not None
    session = Library(data_dir).new()
    apply_example(session.conversation, example)
    plan = session.conversation.plan
    plan.child.name = NAME
    plan.outcomes[0].what = OUTCOME
    plan.support_items[0].what = HELPER
    session.save_now()
    return session


def _on_screen(app: PlannerApp) -> str:
    """Every word on the screen in use, as shown."""
    from planner.tui.widgets.transcript import Transcript

    shown = [str(w.render()) for w in app.screen.query("Static, Label, Button")]
    for transcript in app.screen.query(Transcript):
        shown += [words for _, words in transcript.messages()]
    for options in app.screen.query("OptionList"):
        count = options.option_count  # type: ignore[attr-defined]
        shown += [str(options.get_option_at_index(i).prompt) for i in range(count)]  # type: ignore[attr-defined]
    return "\n".join(shown)


async def test_a_plan_with_square_brackets_shows_them_on_every_screen(tmp_path: Path) -> None:
    session = _hostile_plan(tmp_path)
    app = PlannerApp(Start(library=Library(tmp_path), session=session))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert NAME in _on_screen(app)  # the title, with the child's name
        await pilot.press("f5")  # the plan so far
        await pilot.pause()
        assert NAME in _on_screen(app)
        await pilot.press("ctrl+r")  # a review lists the outcomes
        await pilot.pause()
        assert OUTCOME in _on_screen(app)
        await pilot.press("escape")
        await pilot.pause()
        app.conv.jump("plan")
        while app.conv.node_id != "support_items":
            assert app.conv.submit("").ok
        await app.screen.refresh_view()  # type: ignore[attr-defined]
        await pilot.pause()
        assert HELPER in _on_screen(app)  # the list of support
        for key in ("f3", "f9", "f8"):  # check answers, ready, save as a file
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not app.screen_stack[1], key  # a dialog opened
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("t")  # take out the first piece of support: asks, in its words
        await pilot.pause()
        assert HELPER in _on_screen(app)
        await pilot.press("escape")
        await pilot.press("ctrl+s")  # a notice with the code
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert app.return_value == session.code


async def test_the_caseload_lists_and_acts_on_a_family_named_with_markup(tmp_path: Path) -> None:
    session = _hostile_plan(tmp_path)
    assert session.store is not None
    app = PlannerApp(Start(library=Library(tmp_path), mode=Mode.KEYWORKER))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#cases", DataTable)
        assert str(table.get_row_at(0)[0]) == NAME
        await pilot.press("c")  # copy
        await pilot.pause()
        for key in ("v", "o", "d"):  # versions, notes, delete: each names the family
            await pilot.press(key)
            await pilot.pause()
            assert NAME in _on_screen(app), key
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("r")  # rename: the name to change, as it is
        await pilot.pause()
        assert app.screen.query_one("#field-name", Input).value == NAME
        await pilot.press("escape")
        await pilot.pause()
        assert any(NAME in str(n.message) for n in app._notifications)  # "copied" says the name
        await pilot.press("enter")  # open the plan
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.conv.plan.child.name == NAME
        assert NAME in _on_screen(app)


async def test_a_crash_report_names_the_screen_and_error_but_never_the_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.tui.screens.main import MainScreen

    session = _hostile_plan(tmp_path)

    def broken(screen: MainScreen) -> None:
        name = screen.conv.plan.child.name
        raise ValueError(f"could not show {name}")

    monkeypatch.setattr(MainScreen, "action_toggle_plan", broken)
    app = PlannerApp(Start(session=session))

    async def press_f5() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("f5")
            await pilot.pause()

    with pytest.raises(ValueError, match="could not show"):
        await press_f5()
    report = capsys.readouterr().err
    assert "MainScreen" in report
    assert "ValueError" in report
    assert "Amy" not in report
    assert "could not show" not in report


async def test_the_laws_notices_say_a_name_with_markup_as_typed(tmp_path: Path) -> None:
    """A rule's words include the child's name ("... has a right to a personal health
    budget"): said in the conversation exactly as typed."""
    example = find_example("jess")
    assert example is not None
    session = Library(tmp_path).new()
    apply_example(session.conversation, example, until="health_budget_status")
    session.conversation.plan.child.name = NAME
    session.conversation.plan.filled_in_by = Role.PARENT_CARER  # so the rule names her
    app = PlannerApp(Start(session=session))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert f"{NAME} has a right to a personal health budget" in _on_screen(app)


@pytest.mark.parametrize(
    "typed",
    [NAME, OUTCOME, HELPER, "[Amelia]", "[RED]bold?", "a \\\\[b] c", "x[", "[[x]]", "ends \\"],
)
def test_escaped_words_show_exactly_as_typed(typed: str) -> None:
    from textual.markup import to_content

    from planner.tui.text import escape

    assert to_content(escape(typed)).plain.rstrip("\u200b") == typed
    assert to_content(f"[b]{escape(typed)}[/b]").plain.rstrip("\u200b") == typed
