"""``planner serve``: private sessions, and no app process outliving its page or the server."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from planner.web.processes import new_page_token, read_until

from .helpers import free_port, is_serving

pytestmark = pytest.mark.slow


@dataclass
class Served:
    """A running ``planner serve`` on loopback."""

    process: subprocess.Popen[bytes]
    port: int
    data_dir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def app_pids(self) -> list[int]:
        """App processes this server started: directly, or forked by its launcher."""
        from planner.web.processes import served_apps

        return served_apps(self.process.pid, str(self.data_dir))

    def wait_for_no_apps(self, seconds: float) -> float:
        """Wait until no app process is left; returns how long it took."""
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            if not self.app_pids():
                return time.monotonic() - start
            time.sleep(0.1)
        raise AssertionError(f"app processes still running: {self.app_pids()}")


def start_server(
    data_dir: Path, *options: str, env: dict[str, str] | None = None, log: Path | None = None
) -> Served:
    """``planner serve`` on a free loopback port, with any further options (``--workshop``),
    what it prints going to ``log`` if given."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "planner",
            "--data-dir",
            str(data_dir),
            "serve",
            "--port",
            str(port),
            *options,
        ],
        stdout=log.open("wb") if log is not None else subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log is not None else subprocess.DEVNULL,
        env=env,
    )
    served = Served(process, port, data_dir)
    if is_serving(served.url + "/static/css/xterm.css"):
        return served
    process.kill()
    raise AssertionError("planner serve did not start")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = start_server(tmp_path / "data")
    yield server
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=20)


async def drawn(sockets: list[aiohttp.ClientWebSocketResponse]) -> None:
    """Wait until every page's app has drawn its first screen (the signal that it runs; on a
    busy machine, or the first run after an install, that can take many seconds)."""
    await asyncio.gather(*(read_until(ws, b"Carry on", 120) for ws in sockets))


async def open_and_close(url: str, *, stay: float, resize: bool = True) -> None:
    token = await asyncio.to_thread(new_page_token, url)
    async with (
        aiohttp.ClientSession() as client,
        client.ws_connect(f"{url}/ws/{token}?width=80&height=24") as ws,
    ):
        if resize:
            await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
        await asyncio.sleep(stay)


def test_pages_that_resize_and_close_at_once_leave_no_process(served: Served) -> None:
    async def crowd() -> None:
        random.seed(7)
        await asyncio.gather(
            *(open_and_close(served.url, stay=random.uniform(0.0, 0.5)) for _ in range(12))
        )

    asyncio.run(crowd())
    took = served.wait_for_no_apps(10.0)
    print(f"\nlast app process gone {took:.1f} s after the pages closed")
    assert took < 8.0


def test_a_page_left_open_then_closed_stops_its_app(served: Served) -> None:
    async def visit() -> None:
        await open_and_close(served.url, stay=3.0)

    asyncio.run(visit())
    served.wait_for_no_apps(8.0)


def test_stopping_the_server_stops_every_session(served: Served) -> None:
    async def open_many() -> list[aiohttp.ClientWebSocketResponse]:
        client = aiohttp.ClientSession()
        sockets = [
            await client.ws_connect(f"{served.url}/ws/{new_page_token(served.url)}")
            for _ in range(4)
        ]
        await drawn(sockets)
        assert len(served.app_pids()) >= 4
        served.process.send_signal(signal.SIGTERM)
        await asyncio.sleep(0)
        return sockets

    loop = asyncio.new_event_loop()
    loop.run_until_complete(open_many())
    served.process.wait(timeout=20)
    served.wait_for_no_apps(5.0)
    loop.close()


def test_a_killed_server_takes_its_sessions_with_it(served: Served) -> None:
    client: aiohttp.ClientSession | None = None

    async def open_two() -> list[aiohttp.ClientWebSocketResponse]:
        nonlocal client
        client = aiohttp.ClientSession()
        sockets = [
            await client.ws_connect(f"{served.url}/ws/{new_page_token(served.url)}")
            for _ in range(2)
        ]
        await drawn(sockets)
        return sockets  # kept open (and referenced) until the server is killed

    async def close(sockets: list[aiohttp.ClientWebSocketResponse]) -> None:
        for socket in sockets:
            await socket.close()
        if client is not None:
            await client.close()

    loop = asyncio.new_event_loop()
    sockets = loop.run_until_complete(open_two())
    assert len(served.app_pids()) >= len(sockets)
    os.kill(served.process.pid, signal.SIGKILL)
    served.process.wait(timeout=5)
    served.wait_for_no_apps(5.0)
    loop.run_until_complete(close(sockets))  # here: left to the collector, they met a closed loop
    loop.close()


