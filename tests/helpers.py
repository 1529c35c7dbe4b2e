"""Shared helpers for the tests: fresh conversations, example families as typed lines, and
ports and servers on loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

from planner.dialogue.conversation import Conversation
from planner.dialogue.loader import load_flow
from planner.services.examples import Example, typed_lines

TODAY = date(2026, 11, 22)


def new_conversation(today: date = TODAY) -> Conversation:
    """A conversation at the welcome, on the shipped flow."""
    return Conversation(load_flow(), today=today)


def plain_lines(example: Example, until: str | None = None, today: date = TODAY) -> list[str]:
    """The lines a person would type in ``planner plain`` to give the example's answers, up to
    the finish or to the node ``until`` (see :func:`typed_lines`)."""
    return typed_lines(example, until=until, today=today)


def plain_says(data_dir: Path, typed: str) -> str:
    """What ``planner plain`` writes when ``typed`` is typed into it, with its data in
    ``data_dir`` (no network: an empty PATH)."""
    result = subprocess.run(
        [sys.executable, "-m", "planner", "plain"],
        input=typed,
        capture_output=True,
        text=True,
        env={"PLANNER_DATA_DIR": str(data_dir), "PATH": ""},
        timeout=60,
    )
    return result.stdout


def free_port() -> int:
    """A port on loopback that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def is_serving(url: str) -> bool:
    """Whether ``url`` answers before long: a server says it is ready by serving."""
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)
            return True
        except OSError:
            time.sleep(0.1)
    return False


def broken_copy(shipped: str, old: str, new: str, path: Path) -> Path:
    """A copy of a shipped data file with one change (to show what the checker says of it)."""
    assert old in shipped
    path.write_text(shipped.replace(old, new, 1), encoding="utf-8")
    return path
