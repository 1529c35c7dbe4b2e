"""Saved plans in the app: the family's list, the keyworker's caseload, and browser isolation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from planner.i18n import fold
from planner.services.caseload import CaseFilter, CaseRow, Changed, filter_rows
from planner.services.examples import find_example
from planner.services.library import Library
from planner.services.session import open_session
from planner.services.start import Mode, Start
from planner.store import open_store
from planner.store.database import Database
from planner.tui.app import PlannerApp
from planner.tui.screens.dialogs import ConfirmDialog, FormDialog, RowsDialog, VersionDialog
from planner.tui.screens.main import MainScreen
from planner.tui.screens.plans import PlansScreen
from planner.web.page import PageConfig

from .tui_driver import answer_node

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _row(name: str, step: int = 1, days: int = 0, noted: bool = False) -> CaseRow:
    return CaseRow(f"code-{name}", name, step, NOW - timedelta(days=days), noted, fold(name))


def test_search_and_filters_narrow_the_list() -> None:
    rows = [
        _row("Zoë Ward", step=2, days=1),
        _row("Kai", step=5, days=20, noted=True),
        _row("Jess", step=8, days=200),
    ]

    def names(wanted: CaseFilter) -> list[str]:
        return [r.name for r in filter_rows(rows, wanted, NOW)]

    assert names(CaseFilter(text="zoe")) == ["Zoë Ward"]  # no case, no accents
    assert names(CaseFilter(text="code-K")) == ["Kai"]  # or by the start of the code
    assert names(CaseFilter(step=8)) == ["Jess"]
    assert names(CaseFilter(changed=Changed.WEEK)) == ["Zoë Ward"]
    assert names(CaseFilter(changed=Changed.MONTH)) == ["Zoë Ward", "Kai"]
    assert names(CaseFilter(changed=Changed.STALE)) == ["Jess"]
    assert names(CaseFilter(noted_only=True)) == ["Kai"]
    assert names(CaseFilter(text="nobody")) == []


def _saved(store: Database, data_dir: Path, name: str) -> str:
    session = open_session(data_dir, store=store)
    conv = session.conversation
    conv.answer("")
    conv.state.plan.child.name = name
    store.save(conv.state)
    return session.code


def _text(app: PlannerApp) -> str:
    """Everything on screen, as words."""
    return " ".join(str(w.render()) for w in app.screen.query("Static, Label, Button"))


async def test_a_keyworker_closes_the_lid_comes_back_and_starts_a_second_family(
    tmp_path: Path,
) -> None:
    # Day one: a keyworker starts a plan for the first family and quits ("closes the lid").
    app = PlannerApp(Start(library=Library(tmp_path), mode=Mode.KEYWORKER))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        kai = find_example("kai")
        assert kai is not None
        while not app.conv.plan.child.name:
            await answer_node(pilot, app, kai)
        await answer_node(pilot, app, kai)
        reached = app.conv.node_id
        await pilot.press("ctrl+q")  # back to the caseload, the plan saved
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        await pilot.press("ctrl+q")
    # Day two: the plan is in the caseload, and opens at the same question.
    app = PlannerApp(Start(library=Library(tmp_path), mode=Mode.KEYWORKER, saved=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Kai" in _text(app) or app.screen.shown[0].name == "Kai"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.conv.plan.child.name == "Kai"
        assert app.conv.node_id == reached
        # A second family: nothing of Kai's on screen or in the new plan.
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.conv.plan.child.name == ""
        assert app.conv.node_id == "welcome"
        assert "Kai" not in _text(app)
        assert len([s for s in app.screen_stack if isinstance(s, MainScreen)]) == 1


async def test_the_list_renames_copies_deletes_after_a_yes_and_keeps_notes(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path)
    _saved(store, tmp_path, "Ruby")
    app = PlannerApp(Start(library=Library(tmp_path), mode=Mode.KEYWORKER, saved=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlansScreen)
        await pilot.press("r")
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-name").value = ""  # type: ignore[attr-defined]
        await pilot.press("enter")  # an empty name is refused, the dialog stays
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-name").value = "Ruby W"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert [r.name for r in screen.rows] == ["Ruby W"]
        await pilot.press("c")  # copy
        await pilot.pause()
        assert len(screen.rows) == 2
        await pilot.press("o")  # a note on the plan under the cursor
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-note").value = "Call after 3pm"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        noted = screen.chosen()
        assert noted is not None
        assert noted.noted
        assert [n.text for n in store.notes(noted.plan_id)] == ["Call after 3pm"]
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focus starts on "No, keep it"
        await pilot.pause()
        assert len(screen.rows) == 2
        await pilot.press("d")
        await pilot.click("#yes")  # "Yes, delete it"
        await pilot.pause()
        assert len(screen.rows) == 1
        assert noted.plan_id not in {r.plan_id for r in screen.rows}
        assert store.notes(noted.plan_id) == []
        assert store.history(noted.plan_id) == []


async def test_an_earlier_version_can_be_seen_and_made_current(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    code = _saved(store, tmp_path, "Ruby")
    store.rename(code, "Ruby W")
    app = PlannerApp(Start(library=Library(tmp_path), saved=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        assert isinstance(app.screen, RowsDialog)
        assert app.screen.rows[0].value == str(len(app.screen.rows))  # newest first
        before_rename = app.screen.rows[1]
        assert store.version(code, int(before_rename.value)).plan.child.name == "Ruby"
        app.screen.dismiss(before_rename.value)
        await pilot.pause()
        assert isinstance(app.screen, VersionDialog)
        assert "Ruby" in app.screen.text
        assert "Ruby W" not in app.screen.text
        await pilot.click("#restore")
        await pilot.pause()
    assert store.load(code).plan.child.name == "Ruby"
    numbers = [v.number for v in store.history(code)]
    assert numbers[0] == max(numbers)  # the restore is a new version: nothing is lost
    assert store.version(code, numbers[1]).plan.child.name == "Ruby W"


async def test_a_browser_page_never_lists_plans_and_opens_one_only_with_code_and_passphrase(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path)
    other = _saved(store, tmp_path, "Ruby")
    store.lock(other, "ruby's passphrase")
    page = PageConfig(token="page-two-token-abcdefgh", data_dir=tmp_path)
    app = PlannerApp(page.start())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # asks for a code; shows no list
        assert not any(isinstance(s, PlansScreen) for s in app.screen_stack)
        assert "Ruby" not in _text(app)
        app.screen.query_one("#field-code").value = other  # type: ignore[attr-defined]
        app.screen.query_one("#field-passphrase").value = "a guess"  # type: ignore[attr-defined]
        await pilot.click("#form-ok")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "do not open a plan" in _text(app)
        assert app.conv.plan.child.name == ""
        app.screen.query_one("#field-passphrase").value = "ruby's passphrase"  # type: ignore[attr-defined]
        await pilot.click("#form-ok")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.conv.plan.child.name == "Ruby"
    assert store.linked_plan("page-two-token-abcdefgh") == other


async def test_a_served_keyworker_page_opens_the_caseload_only_with_the_passphrase(
    tmp_path: Path,
) -> None:
    from planner.store.crypto import passphrase_check

    store = open_store(tmp_path)
    _saved(store, tmp_path, "Ruby")
    check = passphrase_check("keyworker secret")
    page = PageConfig(token="keyworker-page-token-abc", data_dir=tmp_path, keyworker_check=check)
    app = PlannerApp(page.start())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-passphrase").value = "wrong one"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "not the keyworker" in _text(app)
        app.screen.query_one("#field-passphrase").value = "keyworker secret"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlansScreen)
        assert [r.name for r in app.screen.rows] == ["Ruby"]


async def test_a_note_that_cannot_be_saved_stays_in_its_box(tmp_path: Path) -> None:
    from planner.store.files import StoreError

    store = open_store(tmp_path)
    _saved(store, tmp_path, "Ruby")
    library = Library(tmp_path)
    app = PlannerApp(Start(library=library, mode=Mode.KEYWORKER))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        form = app.screen
        assert isinstance(form, FormDialog)

        def full(plan_id: str, text: str) -> None:
            raise StoreError("error.store.disk_full")

        assert library.store is not None
        library.store.add_note = full  # type: ignore[method-assign]
        form.query_one("#field-note").value = "Call after 3pm"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "disk is full" in _text(app)
        assert form.query_one("#field-note").value == "Call after 3pm"  # type: ignore[attr-defined]
