"""Nothing lost: journeys killed with SIGKILL at random moments, and two processes at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.store import open_store

CHILD = Path(__file__).parent / "crash_child.py"
KILLS = 200

pytestmark = pytest.mark.slow


def run_until_killed(data_dir: Path, example: str, after: float) -> list[tuple[str, int]]:
    """Start a journey, kill it with SIGKILL after ``after`` seconds; what it had saved."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), example],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate(timeout=10)
    saved = []
    for line in out.decode().splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            saved.append((parts[0], int(parts[1])))
    return saved


def test_answers_saved_before_a_sigkill_are_all_there(tmp_path: Path) -> None:
    random.seed(2026)
    data_dir = tmp_path / "data"
    examples = ["amira", "kai", "jess"]
    checked = 0
    for kill in range(KILLS):
        saved = run_until_killed(data_dir, examples[kill % 3], random.uniform(0.25, 0.9))
        if saved:
            plan_id, answered = saved[-1]
            state = open_store(data_dir).load(plan_id)
            assert len(state.answered) >= answered, (kill, plan_id)
            checked += 1
    connection = sqlite3.connect(data_dir / "planner.db")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    print(f"\n{KILLS} kills; {checked} killed mid-journey after saving and checked")
    assert checked > KILLS // 2


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
