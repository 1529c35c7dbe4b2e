"""A pre-started launcher that forks a ready app process for each browser page: both halves of
its protocol (the launcher itself, and :func:`fork_via` for the server).

Starting Python, importing Textual and the planner, and loading the flow and texts costs about
0.3 s of CPU per page; thirty pages at once on two cores wait their turn. The launcher does all
of that once, then forks: each child is ready to draw at once, and shares the launcher's memory
copy-on-write, so a session's own memory is only what it changes.

Protocol, over a Unix socket in a private folder: the server sends one JSON line (the page's
environment) with three file descriptors (the app's stdin, stdout and
stderr) attached; the launcher answers with the child's process id as one JSON line.

The launcher is single-threaded and blocking on purpose: forking is only safe without threads.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import gc
import json
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from planner.tui.parsed_css import keep_parsed_css
from planner.tui.startup import later_parts
from planner.web.page import WEB_ENVIRONMENT
from planner.web.page import main as page_main
from planner.web.processes import end_with_parent


def _warm() -> None:
    """Import and load everything a page needs before its first frame."""
    from planner.content.knowledge import glossary
    from planner.dialogue.loader import load_flow
    from planner.i18n import shipped_locales, texts_for
    from planner.services.library import Library  # noqa: F401
    from planner.services.session import open_session  # noqa: F401
    from planner.services.start import Start  # noqa: F401
    from planner.services.warm import run_all
    from planner.tui.app import PlannerApp  # noqa: F401
    from planner.tui.screens.main import MainScreen  # noqa: F401
    from planner.tui.widgets.answer import AnswerArea  # noqa: F401

    load_flow()
    glossary()
    texts_for().get("ui.title")
    for locale in shipped_locales():  # what a family's first answers would build: done once
        run_all(locale)
    later_parts()
    keep_parsed_css()  # every page forked after the warm-up finds the CSS parsed
    _warm_textual()


def _warm_textual() -> None:
    """Run one page's app headless to its first screen, as a page starts (its plan saved in a
    throwaway folder), so that Textual's caches (parsed CSS, styles, fonts of the layout) and
    the store's first use (SQLAlchemy's dialect and statements, a tenth of a page's start) are
    done once, here, and shared with every child."""
    import asyncio
    import tempfile
    import threading

    from planner.tui.app import PlannerApp
    from planner.web.page import PageConfig

    async def first_screen() -> None:
        with tempfile.TemporaryDirectory(prefix="planner-warm-") as folder:
            start = PageConfig(token="warm", data_dir=Path(folder)).start()
            app = PlannerApp(start)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
            store = start.library.store if start.library is not None else None
            if store is not None:
                store.engine.dispose()  # no connection is shared with a child

    with contextlib.suppress(Exception):  # warming is a bonus, never a reason to fail
        asyncio.run(first_screen())
    assert threading.active_count() == 1, "forking is only safe without threads"


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
    end_with_parent()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.environ.update(request.get("env", {}))
    code = 1
    try:
        code = page_main()
    finally:
        os._exit(code)


def _reap(*_: object) -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def serve(path: str) -> None:
    """Listen on ``path`` and fork an app for each request, until the server goes away."""
    end_with_parent()
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


class ForkedProcess:
    """An app process forked by the launcher, looked after like a child of our own."""

    def __init__(
        self,
        pid: int,
        stdin: asyncio.StreamWriter,
        stdout: asyncio.StreamReader,
        stderr: asyncio.StreamReader,
    ) -> None:
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.returncode: int | None = None
        self._exited = asyncio.get_running_loop().create_future()
        try:
            self._pidfd = os.pidfd_open(pid)
        except ProcessLookupError:
            self._done()
            return
        asyncio.get_running_loop().add_reader(self._pidfd, self._done)

    def _done(self) -> None:
        if self.returncode is None:
            self.returncode = 0  # not our child: its exit status is the launcher's to collect
        if hasattr(self, "_pidfd"):
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self._pidfd)
            with contextlib.suppress(OSError):
                os.close(self._pidfd)
            del self._pidfd
        if not self._exited.done():
            self._exited.set_result(0)

    async def wait(self) -> int:
        """Wait for the process to end."""
        await asyncio.shield(self._exited)
        return 0


async def fork_via(launcher: Path, env: dict[str, str]) -> ForkedProcess:
    """Ask the launcher for a ready app process on three new pipes."""
    loop = asyncio.get_running_loop()
    stdin_r, stdin_w = os.pipe()
    stdout_r, stdout_w = os.pipe()
    stderr_r, stderr_w = os.pipe()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.setblocking(False)
        await loop.sock_connect(sock, str(launcher))
        request = json.dumps({"env": env}).encode("utf-8")
        fds = array.array("i", [stdin_r, stdout_w, stderr_w])
        await loop.run_in_executor(
            None, sock.sendmsg, [request], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)]
        )
        answer = b""
        while not answer.endswith(b"\n"):
            chunk = await loop.sock_recv(sock, 4096)
            if not chunk:
                raise OSError("the launcher went away")
            answer += chunk
        pid = int(json.loads(answer)["pid"])
    finally:
        sock.close()
        for fd in (stdin_r, stdout_w, stderr_w):
            os.close(fd)
    stdout = asyncio.StreamReader()
    await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(stdout), os.fdopen(stdout_r, "rb", 0)
    )
    stderr = asyncio.StreamReader()
    await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(stderr), os.fdopen(stderr_r, "rb", 0)
    )
    transport, protocol = await loop.connect_write_pipe(
        asyncio.streams.FlowControlMixin, os.fdopen(stdin_w, "wb", 0)
    )
    stdin = asyncio.StreamWriter(transport, protocol, None, loop)
    return ForkedProcess(pid, stdin, stdout, stderr)


if __name__ == "__main__":
    # argv[2], the data folder, is only there to be seen in the command line of every app.
    os.environ.update(WEB_ENVIRONMENT)
    serve(sys.argv[1])
