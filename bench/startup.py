"""Benchmark: start to first interactive frame on a pseudo-terminal.

Each program runs in its own pseudo-terminal (120x40); the clock stops when the text that
means "ready for the family" appears in what it draws: the welcome's "Carry on" button for
Support Planner, the one line of the minimal app (the floor, measured in the same run, the two
taking turns). Python may write its bytecode caches, as it does on a family's computer, and
each program runs once before the clock starts, so that neither pays for compiling its source
(and the planner's cache folder holds what a first start leaves there).
Target: at most 1.3 times the minimal app.

A family coming back (a plan saved in the data folder) is timed too, beside the same minimal
app: to the first frame (the saved plans' title and word that they are opening), and to the
list of plans drawn, which waits for the store (SQLAlchemy and the plan models) to load after
that frame. The first frame has the same target; the list is reported.
"""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
TARGET_RATIO = 1.3


def time_to_text(
    argv: list[str],
    marker: bytes,
    env: dict[str, str],
    timeout: float = 20,
    then: Callable[[], bool] | None = None,
) -> float:
    """Seconds from starting ``argv`` in a pseudo-terminal until ``marker`` is drawn (the
    program is then stopped, once ``then()`` is true if it is given)."""
    import fcntl
    import termios

    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if marker in seen.replace(b"\x1b", b""):
                    drawn = time.perf_counter() - start
                    while then is not None and not then() and time.perf_counter() - start < timeout:
                        select.select([fd], [], [], 0.05)  # a signal we wait for, not a time
                        with contextlib.suppress(OSError):
                            os.read(fd, 65536)
                    return drawn
        raise RuntimeError(f"{argv} did not draw {marker!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def run(repeats: int = 7) -> dict[str, float]:
    """Median seconds to the first frame, for the minimal app and for Support Planner."""
    data = tempfile.mkdtemp(prefix="planner-bench-")
    cache = Path(tempfile.mkdtemp(prefix="planner-bench-cache-"))
    env = {**os.environ, "TERM": "xterm-256color", "PLANNER_DATA_DIR": data, "COLUMNS": "120"}
    env["PLANNER_CACHE_DIR"] = str(cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    minimal = [sys.executable, str(HERE / "minimal_app.py")]
    planner = [sys.executable, "-m", "planner", "app"]
    time_to_text(minimal, b"READY minimal", env)  # bytecode written, files in the page cache
    # as on a family's second start: the flow's outline and the parsed CSS in the cache folder
    time_to_text(planner, b"Carry on", env, then=lambda: any(cache.glob("css-*.pickle")))
    first: dict[str, list[float]] = {"minimal": [], "planner": []}
    for _ in range(repeats):  # alternate, so both meet the same machine
        first["minimal"].append(time_to_text(minimal, b"READY minimal", env))
        first["planner"].append(time_to_text(planner, b"Carry on", env))
    figures = {f"startup.{k}.median_s": statistics.median(v) for k, v in first.items()}
    planner_s, minimal_s = figures["startup.planner.median_s"], figures["startup.minimal.median_s"]
    figures["startup.ratio"] = planner_s / minimal_s
    figures.update(_returning(minimal, env, repeats))
    return figures


def _returning(minimal: list[str], env: dict[str, str], repeats: int) -> dict[str, float]:
    """A family coming back: to the first frame and to the list of saved plans, each beside
    the minimal app (the three taking turns)."""
    from planner.services.library import Library

    data = Path(tempfile.mkdtemp(prefix="planner-bench-back-"))
    Library(data).new().save_now()
    env = {**env, "PLANNER_DATA_DIR": str(data)}
    planner = [sys.executable, "-m", "planner", "app"]
    time_to_text(planner, LISTED, env)  # its bytecode and caches, as on any later start
    times: dict[str, list[float]] = {"minimal": [], "first_frame": [], "list": []}
    for _ in range(repeats):
        times["minimal"].append(time_to_text(minimal, b"READY minimal", env))
        times["first_frame"].append(time_to_text(planner, b"Opening the plans", env))
        times["list"].append(time_to_text(planner, LISTED, env))
    median = {k: statistics.median(v) for k, v in times.items()}
    return {
        "startup.returning.minimal.median_s": median["minimal"],
        "startup.returning.first_frame.median_s": median["first_frame"],
        "startup.returning.list.median_s": median["list"],
        "startup.returning.ratio": median["first_frame"] / median["minimal"],
        "startup.returning.list.ratio": median["list"] / median["minimal"],
    }


LISTED = b"Showing 1 of 1 saved plan"
"""Drawn under the list of saved plans once it is filled."""


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.3f}")
