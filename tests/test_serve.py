"""``planner serve``: private sessions, and no app process outliving its page or the server."""

from __future__ import annotations

import asyncio
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


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


def start_server(data_dir: Path, *options: str, env: dict[str, str] | None = None) -> Served:
    """``planner serve`` on a free loopback port, with any further options (``--workshop``)."""
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
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    served = Served(process, port, data_dir)
    for _ in range(100):
        try:
            urllib.request.urlopen(served.url + "/static/css/xterm.css", timeout=1)
            return served
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("planner serve did not start")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = start_server(tmp_path / "data")
    yield server
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=20)


async def open_and_close(url: str, *, stay: float, resize: bool = True) -> None:
    token = secrets.token_urlsafe(24)
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
            await client.ws_connect(f"{served.url}/ws/{secrets.token_urlsafe(24)}")
            for _ in range(4)
        ]
        for _ in range(60):
            if len(served.app_pids()) >= 4:
                break
            await asyncio.sleep(0.1)
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
    async def open_two() -> None:
        client = aiohttp.ClientSession()
        for _ in range(2):
            await client.ws_connect(f"{served.url}/ws/{secrets.token_urlsafe(24)}")
        for _ in range(60):
            if len(served.app_pids()) >= 2:
                return
            await asyncio.sleep(0.1)

    loop = asyncio.new_event_loop()
    loop.run_until_complete(open_two())
    assert served.app_pids()
    os.kill(served.process.pid, signal.SIGKILL)
    served.process.wait(timeout=5)
    served.wait_for_no_apps(5.0)
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


def test_a_phone_in_the_room_is_sent_back_to_the_address_it_used(served: Served) -> None:
    """Served to a room, a phone opens the laptop's network address; its page must connect its
    websocket to that same address, not to 0.0.0.0 or 127.0.0.1."""
    token = secrets.token_urlsafe(24)
    request = urllib.request.Request(
        f"{served.url}/s/{token}", headers={"Host": "192.168.1.20:8000"}
    )
    page = urllib.request.urlopen(request).read().decode()
    assert f"ws://192.168.1.20:8000/ws/{token}" in page
    assert "127.0.0.1" not in page
    assert "0.0.0.0" not in page
