"""The recipe in docs/proxy.md, run: two instances behind HAProxy on one PostgreSQL. One
instance is stopped in the middle of a family's session; nothing they answered is lost, and
reloading the page carries on at the same place on the other instance."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from planner.store.database import Database
from planner.store.schema import metadata

from .helpers import free_port, is_serving

pytestmark = pytest.mark.slow
RECIPE = Path(__file__).parent.parent / "docs" / "haproxy" / "planner.cfg"


@pytest.fixture
def service(tmp_path: Path, postgres_url: str) -> Iterator[dict[str, object]]:
    """Two instances on one PostgreSQL and one data folder (the page key), behind HAProxy
    configured by the recipe's own file."""
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    Database(postgres_url).saved_plans()  # the tables, made once
    data = tmp_path / "data"
    env = {**os.environ, "PLANNER_DATABASE_URL": postgres_url}
    ports = {"one": free_port(), "two": free_port()}
    instances = {}
    for name, port in ports.items():
        instances[name] = subprocess.Popen(
            [sys.executable, "-m", "planner", "--data-dir", str(data), "serve",
             "--port", str(port), "--behind-proxy"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert is_serving(f"http://127.0.0.1:{port}/static/css/xterm.css")
    front = free_port()
    config = (
        RECIPE.read_text()
        .replace("127.0.0.1:8000", f"127.0.0.1:{front}")
        .replace("127.0.0.1:8001", f"127.0.0.1:{ports['one']}")
        .replace("127.0.0.1:8002", f"127.0.0.1:{ports['two']}")
    )
    (tmp_path / "haproxy.cfg").write_text(config)
    proxy = subprocess.Popen(
        [haproxy, "-db", "-f", str(tmp_path / "haproxy.cfg")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{front}"
    assert is_serving(url + "/static/css/xterm.css")
    yield {"url": url, "instances": instances, "db": postgres_url}
    proxy.terminate()
    proxy.wait(timeout=10)
    for process in instances.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
    database = Database(postgres_url)
    metadata.drop_all(database.engine)
    database.engine.dispose()


async def _screen_until(ws: aiohttp.ClientWebSocketResponse, words: bytes) -> bytes:
    """What the page draws, until ``words`` appear."""
    seen = b""
    while words not in seen:
        message = await ws.receive(timeout=30)
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
        elif message.type == aiohttp.WSMsgType.TEXT:
            seen += message.data.encode()
        else:
            raise AssertionError(f"the page closed before showing {words!r}")
    return seen


async def _journey(url: str, db: str, instances: dict[str, subprocess.Popen[bytes]]) -> None:
    jar = aiohttp.CookieJar(unsafe=True)  # a cookie for 127.0.0.1, as a browser keeps it
    async with aiohttp.ClientSession(cookie_jar=jar) as client:
        new = await client.get(url + "/", allow_redirects=False)
        token = new.headers["Location"].removeprefix("/s/")
        await client.get(f"{url}/s/{token}")  # the page itself, as a browser loads it
        ws = await client.ws_connect(f"{url}/ws/{token}?width=100&height=30")
        await _screen_until(ws, b"Carry on")
        for keys, then in (("\r", b"filling in"), ("1", b"nickname"), ("Ruby\r", b"birth")):
            await ws.send_str(json.dumps(["stdin", keys]))  # carry on; a parent; the name
            await _screen_until(ws, then)
        store = Database(db)
        for _ in range(300):
            code = store.linked_plan(token)
            if code is not None and store.load(code).plan.child.name == "Ruby":
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("the answers were never saved")
        answered = len(store.load(code).answered)
        serving = next(c.value for c in jar if c.key == "planner_instance")
        instances[serving].send_signal(signal.SIGKILL)  # that instance stops, mid-session
        instances[serving].wait(timeout=10)
        with pytest.raises((aiohttp.ClientError, AssertionError, asyncio.TimeoutError)):
            await _screen_until(ws, b"never drawn")  # the page loses its connection
        again = await client.ws_connect(f"{url}/ws/{token}?width=100&height=30")  # reload
        drawn = await _screen_until(again, b"Ruby")
        assert b"date of birth" in drawn  # the same plan, at the same question
        await again.close()
    assert store.load(code).plan.child.name == "Ruby"
    assert len(store.load(code).answered) >= answered


def test_an_instance_stopped_mid_session_loses_nothing_and_the_page_carries_on(
    service: dict[str, object],
) -> None:
    url, db, instances = service["url"], service["db"], service["instances"]
    assert isinstance(url, str)
    assert isinstance(db, str)
    assert isinstance(instances, dict)
    asyncio.run(_journey(url, db, instances))
