"""Saved plans in the database: history, list, rename, duplicate, delete, damage."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.dialogue.loader import load_flow
from planner.dialogue.state import SessionState
from planner.domain.models import Plan
from planner.services.examples import apply_example, find_example
from planner.store import open_store
from planner.store.database import Database
from planner.store.files import StoreError
from planner.store.schema import sqlite_url

from .helpers import TODAY, new_conversation


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The same store code on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield open_store(tmp_path)
        return
    url: str = request.getfixturevalue("postgres_url")
    database = Database(url)
    yield database
    from planner.store.schema import metadata

    metadata.drop_all(database.engine)
    database.engine.dispose()


def _state(until: str = "outcomes") -> SessionState:
    example = find_example("amira")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example, until=until)
    return conv.state


def test_a_saved_plan_opens_exactly_as_it_was(store: Database) -> None:
    state = _state()
    store.save(state)
    assert store.load(state.plan.id) == state
    (listed,) = store.saved_plans()
    assert (listed.plan_id, listed.child_name, listed.node) == (state.plan.id, "Amira", "outcomes")


def test_every_change_is_kept_as_a_version_and_can_be_restored(store: Database) -> None:
    example = find_example("amira")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example, until="ehcp_status")
    early = conv.state.model_copy(deep=True)
    store.save(early)
    store.save(early)  # nothing changed: no new version
    apply_example(conv, example, until="outcomes")
    later = conv.state.model_copy(deep=True)
    store.save(later)
    history = store.history(early.plan.id)
    assert [v.number for v in history] == [2, 1]
    assert store.version(early.plan.id, 1) == early
    store.restore(early.plan.id, 1)
    assert store.load(early.plan.id) == early
    assert [v.number for v in store.history(early.plan.id)] == [3, 2, 1]
    assert store.version(early.plan.id, 2) == later  # nothing lost
    with pytest.raises(StoreError) as caught:
        store.version(early.plan.id, 9)
    assert caught.value.key == "error.store.no_version"


def test_rename_duplicate_and_delete(store: Database) -> None:
    state = _state()
    store.save(state)
    store.rename(state.plan.id, "Amira B")
    copy = store.duplicate(state.plan.id)
    assert copy != state.plan.id
    assert store.load(copy).plan.child.name == "Amira B"
    assert sorted(p.child_name for p in store.saved_plans()) == ["Amira B", "Amira B"]
    store.delete(state.plan.id)
    assert [p.plan_id for p in store.saved_plans()] == [copy]
    assert store.history(state.plan.id) == []
    from sqlalchemy import func, select

    from planner.store.schema import versions

    with store.engine.connect() as db:
        left = db.execute(
            select(func.count()).select_from(versions).where(versions.c.plan_id == state.plan.id)
        ).scalar()
    assert left == 0


def test_search_by_name(store: Database) -> None:
    for name in ("Amira", "Kai", "Kaitlyn"):
        state = _state("ehcp_status")
        child = state.plan.child.model_copy(update={"name": name})
        store.save(
            state.model_copy(update={"plan": state.plan.model_copy(update={"child": child})})
        )
    assert sorted(p.child_name for p in store.saved_plans("kai")) == ["Kai", "Kaitlyn"]


def test_browser_pages_are_linked_to_their_own_plan(store: Database) -> None:
    state = _state()
    store.save(state)
    token = "a" * 32
    store.link_session(token, state.plan.id)
    assert store.linked_plan(token) == state.plan.id
    assert store.linked_plan("b" * 32) is None
    assert store.linked_plan("../../etc") is None


def test_a_damaged_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save(_state())
    path = tmp_path / "planner.db"
    store.engine.dispose()
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    path.write_bytes(path.read_bytes()[:300])  # truncated
    damaged = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Database(sqlite_url(tmp_path)).saved_plans()
    assert caught.value.key == "error.store.damaged_db"
    assert path.read_bytes() == damaged


def test_a_read_only_folder_gets_a_plain_message(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(StoreError) as caught:
        open_store(blocked / "data")
    assert caught.value.key == "error.store.read_only"


def test_an_unknown_code_gets_a_plain_message(store: Database) -> None:
    with pytest.raises(StoreError) as caught:
        store.load(Plan().id)
    assert caught.value.key == "error.store.no_plan"


def test_plain_mode_carries_on_when_it_cannot_save(tmp_path: Path) -> None:
    from planner.plain.runner import PlainRunner
    from planner.services.session import Session

    store = open_store(tmp_path)
    store.save(_state())
    store.engine.dispose()
    (tmp_path / "planner.db").write_bytes(b"damaged")
    out: list[str] = []
    conv = new_conversation()
    session = Session(conv, Database(sqlite_url(tmp_path)))
    runner = PlainRunner(session, iter(["", "1", "Ana"]), out.append)
    assert runner.run() == 0
    assert conv.plan.child.name == "Ana"
    assert sum("looks damaged" in line for line in out) == 1
    assert not any("To carry on later" in line for line in out)


def _raw_bytes(folder: Path) -> bytes:
    """Every byte of the database and its journal files."""
    return b"".join(p.read_bytes() for p in sorted(folder.glob("planner.db*")))


def test_with_a_passphrase_the_database_holds_no_name_or_answer(tmp_path: Path) -> None:
    store = open_store(tmp_path, passphrase="correct horse battery staple")
    state = _state("finish")
    store.save(state)
    assert store.load(state.plan.id) == state
    assert [p.child_name for p in store.saved_plans("ami")] == ["Amira"]
    raw = _raw_bytes(tmp_path)
    for secret in ("Amira", "big laugh", "red blanket", "cerebral", "Saturday play scheme"):
        assert secret.encode() not in raw, secret
    plain = open_store(tmp_path / "plain")
    plain.save(state)
    assert b"red blanket" in _raw_bytes(tmp_path / "plain")  # the search can find what is there


def test_a_wrong_or_missing_passphrase_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path, passphrase="right one")
    store.save(_state())
    store.engine.dispose()
    before = _rows(tmp_path)
    for attempt in ("wrong one", None):
        with pytest.raises(StoreError) as caught:
            Database(sqlite_url(tmp_path), attempt).saved_plans()
        wanted = "error.store.wrong_passphrase" if attempt else "error.store.needs_passphrase"
        assert caught.value.key == wanted
    assert _rows(tmp_path) == before
    assert len(Database(sqlite_url(tmp_path), "right one").saved_plans()) == 1


def _rows(folder: Path) -> list[tuple[object, ...]]:
    """Every stored row, sealed as it is (SQLite may rewrite file bytes while tidying up)."""
    import sqlite3

    connection = sqlite3.connect(folder / "planner.db")
    found = []
    for table in ("plans", "versions", "settings", "sessions"):
        found += [(table, *row) for row in connection.execute(f"select * from {table}")]
    connection.close()
    return found


def test_a_passphrase_cannot_be_added_to_plans_saved_without_one(tmp_path: Path) -> None:
    open_store(tmp_path).save(_state())
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path, passphrase="late").saved_plans()
    assert caught.value.key == "error.store.not_encrypted"


def _planner(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", "--data-dir", str(data), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "PLANNER_PASSPHRASE": ""},
    )


def test_planner_list_shows_name_step_and_last_change(tmp_path: Path) -> None:
    open_store(tmp_path).save(_state("outcomes"))
    out = _planner(tmp_path, "list").stdout
    assert "Amira  (Make my plan, last changed " in out


def test_planner_forget_asks_first_then_deletes_everything(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save(_state())
    store.engine.dispose()
    kept = _planner(tmp_path, "forget", stdin="no\n")
    assert kept.returncode == 1
    assert "Nothing was deleted." in kept.stdout
    assert len(open_store(tmp_path).saved_plans()) == 1
    gone = _planner(tmp_path, "forget", stdin="DELETE\n")
    assert gone.returncode == 0
    assert not list(tmp_path.glob("planner.db*"))
    assert "There are no saved plans" in _planner(tmp_path, "list").stdout


def test_practitioner_notes_are_kept_apart_from_the_family_plan(store: Database) -> None:
    from planner.render.export import Format, render

    state = _state()
    store.save(state)
    versions_before = len(store.history(state.plan.id))
    store.add_note(state.plan.id, "Mum prefers calls after 3pm.")
    store.add_note(state.plan.id, "   ")  # an empty note is not kept
    assert [n.text for n in store.notes(state.plan.id)] == ["Mum prefers calls after 3pm."]
    assert store.noted_plans() == {state.plan.id}
    # Not in the plan, its history, its JSON file or its document unless chosen.
    assert len(store.history(state.plan.id)) == versions_before
    plan = store.load(state.plan.id).plan
    assert b"calls after 3pm" not in render(plan, Format.JSON)
    assert b"calls after 3pm" not in render(plan, Format.MARKDOWN)
    notes = [(n.written, n.text) for n in store.notes(state.plan.id)]
    chosen = render(plan, Format.MARKDOWN, notes=notes).decode()
    assert "## Practitioner notes" in chosen
    assert "calls after 3pm" in chosen
    store.delete(state.plan.id)  # a deleted plan takes its notes with it
    assert store.notes(state.plan.id) == []


def test_a_plan_opens_elsewhere_only_with_its_code_and_passphrase(store: Database) -> None:
    state = _state()
    other = _state()
    other.plan.id = "another-plan-code"
    store.save(state)
    store.save(other)
    store.lock(state.plan.id, "blue kettle morning")
    assert store.is_locked(state.plan.id)
    assert not store.is_locked(other.plan.id)
    refusals = [
        (state.plan.id, "wrong passphrase"),
        ("no-such-code", "blue kettle morning"),
        (other.plan.id, "blue kettle morning"),  # a plan with no passphrase never opens this way
    ]
    for code, passphrase in refusals:
        with pytest.raises(StoreError) as refused:
            store.unlock(code, passphrase)
        assert refused.value.key == "error.store.cannot_unlock"  # the same answer every time
    assert store.unlock(state.plan.id, "blue kettle morning") == state


def test_a_plan_brought_in_from_json_opens_at_the_first_question_left(store: Database) -> None:
    from planner.render.jsonio import to_json
    from planner.services.session import import_plan

    state = _state(until="outcomes")
    store.save(state)
    data = to_json(state.plan).encode()
    code = import_plan(store, data)
    assert code != state.plan.id  # the code was in use: nothing is overwritten
    brought = store.load(code)
    assert brought.plan.child.name == state.plan.child.name
    assert brought.node == state.node == "outcomes"
    assert store.load(state.plan.id) == state


def test_a_json_plan_file_opens_again_at_the_question_it_was_saved_at(store: Database) -> None:
    """Saved as a file part way back through the plan (an answer flagged to check), then
    brought in: the same question, the same step, the same answers to check, back still works."""
    from planner.dialogue.conversation import Conversation
    from planner.services.exporting import plan_file
    from planner.services.session import Session, import_plan

    conv = Conversation(load_flow(), _state(until="support_items"), today=TODAY)
    conv.change("ehcp_status")
    conv.state.answered["child_name"].needs_check = True
    session = Session(conv, None)
    data = plan_file(session, "json").data
    code = import_plan(store, data)
    brought = store.load(code)
    assert brought.node == "ehcp_status"
    assert brought.return_to == "support_items"
    assert brought.answered == conv.state.answered
    assert any(record.needs_check for record in brought.answered.values())
    assert brought.history == conv.state.history
    again = Conversation(load_flow(), brought, today=TODAY)
    assert again.current_step().id == conv.current_step().id
    history = list(conv.state.history)
    assert again.back()
    assert again.node_id == history[-1]


def test_a_json_file_from_an_older_flow_walks_to_the_first_question_left(
    store: Database,
) -> None:
    from planner.dialogue.state import Place
    from planner.render.jsonio import to_json
    from planner.services.session import import_plan

    state = _state(until="outcomes")
    place = Place.of(state).model_copy(update={"node": "a_question_no_longer_asked"})
    code = import_plan(store, to_json(state.plan, place).encode())
    assert store.load(code).node == "outcomes"


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b'{"format": "support-planner/plan", "version": 1, "plan": {', "error.file.not_json"),
        (b'{"hello": 1}', "error.file.not_plan"),
        (b'{"format": "support-planner/plan", "version": 99, "plan": {}}', "error.file.newer"),
        (
            b'{"format": "support-planner/plan", "version": 1, "plan": {"child": 5}}',
            "error.file.damaged",
        ),
    ],
)
def test_a_damaged_or_unknown_json_file_is_refused_and_nothing_changes(
    tmp_path: Path, data: bytes, key: str
) -> None:
    from planner.render.jsonio import PlanFileError
    from planner.services.session import import_plan

    store = open_store(tmp_path)
    store.save(_state())
    before = (tmp_path / "planner.db").read_bytes()
    with pytest.raises(PlanFileError) as refused:
        import_plan(store, data)
    assert refused.value.key == key
    assert len(store.saved_plans()) == 1
    assert (tmp_path / "planner.db").read_bytes() == before


def test_a_full_disk_gets_a_plain_message_and_keeps_what_was_saved(tmp_path: Path) -> None:
    """The disk filling up is simulated by capping the database file at its present size."""
    from sqlalchemy import event

    store = open_store(tmp_path)
    state = _state()
    store.save(state)

    def full(connection: object, _record: object) -> None:
        cursor = connection.cursor()  # type: ignore[attr-defined]
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    store.engine.dispose()
    event.listen(store.engine, "connect", full)
    bigger = _state(until="finish")
    bigger.plan.id = "a-new-plan-code"
    refused: StoreError | None = None
    for number in range(40):  # each save adds a version; the capped file fills up
        bigger.plan.profile.important_to = f"{number} " + os.urandom(2000).hex()
        try:
            store.save(bigger)
        except StoreError as error:
            refused = error
            break
    assert refused is not None
    assert refused.key == "error.store.disk_full"
    from planner.i18n import texts_for

    assert "disk is full" in texts_for().get(refused.key)
    assert store.load(state.plan.id) == state


def test_two_windows_on_one_plan_never_overwrite_each_other(store: Database) -> None:
    """The second window to save after the first has is told, and keeps its answers in memory;
    the first window's answers stay saved."""
    from planner.services.session import Session, open_session

    first_state = _state("outcomes")
    store.save(first_state)
    code = first_state.plan.id
    here = open_session(None, store=store, resume=code)
    there = open_session(None, store=store, resume=code)
    told: list[str] = []
    there.on_problem = lambda error: told.append(error.key)
    here.conversation.state.plan.child.name = "Amira Here"
    here.save_now()
    there.conversation.state.plan.child.name = "Amira There"
    there.save_now()
    assert told == ["error.store.changed_elsewhere"]
    assert store.load(code).plan.child.name == "Amira Here"
    assert there.conversation.plan.child.name == "Amira There"  # kept while it stays open
    again = Session(there.conversation, store)  # a plain save (a restore, say) still works
    again.save_now()
    assert store.load(code).plan.child.name == "Amira There"


