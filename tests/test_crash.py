"""Nothing lost: journeys killed with SIGKILL at random moments, and two processes at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.store import open_store

CHILD = Path(__file__).parent / "crash_child.py"
KILLS = 200

pytestmark = pytest.mark.slow


def run_until_killed(data_dir: Path, example: str, saves: int) -> list[tuple[str, int]]:
    """Start a journey and kill it with SIGKILL as soon as it says it has saved ``saves``
    answers (it goes on answering meanwhile, so the kill lands at a moment we do not choose);
    every save it reported. Waiting for the child's word, not a clock, keeps this true on a
    busy machine."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), example],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert child.stdout is not None
    lines: list[str] = []
    for raw in child.stdout:
        lines.append(raw.decode())
        if lines[-1].strip() == "finished" or len(lines) >= saves:
            break
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    lines += rest.decode().splitlines()
    saved = []
    for line in lines:
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            saved.append((parts[0], int(parts[1])))
    return saved


def test_answers_saved_before_a_sigkill_are_all_there(tmp_path: Path) -> None:
    random.seed(2026)
    data_dir = tmp_path / "data"
    examples = ["amira", "kai", "jess"]
    for kill in range(KILLS):
        saved = run_until_killed(data_dir, examples[kill % 3], random.randint(1, 70))
        assert saved, kill
        plan_id, answered = saved[-1]
        state = open_store(data_dir).load(plan_id)
        assert len(state.answered) >= answered, (kill, plan_id)
    connection = sqlite3.connect(data_dir / "planner.db")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_two_processes_saving_different_plans_at_once_both_succeed(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    children = [
        subprocess.Popen(
            [sys.executable, str(CHILD), str(tmp_path), example],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for example in ("kai", "jess")
    ]
    results = [c.communicate(timeout=120) for c in children]
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err.decode()[-2000:]
        assert out.decode().rstrip().endswith("finished")
    store = open_store(tmp_path)
    names = sorted(p.child_name for p in store.saved_plans())
    assert names == ["Jess", "Kai"]
    for saved in store.saved_plans():
        assert store.load(saved.plan_id).node == "finish"
