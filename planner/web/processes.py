"""Finding the app processes a ``planner serve`` started (for tests and benchmarks).

Directly started apps have the data folder and ``app`` in their command line; apps forked by the
launcher carry the launcher's command line, which also names the data folder.
"""

from __future__ import annotations

from pathlib import Path

LAUNCHER = b"planner.web.launcher"


def _stat(pid: int) -> tuple[int, str] | None:
    """A process's parent and state."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), fields[0]


def served_apps(server_pid: int, marker: str) -> list[int]:
    """Live app processes of the server whose data folder is ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == server_pid:
            continue
        pid = int(entry.name)
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() not in cmdline:
            continue
        info = _stat(pid)
        if info is None or info[1] == "Z":
            continue
        parent, _ = info
        if LAUNCHER in cmdline and parent == server_pid:
            continue  # the launcher itself
        if LAUNCHER in cmdline or b"app" in cmdline.split(b"\0"):
            found.append(pid)
    return found
