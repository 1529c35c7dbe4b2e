"""A pre-started launcher that forks a ready app process for each browser page.

Starting Python, importing Textual and the planner, and loading the flow and texts costs about
0.3 s of CPU per page; thirty pages at once on two cores wait their turn. The launcher does all
of that once, then forks: each child is ready to draw at once, and shares the launcher's memory
copy-on-write, so a session's own memory is only what it changes.

Protocol, over a Unix socket in a private folder: the server sends one JSON line (the page's
environment and the app's arguments) with three file descriptors (the app's stdin, stdout and
stderr) attached; the launcher answers with the child's process id as one JSON line.

The launcher is single-threaded and blocking on purpose: forking is only safe without threads.
"""

from __future__ import annotations

import array
import contextlib
import gc
import json
import os
import signal
import socket
import sys
from typing import Any

WEB_ENVIRONMENT = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
}
"""What textual-serve gives each app; Textual reads it when imported, so it is set first."""


def _warm() -> None:
    """Import and load everything a page needs before its first frame."""
    from planner.content.knowledge import glossary
    from planner.dialogue.loader import load_flow
    from planner.i18n import texts_for
    from planner.session import open_session  # noqa: F401
    from planner.tui.app import PlannerApp  # noqa: F401
    from planner.tui.screens.main import MainScreen  # noqa: F401
    from planner.tui.widgets.answer import AnswerArea  # noqa: F401

    load_flow()
    glossary()
    texts_for().get("ui.title")
    _warm_textual()


def _warm_textual() -> None:
    """Run one app headless to the first screen, so Textual's caches (parsed CSS, styles,
    fonts of the layout) are filled once, here, and shared with every child."""
    import asyncio
    import threading

    from planner.session import open_session
    from planner.tui.app import PlannerApp

    async def first_screen() -> None:
        app = PlannerApp(open_session(None))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()

    with contextlib.suppress(Exception):  # warming is a bonus, never a reason to fail
        asyncio.run(first_screen())
    assert threading.active_count() == 1, "forking is only safe without threads"


def _end_with_parent() -> None:
    """Die with the process that started us (the server, or the launcher for a child)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))


def _receive(connection: socket.socket) -> tuple[dict[str, Any], list[int]]:
    fds = array.array("i")
    data, ancillary, _, _ = connection.recvmsg(65536, socket.CMSG_SPACE(3 * fds.itemsize))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(payload[: len(payload) - (len(payload) % fds.itemsize)])
    request: dict[str, Any] = json.loads(data.decode("utf-8"))
    return request, list(fds)


def _child(request: dict[str, Any], fds: list[int], listener: socket.socket) -> None:
    """In the forked child: become the page's app process."""
    listener.close()
    os.setsid()
    _end_with_parent()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.environ.update(request.get("env", {}))
    from planner.cli import main

    code = 1
    try:
        code = main(list(request.get("argv", [])))
    finally:
        os._exit(code)


def _reap(*_: object) -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def serve(path: str) -> None:
    """Listen on ``path`` and fork an app for each request, until the server goes away."""
    _end_with_parent()
    _warm()
    gc.collect()
    gc.freeze()  # the collector then leaves shared objects alone, so pages stay shared
    signal.signal(signal.SIGCHLD, _reap)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(64)
    print("ready", flush=True)
    while True:
        try:
            connection, _ = listener.accept()
        except InterruptedError:
            continue
        with connection:
            request, fds = _receive(connection)
            pid = os.fork()
            if pid == 0:
                connection.close()
                _child(request, fds, listener)
            for fd in fds:
                os.close(fd)
            connection.sendall(json.dumps({"pid": pid}).encode("utf-8") + b"\n")


if __name__ == "__main__":
    # argv[2], the data folder, is only there to be seen in the command line of every app.
    os.environ.update(WEB_ENVIRONMENT)
    serve(sys.argv[1])
