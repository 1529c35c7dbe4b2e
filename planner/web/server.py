"""``planner serve``: the app in the browser, through textual-serve, one process per page.

Changes from textual-serve 1.1.3, and why:
- Each page has its own session token in its address (``/s/<token>``), so a reload reconnects to
  the same plan at the same question, and one family never sees another's plan.
- App processes are started without a shell, each in its own process group. Stopping a session
  asks the app to quit, then sends SIGTERM to the group, then SIGKILL: a page closed while its
  app is still starting can no longer leave a process spinning.
- Stopping the server stops every session it started.
- The page is textual-serve's own, minus its web-font request: nothing is fetched from outside.
  It gains a viewport tag, a title, focus that follows the family, and a bar of buttons for
  every key (``planner.web.touch``), so it works on a phone and by touch.
- The page's websocket address comes from the address the browser used, so a phone in the room
  that opened ``http://192.168.1.20:8000`` connects back to the same place (textual-serve would
  send it to ``0.0.0.0``).
- Pages opened together (a workshop room) start one per core at a time: each app says when its
  first screen is drawn, and the next starts. All at once, each took about a sixth more CPU.
- Simple web pages (``/p``, :mod:`planner.web.pages_route`) serve the same plans as HTML
  forms, for a phone or a screen reader; the terminal page links to them.
- Every request is treated as hostile until it shows otherwise (``planner.web.guard``): tokens
  only this server made, its own addresses and pages only, never in a frame, and limits on
  pages, message sizes, typing and the terminal's size.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from planner.web.guard import (
    IDLE_SECONDS,
    LOOPBACK,
    MAX_MESSAGE,
    MAX_PAGES,
    WILDCARDS,
    Hosts,
    Tokens,
    clamp_size,
    refusal_page,
    room_addresses,
    takes_input,
)
from planner.web.page import WEB_ENVIRONMENT, PageConfig
from planner.web.pages_route import MAX_FORM, SimplePages
from planner.web.service import PlannerAppService

log = logging.getLogger("planner.serve")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
REFUSED = "This address is not served here. Ask whoever runs the planner for its address."
AGAIN = {"Retry-After": "60", "Cache-Control": "no-store"}
START_WAIT = 5.0
"""Seconds a page's app may take to say it has started before the next page starts anyway."""


