"""The processes of ``planner serve``: ending with the parent; and, for tests and benchmarks,
finding the app processes a server started, asking it for a new page, and reading a page's
output until something is drawn.

Directly started pages have ``planner.web.page`` and the data folder in their command line;
pages forked by the launcher carry the launcher's command line, which also names the folder.
"""

from __future__ import annotations

import contextlib
import signal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiohttp import ClientWebSocketResponse

LAUNCHER = b"planner.web.launcher"
PAGE = b"planner.web.page"


def end_with_parent() -> None:
    """Die with the process that started us (the server, or the launcher for a page): a page's
    answers are already saved (Linux only; elsewhere nothing happens)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG


def _stat(pid: int) -> tuple[int, str] | None:
    """A process's parent and state."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), fields[0]


def descendants(pid: int) -> set[int]:
    """Every live process started, directly or not, by ``pid``."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            info = _stat(int(entry.name))
            if info is not None and info[1] != "Z":
                parents[int(entry.name)] = info[0]
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


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
        if LAUNCHER in cmdline or PAGE in cmdline:
            found.append(pid)
    return found


def new_page_token(url: str) -> str:
    """The token a server at ``url`` issues for a new page (what a browser is sent to from
    ``/``)."""
    import urllib.error
    import urllib.request

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(Stay())
    try:
        opener.open(url + "/", timeout=10)
    except urllib.error.HTTPError as answer:
        location = answer.headers.get("Location", "")
        if answer.code == 302 and location.startswith("/s/"):
            return location.removeprefix("/s/")
    raise AssertionError(f"{url} gave no new page")


async def read_until(ws: ClientWebSocketResponse, marker: bytes, timeout: float) -> None:
    """Read a page's output until ``marker`` is drawn (each message within ``timeout``
    seconds). Only the last few bytes are kept between messages (enough for a marker split
    across two), so the reader's own CPU stays small beside a room of pages."""
    from aiohttp import WSMsgType

    seen = b""
    while marker not in seen:
        message = await ws.receive(timeout=timeout)
        if message.type == WSMsgType.BINARY:
            seen = seen[-len(marker) :] + message.data
        elif message.type == WSMsgType.TEXT:
            seen = seen[-len(marker) :] + message.data.encode()
        else:
            raise RuntimeError(f"a page closed before drawing {marker!r}")
