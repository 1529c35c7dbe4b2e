"""``planner serve``: the app in the browser, through textual-serve, one process per page.

Changes from textual-serve 1.1.3, and why:
- Each page has its own session token in its address (``/s/<token>``), so a reload reconnects to
  the same plan at the same question, and one family never sees another's plan.
- App processes are started without a shell, each in its own process group. Stopping a session
  asks the app to quit, then sends SIGTERM to the group, then SIGKILL: a page closed while its
  app is still starting can no longer leave a process spinning.
- Stopping the server stops every session it started.
- The page is textual-serve's own, minus its web-font request: nothing is fetched from outside.
- The page's websocket address comes from the address the browser used, so a phone in the room
  that opened ``http://192.168.1.20:8000`` connects back to the same place (textual-serve would
  send it to ``0.0.0.0``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import secrets
import signal
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from planner.web.launcher import fork_via
from planner.web.page import WEB_ENVIRONMENT, PageConfig

log = logging.getLogger("planner.serve")

TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
QUIT_GRACE = 3.0
"""Seconds an app has to quit by itself before it is stopped."""
TERM_GRACE = 2.0
"""Seconds after SIGTERM before SIGKILL."""


WILDCARDS = ("0.0.0.0", "::", "")
"""Hosts that mean "every network this computer is on"."""


def room_addresses() -> list[str]:
    """This computer's address on its local network, for people in the room to type in.

    Connecting a UDP socket sends nothing; it only asks the system which address it would use.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address: never reached
            address: str = probe.getsockname()[0]
        except OSError:
            return []
    return [] if address.startswith("127.") or address == "0.0.0.0" else [address]


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

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
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


def _page_template() -> Path:
    """textual-serve's page without the request to an outside font service."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    text = re.sub(
        r"<link\s+rel=\"stylesheet\"\s+href=\"https://fonts\.googleapis\.com[^>]*>",
        "",
        source.read_text(encoding="utf-8"),
    )
    text = text.replace("<html>", '<html lang="en-GB">', 1)
    folder = Path(tempfile.mkdtemp(prefix="planner-serve-"))
    (folder / "app_index.html").write_text(text, encoding="utf-8")
    return folder


class PlannerServer(Server):
    """Serves Support Planner: one private app process for each browser page."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        data_dir: Path | None,
        workshop: bool = False,
        keyworker_check: str | None = None,
    ) -> None:
        super().__init__("planner", host=host, port=port, title="Support Planner")
        self.data_dir = data_dir
        self.workshop = workshop
        self.keyworker_check = keyworker_check
        """Set in keyworker mode: each page may open the caseload with this passphrase."""
        self.templates_path = _page_template()
        self.services: set[PlannerAppService] = set()
        self.launcher: Path | None = None
        self.launcher_process: asyncio.subprocess.Process | None = None

    def app_argv(self) -> list[str]:
        """The command that starts one page's app without the launcher (the data folder is
        there to be seen in the process list; the page reads its configuration from its
        environment)."""
        return [sys.executable, "-m", "planner.web.page", str(self.data_dir or "")]

    def page_config(self, token: str) -> PageConfig:
        """What one page's app is told."""
        return PageConfig(
            token=token,
            data_dir=None if self.workshop else self.data_dir,
            keyworker_check=self.keyworker_check or "",
        )

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_new, name="new"),
                web.get("/s/{token}", self.handle_page, name="index"),
                web.get("/ws/{token}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_new(self, request: web.Request) -> web.StreamResponse:
        """A new page: a fresh, unguessable session token."""
        raise web.HTTPFound(f"/s/{secrets.token_urlsafe(24)}")

    async def handle_page(self, request: web.Request) -> web.StreamResponse:
        """The page for one session."""
        token = request.match_info["token"]
        if not TOKEN.fullmatch(token):
            raise web.HTTPFound("/")
        base = f"{request.scheme}://{request.host}"
        scheme = "wss" if request.scheme == "https" else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}:{base.split(':', 1)[1]}/ws/{token}",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Run one page's app for as long as its websocket is open, and not a moment longer."""
        token = request.match_info["token"]
        websocket = web.WebSocketResponse(heartbeat=15)
        if not TOKEN.fullmatch(token):
            await websocket.prepare(request)
            await websocket.close()
            return websocket
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service = PlannerAppService(
            self.app_argv(),
            self.page_config(token).to_env(),
            launcher=self.launcher,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.services.add(service)
        try:
            await websocket.prepare(request)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # a broken page must not take the server down
            log.warning("session ended with %s", type(error).__name__)
        finally:
            await service.stop()
            self.services.discard(service)
            with contextlib.suppress(Exception):
                await websocket.close()
        return websocket

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C or SIGTERM. No access log: page addresses hold session tokens."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            access_log=None,
            print=lambda *args: None,
        )

    async def on_startup(self, app: web.Application) -> None:
        from planner.i18n import texts_for

        await self.start_launcher()
        texts = texts_for()
        if self.host in WILDCARDS:
            here = f"http://127.0.0.1:{self.port}"
            room = [f"http://{address}:{self.port}" for address in room_addresses()]
        else:
            here, room = self.public_url, []
        self.console.print(texts.get("cli.serving", address=here), markup=False, highlight=False)
        if room:
            self.console.print(
                texts.get("cli.serving_room", address=", ".join(room)),
                markup=False,
                highlight=False,
            )

    async def start_launcher(self) -> None:
        """Start the pre-imported launcher; without it, each page starts Python afresh."""
        folder = Path(tempfile.mkdtemp(prefix="planner-launch-"))
        path = folder / "launcher.sock"
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "planner.web.launcher",
            str(path),
            str(self.data_dir or ""),  # names the data folder in every forked app's command line
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env={**os.environ, **WEB_ENVIRONMENT},
        )
        assert process.stdout is not None
        try:
            line = await asyncio.wait_for(process.stdout.readline(), 30)
        except TimeoutError:
            line = b""
        if line.strip() == b"ready":
            self.launcher, self.launcher_process = path, process
        else:
            log.warning("the launcher did not start; each page will start the app afresh")
            with contextlib.suppress(ProcessLookupError):
                process.kill()

    async def on_shutdown(self, app: web.Application) -> None:
        """Stop every session this server started."""
        await asyncio.gather(*(s.stop() for s in list(self.services)), return_exceptions=True)
        self.services.clear()
        if self.launcher_process is not None and self.launcher_process.returncode is None:
            self.launcher_process.kill()
            await self.launcher_process.wait()
