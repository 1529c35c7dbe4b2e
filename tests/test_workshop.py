"""Workshops: a facilitated run with an example family, facilitator notes, and a reset that
leaves nothing behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.services.library import Library
from planner.services.start import Mode, Start
from planner.tui.app import PlannerApp
from planner.tui.screens.dialogs import ConfirmDialog, RowsDialog, TextDialog
from planner.tui.screens.main import MainScreen

from .tui_driver import keep_answer


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


async def test_a_facilitated_run_through_the_seven_steps_then_a_reset_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("PLANNER_DATA_DIR", str(tmp_path / "planner"))
    app = PlannerApp(Start(library=Library(None), mode=Mode.WORKSHOP, theme="planner-large"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, RowsDialog)
        kai = next(row for row in chooser.rows if row.value == "kai")
        chooser.dismiss(kai.value)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.theme == "planner-large"
        assert app.conv.node_id == "welcome"
        assert app.conv.plan.child.name == "Kai"  # the example's answers are there to discuss
        welcome = app.conv.node_text(app.conv.node)
        assert "Nothing is saved on this computer" in welcome  # the room is told the truth
        assert "saved on this computer as you go" not in welcome
        answers = app.conv.plan.model_dump(exclude={"updated", "created"})
        notes_seen: list[str] = []
        for _ in range(300):
            if app.conv.finished:
                break
            step = app.conv.flow.step_of(app.conv.node_id)
            if step is not None and step.id not in notes_seen:
                await pilot.press("f10")
                await pilot.pause()
                assert isinstance(app.screen, TextDialog)
                assert app.screen.title_text.startswith(f"Step {step.number}")
                notes_seen.append(step.id)
                await pilot.press("escape")
                await pilot.pause()
            await keep_answer(pilot, app)
        assert app.conv.finished
        assert len(notes_seen) == 7
        assert app.conv.plan.model_dump(exclude={"updated", "created"}) == answers
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.focused is not None
        assert app.focused.id == "close"
        await pilot.press("tab", "enter")  # by keyboard: Tab reaches "Yes, start again"
        await pilot.pause()
        assert isinstance(app.screen, RowsDialog)  # back to the start for the next group
        assert app._session is None
        assert not any(isinstance(s, MainScreen) for s in app.screen_stack)
    # Nothing of the session on disk: only the program's own cache of the compiled flow.
    left = _files(tmp_path)
    assert [f for f in left if ".cache" not in f.parts] == []
    assert not any(b"Kai" in f.read_bytes() or b"Mentoring" in f.read_bytes() for f in left)


async def test_outside_a_workshop_there_are_no_facilitator_keys() -> None:
    from planner.services.session import open_session

    app = PlannerApp(Start(session=open_session(None)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f10", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert os.environ.get("PLANNER_WORKSHOP") is None