def test_a_new_visit_gets_its_own_session_and_bad_tokens_are_refused(served: Served) -> None:
    opener = urllib.request.build_opener(NoRedirect())
    first = opener.open(served.url + "/")
    second = opener.open(served.url + "/")
    assert first.headers["Location"] != second.headers["Location"]
    assert first.headers["Location"].startswith("/s/")
    page = urllib.request.urlopen(served.url + first.headers["Location"]).read().decode()
    assert "googleapis" not in page
    assert 'lang="en-GB"' in page
    bad = opener.open(served.url + "/s/short")
    assert bad.headers["Location"] == "/"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        return fp


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Served]:
    """A server that also answers to the laptop's room address (as ``--host 0.0.0.0`` does)."""
    server = start_server(tmp_path / "data", "--allow-host", "192.168.1.20", "--max-pages", "2")
    yield server
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=20)


def test_a_phone_in_the_room_is_sent_back_to_the_address_it_used(room: Served) -> None:
    """Served to a room, a phone opens the laptop's network address; its page must connect its
    websocket to that same address, not to 0.0.0.0 or 127.0.0.1."""
    token = new_page_token(room.url)
    request = urllib.request.Request(f"{room.url}/s/{token}", headers={"Host": "192.168.1.20:8000"})
    page = urllib.request.urlopen(request).read().decode()
    assert f"ws://192.168.1.20:8000/ws/{token}" in page
    assert "127.0.0.1" not in page
    assert "0.0.0.0" not in page


def _status(url: str, headers: dict[str, str]) -> int:
    try:
        return int(urllib.request.urlopen(urllib.request.Request(url, headers=headers)).status)
    except urllib.error.HTTPError as error:
        return error.code


def test_a_page_is_never_framed_and_another_sites_name_is_refused(served: Served) -> None:
    """A page may not sit in another site's frame; a site that points its own name at this
    computer (DNS rebinding) gets nothing."""
    page = urllib.request.urlopen(f"{served.url}/s/{new_page_token(served.url)}")
    assert page.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert page.headers["X-Frame-Options"] == "DENY"
    rebound = {"Host": f"attacker.example:{served.port}"}
    assert _status(f"{served.url}/", rebound) == 403
    assert _status(f"{served.url}/static/css/xterm.css", rebound) == 403


def test_a_websocket_from_another_sites_page_is_refused(served: Served) -> None:
    async def connect(origin: str) -> int:
        token = await asyncio.to_thread(new_page_token, served.url)
        async with aiohttp.ClientSession() as client:
            try:
                async with client.ws_connect(
                    f"{served.url}/ws/{token}", headers={"Origin": origin}
                ) as ws:
                    await ws.close()
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    assert asyncio.run(connect("http://attacker.example")) == 403
    assert asyncio.run(connect(f"http://127.0.0.1:{served.port}")) == 101  # its own page


def test_a_token_the_visitor_chose_gets_a_new_page_and_its_socket_is_closed(
    served: Served,
) -> None:
    chosen = "A" * 43
    opener = urllib.request.build_opener(NoRedirect())
    assert opener.open(f"{served.url}/s/{chosen}").headers["Location"] == "/"

    async def socket_closes() -> bool:
        async with (
            aiohttp.ClientSession() as client,
            client.ws_connect(f"{served.url}/ws/{chosen}") as ws,
        ):
            message = await ws.receive(timeout=10)
            return message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)

    assert asyncio.run(socket_closes())
    assert served.app_pids() == []  # no app was started for it


def test_a_one_megabyte_message_closes_the_page_at_once(served: Served) -> None:
    async def send_big() -> aiohttp.WSMsgType:
        token = await asyncio.to_thread(new_page_token, served.url)
        async with (
            aiohttp.ClientSession() as client,
            client.ws_connect(f"{served.url}/ws/{token}") as ws,
        ):
            await ws.send_str(json.dumps(["stdin", "x" * 1024 * 1024]))
            while True:
                message = await ws.receive(timeout=10)
                if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                    return message.type

    assert asyncio.run(send_big()) in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    served.wait_for_no_apps(8.0)


def test_a_full_room_says_so_plainly(room: Served) -> None:
    """With ``--max-pages 2``, a third page is told the room is full, and to try again."""

    async def fill() -> None:
        async with aiohttp.ClientSession() as client:
            sockets = []
            for _ in range(2):
                token = await asyncio.to_thread(new_page_token, room.url)
                sockets.append(await client.ws_connect(f"{room.url}/ws/{token}"))
            await drawn(sockets)
            url = f"{room.url}/s/{await asyncio.to_thread(new_page_token, room.url)}"
            with pytest.raises(urllib.error.HTTPError) as full:
                await asyncio.to_thread(urllib.request.urlopen, url)
            assert full.value.code == 503
            assert full.value.headers["Retry-After"] == "60"
            assert "The room is full" in full.value.read().decode()
            for ws in sockets:
                await ws.close()

    asyncio.run(fill())


