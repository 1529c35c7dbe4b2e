"""Saved plans: atomic, private, and refusing damage with a plain message."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from planner.dialogue.state import SessionState
from planner.domain.models import Plan
from planner.examples import apply_example, find_example
from planner.store.files import FileStore, StoreError

from .helpers import new_conversation


def _state() -> SessionState:
    example = find_example("amira")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example, until="outcomes")
    return conv.state


def test_a_saved_plan_opens_exactly_as_it_was(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    state = _state()
    store.save(state)
    assert store.load(state.plan.id) == state
    (listed,) = store.list()
    assert (listed.plan_id, listed.child_name, listed.node) == (state.plan.id, "Amira", "outcomes")


def test_saved_files_are_private_and_leave_no_temporary_files(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    state = _state()
    store.save(state)
    store.save(state)
    files = list((tmp_path / "plans").iterdir())
    assert [f.name for f in files] == [f"{state.plan.id}.json"]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_save_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FileStore(tmp_path)
    state = _state()
    store.save(state)
    before = store.path_for(state.plan.id).read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    changed = state.model_copy(update={"node": "support_items"})
    with pytest.raises(StoreError) as caught:
        store.save(changed)
    assert caught.value.key == "error.store.write_failed"
    assert store.path_for(state.plan.id).read_bytes() == before
    assert len(list((tmp_path / "plans").iterdir())) == 1


def test_a_read_only_folder_gets_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated, because the tests may run as root, who can write anywhere.
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(StoreError) as caught:
        FileStore(tmp_path).save(_state())
    assert caught.value.key == "error.store.read_only"


def test_plain_mode_carries_on_when_it_cannot_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.plain.runner import PlainRunner

    monkeypatch.setattr(
        tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(PermissionError(13, "no"))
    )
    out: list[str] = []
    conv = new_conversation()
    runner = PlainRunner(conv, iter(["", "1", "Ana"]), out.append, FileStore(tmp_path))
    assert runner.run() == 0
    assert conv.plan.child.name == "Ana"
    assert sum("I cannot save in the folder" in line for line in out) == 1
    assert not any("To carry on later" in line for line in out)


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b'{"flow_id": "seven_steps", "flow_ver', "error.store.damaged"),
        (b"\xff\xfe not json", "error.store.damaged"),
        (b'{"flow_id": "seven_steps", "flow_version": 1, "node": 5}', "error.store.damaged"),
        (b'{"plan": {"schema_version": 99}}', "error.store.newer"),
    ],
)
def test_damaged_saves_are_refused_and_left_alone(tmp_path: Path, content: bytes, key: str) -> None:
    store = FileStore(tmp_path)
    path = store.path_for("abc123")
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        store.load("abc123")
    assert caught.value.key == key
    assert path.read_bytes() == content
    assert store.list() == []


@pytest.mark.parametrize("code", ["../etc/passwd", "a/b", "", "x" * 65])
def test_codes_cannot_point_outside_the_plans_folder(tmp_path: Path, code: str) -> None:
    with pytest.raises(StoreError):
        FileStore(tmp_path).load(code)


def test_an_unknown_code_gets_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        FileStore(tmp_path).load(Plan().id)
    assert caught.value.key == "error.store.no_plan"