def _page_template(title: str, *, workshop: bool) -> Path:
    """textual-serve's page without the request to an outside font service, with what a phone
    and touch need added (:mod:`planner.web.touch`)."""
    import textual_serve

    from planner.i18n import texts_for
    from planner.web.touch import touch_page

    source = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    text = re.sub(
        r"<link\s+rel=\"stylesheet\"\s+href=\"https://fonts\.googleapis\.com[^>]*>",
        "",
        source.read_text(encoding="utf-8"),
    )
    text = text.replace("<html>", '<html lang="en-GB">', 1)
    text = touch_page(text, texts_for(), title=title, workshop=workshop)
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
        allowed_hosts: tuple[str, ...] = (),
        max_pages: int = MAX_PAGES,
        behind_proxy: bool = False,
    ) -> None:
        super().__init__("planner", host=host, port=port, title="Support Planner")
        self.data_dir = data_dir
        self.tokens = Tokens.for_folder(None if workshop else data_dir)
        room = room_addresses() if host in WILDCARDS else []
        self.hosts = Hosts(host, room, allowed_hosts)
        self.max_pages = max_pages
        self.behind_proxy = behind_proxy
        """Whether a proxy in front says how the browser came (``X-Forwarded-Proto``)."""
        self.workshop = workshop
        self.keyworker_check = keyworker_check
        """Set in keyworker mode: each page may open the caseload with this passphrase."""
        self.templates_path = _page_template(self.title, workshop=workshop)
        self.temporary = [self.templates_path]
        """Folders this server made, removed when it stops."""
        self.services: set[PlannerAppService] = set()
        self.starting = asyncio.Semaphore(len(os.sched_getaffinity(0)))
        """Pages starting at once: one per core. Sixty pages opened together and all started at
        once took about a sixth more CPU each than one alone (switching between them), and the
        ninetieth was drawn up to 1.5 times later than sixty in turn would take; in turn, each
        page starts at about the speed of one alone."""
        self.launcher: Path | None = None
        self.pages = SimplePages(
            self.tokens, None if workshop else data_dir, keyworker_check=keyworker_check or ""
        )
        """The simple pages (``/p``): for a phone or a screen reader, served from here."""
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
        app = web.Application(middlewares=[self.guard], client_max_size=MAX_FORM)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_new, name="new"),
                web.get("/s/{token}", self.handle_page, name="index"),
                web.get("/ws/{token}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
                *self.pages.routes(),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every request: for this server's own address, from its own pages; never framed."""
        if not self.hosts.allows(request.headers.get("Host"), request.headers.get("Origin")):
            log.warning("refused a request for another address or from another site")
            return web.Response(status=403, text=REFUSED)
        response = await handler(request)
        response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    def full(self) -> bool:
        """Whether as many pages are open as this server takes."""
        return len(self.services) >= self.max_pages

    async def handle_new(self, request: web.Request) -> web.StreamResponse:
        """A new page: a token only this server can make."""
        raise web.HTTPFound(f"/s/{self.tokens.issue()}")

    async def handle_page(self, request: web.Request) -> web.StreamResponse:
        """The page for one session (a token this server did not make, or too old, gets a new
        page; a full room says so, plainly)."""
        token = request.match_info["token"]
        if not self.tokens.valid(token):
            raise web.HTTPFound("/")
        if self.full():
            from planner.i18n import texts_for

            page = refusal_page(self.title, texts_for().get("web.room_full"))
            return web.Response(status=503, text=page, content_type="text/html", headers=AGAIN)
        came = request.headers.get("X-Forwarded-Proto", "") if self.behind_proxy else ""
        web_scheme = came if came in ("http", "https") else request.scheme
        base = f"{web_scheme}://{request.host}"
        scheme = "wss" if web_scheme == "https" else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}:{base.split(':', 1)[1]}/ws/{token}",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Run one page's app for as long as its websocket is open, and not a moment longer."""
        token = request.match_info["token"]
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        if not self.tokens.valid(token) or self.full():
            await websocket.prepare(request)
            await websocket.close()
            return websocket
        width, height = clamp_size(
            to_int(request.query.get("width", "80"), 80),
            to_int(request.query.get("height", "24"), 24),
        )
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
            async with self.starting:  # a room opens a few pages at a time, in turn
                if websocket.closed:
                    return websocket  # closed while waiting its turn: nothing to start
                await service.start(width, height)
                await service.wait_started(START_WAIT)
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

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        """Hand the page's messages to its app: typing of a size a person sends, a terminal of
        a sensible size; anything else is dropped."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = json.loads(message.data)
            except ValueError:
                continue
            if kind == "stdin" and isinstance(data, str) and takes_input(data):
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width = to_int(str(data.get("width", 80)), 80)
                height = to_int(str(data.get("height", 24)), 24)
                await app_service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind in ("blur", "focus"):
                await (app_service.blur() if kind == "blur" else app_service.focus())

    def initialize_logging(self) -> None:
        """The server's own notes (and textual-serve's) on its console; other libraries say
        only warnings. textual-serve sets every logger to INFO, and the dialogue library then
        wrote four lines for every answer on the simple pages (with 200 families, thousands
        a minute: CPU spent on nothing a forum's laptop needs)."""
        super().initialize_logging()
        logging.getLogger().setLevel(logging.DEBUG if self.debug else logging.WARNING)
        for name in ("planner.serve", "textual-serve"):
            logging.getLogger(name).setLevel(logging.DEBUG if self.debug else logging.INFO)

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C or SIGTERM. No access log: page addresses hold session tokens."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, self.request_exit)
        try:
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                access_log=None,
                print=lambda *args: None,
                keepalive_timeout=IDLE_SECONDS,  # also bounds reading a request's headers
            )
        finally:
            for folder in self.temporary:
                shutil.rmtree(folder, ignore_errors=True)

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
        if self.host not in LOOPBACK:
            self.console.print(texts.get("cli.serving_open"), markup=False, highlight=False)

    async def start_launcher(self) -> None:
        """Start the pre-imported launcher; without it, each page starts Python afresh."""
        folder = Path(tempfile.mkdtemp(prefix="planner-launch-"))
        self.temporary.append(folder)
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