def test_a_page_token_is_kept_only_as_a_digest_and_a_passphrase_cancels_other_links(
    store: Database,
) -> None:
    from sqlalchemy import select

    from planner.store.schema import sessions

    state = _state()
    store.save(state)
    code = state.plan.id
    mine, shared = "my-page-token-" + "a" * 20, "a-link-shared-" + "b" * 20
    store.link_session(mine, code)
    store.link_session(shared, code)
    with store.engine.connect() as db:
        kept = {row.token for row in db.execute(select(sessions))}
    assert mine not in kept
    assert shared not in kept
    assert store.linked_plan(shared) == code
    store.lock(code, "a passphrase of ours")
    assert store.linked_plan(shared) is None  # the link already out no longer opens it


def test_wrong_passphrases_in_a_row_must_wait_and_a_right_one_clears_them(
    store: Database,
) -> None:
    from datetime import UTC, datetime, timedelta

    from planner.store.database import FREE_TRIES

    state = _state()
    store.save(state)
    code = state.plan.id
    store.lock(code, "the right passphrase")
    for _ in range(FREE_TRIES):
        with pytest.raises(StoreError) as wrong:
            store.unlock(code, "a guess")
        assert wrong.value.key == "error.store.cannot_unlock"
    with pytest.raises(StoreError) as waiting:
        store.unlock(code, "the right passphrase")  # even the right one waits now
    assert waiting.value.key == "error.store.too_many_tries"
    key = "keyworker-test"
    for _ in range(FREE_TRIES + 2):
        store.note_try(key, ok=False)
    later = datetime.now(UTC) + timedelta(seconds=30 * 4 - 5)
    with pytest.raises(StoreError):
        store.check_tries(key, now=later)  # the wait doubles: 30, 60, then 120 seconds
    store.check_tries(key, now=later + timedelta(seconds=10))
    store.note_try(key, ok=True)
    store.check_tries(key)


