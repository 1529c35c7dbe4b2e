"""One browser page's app process: forked from the launcher (or started afresh), given the
page's input, resized within limits, and stopped with everything it started when the page goes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService

from planner.services.start import STARTED
from planner.web.guard import clamp_size
from planner.web.launcher import fork_via

log = logging.getLogger("planner.serve")
QUIT_GRACE = 3.0
"""Seconds an app has to quit by itself before it is stopped."""
TERM_GRACE = 2.0
"""Seconds after SIGTERM before SIGKILL."""


class PlannerAppService(AppService):
    """One browser page's app process, which never outlives the page."""

    def __init__(
        self,
        argv: list[str],
        extra_env: dict[str, str],
        launcher: Path | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv
        self.extra_env = extra_env
        self.launcher = launcher
        self.size: tuple[int, int] | None = None
        """The terminal size the app was last given."""
        self.started = asyncio.Event()
        """Set when the app says its first screen is drawn and settled."""

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        self.size = (width, height)
        if self.launcher is not None:
            env = {"COLUMNS": str(width), "ROWS": str(height), **self.extra_env}
            try:
                process: Any = await fork_via(self.launcher, env)
            except OSError:
                log.warning("the launcher did not answer; starting the app directly")
            else:
                self._process = process
                self._stdin = process.stdin
                return process
        environment = {**self._build_environment(width=width, height=height), **self.extra_env}
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def wait_started(self, timeout: float) -> None:
        """Until the app says its first screen is drawn, it ends, or ``timeout`` seconds pass
        (an app that never says so holds up no one for long)."""
        waiting = asyncio.ensure_future(self.started.wait())
        watched: set[asyncio.Future[Any]] = {waiting}
        if self._task is not None:
            watched.add(self._task)
        try:
            await asyncio.wait(watched, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiting.cancel()

    async def on_meta(self, data: bytes) -> None:
        """The app's own news: "started" is ours; the rest is textual-serve's."""
        with contextlib.suppress(ValueError, AttributeError):
            if json.loads(data).get("type") == STARTED:
                self.started.set()
                return
        await super().on_meta(data)

    async def set_terminal_size(self, width: int, height: int) -> None:
        """Resize the page's terminal, within limits. The size it already has is not sent again:
        a page sends its size as soon as it connects, the size it was started with, and the app
        would lay out its screen again for nothing while the room is starting."""
        size = clamp_size(width, height)
        if size == self.size:
            return
        self.size = size
        await super().set_terminal_size(*size)

    @property
    def pid(self) -> int | None:
        """The app process's id, while it runs."""
        return self._process.pid if self._process is not None else None

    async def stop(self) -> None:
        """Ask the app to quit; if it does not, stop its whole process group."""
        task = self._task
        self._task = None
        if task is None:
            await self._reap()
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        with contextlib.suppress(Exception):
            await self.send_meta({"type": "quit"})
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(asyncio.shield(task), QUIT_GRACE)
        await self._reap()
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _reap(self) -> None:
        """Make sure the process and anything it started have ended."""
        process = self._process
        if process is None:
            return
        for sig, grace in ((signal.SIGTERM, TERM_GRACE), (signal.SIGKILL, 5.0)):
            if process.returncode is not None:
                break
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, sig)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(process.wait(), grace)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # anything left in its group