def test_pages_opened_together_start_in_turn_and_every_one_is_drawn(served: Served) -> None:
    """Six pages opened at once: the server starts about one app per core at a time, each
    app saying when its first screen is drawn, and every page is drawn. (All six started at
    once took about a sixth more CPU each, and the room opened later.)"""
    cores = len(os.sched_getaffinity(0))

    async def room() -> int:
        async with aiohttp.ClientSession() as client:
            tokens = [await asyncio.to_thread(new_page_token, served.url) for _ in range(6)]
            sockets = [
                await client.ws_connect(f"{served.url}/ws/{token}?width=120&height=40")
                for token in tokens
            ]
            pages = [asyncio.ensure_future(read_until(ws, b"Carry on", 60)) for ws in sockets]
            most_starting = 0
            while not all(page.done() for page in pages):
                drawn = sum(page.done() for page in pages)
                apps = len(await asyncio.to_thread(served.app_pids))
                most_starting = max(most_starting, apps - drawn)
                await asyncio.wait(pages, timeout=0.02, return_when=asyncio.FIRST_COMPLETED)
            for page in pages:
                page.result()  # a page that closed before it was drawn fails here
            for ws in sockets:
                await ws.close()
            return most_starting

    most_starting = asyncio.run(room())
    # one more than the cores: a page's "Carry on" may still be on its way to this test when
    # its app has told the server it has started, and the next app has begun
    assert 1 <= most_starting <= cores + 1
    served.wait_for_no_apps(20.0)


def test_a_page_app_says_when_its_first_screen_is_drawn_and_its_service_hears_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What lets the next page start: the app tells its page's service, once, through the
    browser driver's meta channel (a terminal's driver has none, and is told nothing)."""
    from textual.drivers.headless_driver import HeadlessDriver
    from textual_serve.download_manager import DownloadManager

    from planner.services.session import open_session
    from planner.services.start import STARTED, Start
    from planner.tui.app import PlannerApp
    from planner.web.service import PlannerAppService

    told: list[dict[str, object]] = []
    monkeypatch.setattr(HeadlessDriver, "write_meta", lambda _, data: told.append(data), False)

    async def page_and_service() -> bool:
        app = PlannerApp(Start(session=open_session(None)))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # a second screen drawn: still said only once
            await pilot.pause()

        async def nothing(*_: object) -> None:
            return None

        service = PlannerAppService(
            ["planner"], {}, write_bytes=nothing, write_str=nothing, close=nothing,
            download_manager=DownloadManager(),
        )  # fmt: skip
        await service.on_meta(json.dumps({"type": "something else"}).encode())
        assert not service.started.is_set()
        await service.on_meta(json.dumps(told[0]).encode())
        await asyncio.wait_for(service.wait_started(60), 5)  # no waiting once it is said
        return service.started.is_set()

    assert asyncio.run(page_and_service())
    assert told == [{"type": STARTED}]


def test_a_stopped_server_leaves_no_folders_and_a_taken_port_is_said_plainly(
    tmp_path: Path,
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    server = start_server(tmp_path / "data", env=env)
    assert sorted(p.name.split("-")[1] for p in temp.iterdir()) == ["launch", "serve"]
    taken = subprocess.run(
        [sys.executable, "-m", "planner", "--data-dir", str(tmp_path / "data"), "serve",
         "--port", str(server.port)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert taken.returncode == 2
    assert "could not listen" in taken.stdout
    assert "--port" in taken.stdout
    assert "Sorry" not in taken.stdout + taken.stderr
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(timeout=20)
    assert list(temp.iterdir()) == []


def test_listening_beyond_this_computer_says_that_nothing_is_encrypted(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "planner", "--data-dir", str(tmp_path), "serve",
         "--host", "0.0.0.0", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    served = Served(process, port, tmp_path)
    # It answers only once it has started, and said where it is.
    assert is_serving(served.url + "/static/css/xterm.css")
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=20)
    said = " ".join(out.decode().split())
    assert "nothing is encrypted on the way" in said, said


def test_behind_a_proxy_that_serves_https_the_page_uses_https_and_wss(tmp_path: Path) -> None:
    came = {"X-Forwarded-Proto": "https"}
    plain = start_server(tmp_path / "plain")
    behind = start_server(tmp_path / "behind", "--behind-proxy")
    try:
        for server, scheme in ((plain, "ws"), (behind, "wss")):
            token = new_page_token(server.url)
            request = urllib.request.Request(f"{server.url}/s/{token}", headers=came)
            page = urllib.request.urlopen(request).read().decode()
            assert f'"{scheme}://127.0.0.1:{server.port}/ws/{token}"' in page.replace("'", '"')
    finally:
        for server in (plain, behind):
            server.process.send_signal(signal.SIGTERM)
            server.process.wait(timeout=20)


def test_a_request_whose_headers_never_finish_is_closed(served: Served) -> None:
    """A slow sender cannot hold a connection open: the server closes it (after about ten
    seconds) rather than waiting for the rest of the headers."""

    async def trickle() -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
        writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        await writer.drain()
        return await asyncio.wait_for(reader.read(), 120)  # until the server closes it

    assert asyncio.run(trickle()) == b""