def test_the_data_folder_and_database_are_private_whatever_they_were(tmp_path: Path) -> None:
    import stat

    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (folder / "planner.db").touch()
    (folder / "planner.db").chmod(0o644)
    store = open_store(folder)
    store.save(_state())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in folder.glob("planner.db*"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


def test_a_glance_at_the_file_tells_what_the_store_would_without_loading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line's glance (stdlib sqlite3) agrees with the store on whether plans are
    saved and whether they need a passphrase, and leaves to the store what it cannot read."""
    from planner.store.peek import Glance, glance

    monkeypatch.delenv("PLANNER_DATABASE_URL", raising=False)
    plain, locked, empty, damaged = (tmp_path / name for name in ("p", "l", "e", "d"))
    assert glance(plain) == Glance(locked=False, has_plans=False)  # a first visit: no file

    open_store(plain).save(_state())
    assert glance(plain) == Glance(locked=False, has_plans=True)
    store = open_store(locked, passphrase="correct horse battery staple")
    store.save(_state())
    assert glance(locked) == Glance(locked=True, has_plans=True)
    with pytest.raises(StoreError) as caught:
        open_store(locked).saved_plans()
    assert caught.value.key == "error.store.needs_passphrase"  # the store says the same

    shared = open_store(empty)
    shared.save(_state())
    for saved in shared.saved_plans():
        shared.delete(saved.plan_id)
    assert glance(empty) == Glance(locked=False, has_plans=False)

    damaged.mkdir()
    (damaged / "planner.db").write_bytes(b"not a database at all" * 50)
    assert glance(damaged) is None  # the store opens it, and says it is damaged
    monkeypatch.setenv("PLANNER_DATABASE_URL", sqlite_url(plain))
    assert glance(plain) is None  # a shared database: the store is asked
