"""Benchmark: start to first interactive frame on a pseudo-terminal.

Each program runs in its own pseudo-terminal (120x40); the clock stops when the text that
means "ready for the family" appears in what it draws: the welcome's "Carry on" button for
Support Planner, the one line of the minimal app (the floor, measured in the same run, the two
taking turns). Python may write its bytecode caches, as it does on a family's computer, and
each program runs once before the clock starts, so that neither pays for compiling its source
(and the planner's cache folder holds what a first start leaves there).
Target: at most 1.3 times the minimal app.
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
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.3f}")
