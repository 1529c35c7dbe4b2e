"""Benchmark: a room of families opening the page at the same moment.

Starts ``planner serve`` on loopback, opens N sessions at once with a small websocket client
that speaks textual-serve's protocol (as the browser page does), and measures, per session, the
time until the welcome's "Carry on" has been drawn, and each app process's unique memory (USS:
its private pages, as in /proc/<pid>/smaps_rollup). Bounded: at most 30 sessions, 90 s a round.
Targets at N = 30: 90th percentile under 3 s, under 30 MiB unique memory per session.
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp

TARGET_P90_S = 3.0
TARGET_USS_MIB = 30.0
ROUNDS = (1, 10, 30)
ROUND_TIMEOUT = 90.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _uss_mib(pid: int) -> float:
    """A process's unique memory in MiB (private clean and dirty pages)."""
    total = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith(("Private_Clean:", "Private_Dirty:")):
            total += int(line.split()[1])
    return total / 1024


def _apps(server_pid: int, marker: str) -> list[int]:
    from planner.web.processes import served_apps

    return served_apps(server_pid, marker)


async def _session(
    url: str, opened: asyncio.Event, drawn: list[float]
) -> aiohttp.ClientWebSocketResponse:
    from planner.web.processes import new_page_token

    client = aiohttp.ClientSession()
    token = await asyncio.to_thread(new_page_token, url)  # what a browser is given at "/"
    await opened.wait()
    start = time.perf_counter()
    ws = await client.ws_connect(f"{url}/ws/{token}?width=120&height=40")
    await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
    seen = b""
    async for message in ws:
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
        elif message.type == aiohttp.WSMsgType.TEXT:
            seen += message.data.encode()
        if b"Carry on" in seen:
            drawn.append(time.perf_counter() - start)
            break
    ws._client = client  # type: ignore[attr-defined] # closed with the socket below
    return ws


async def _round(url: str, count: int, server_pid: int, marker: str) -> dict[str, float]:
    opened = asyncio.Event()
    drawn: list[float] = []
    tasks = [asyncio.create_task(_session(url, opened, drawn)) for _ in range(count)]
    opened.set()
    sockets = await asyncio.wait_for(asyncio.gather(*tasks), ROUND_TIMEOUT)
    await asyncio.sleep(1.0)  # let each app settle after its first frame
    memory = [_uss_mib(pid) for pid in _apps(server_pid, marker)]
    answers = sorted(await asyncio.gather(*(_answer(ws) for ws in sockets)))
    for ws in sockets:
        await ws.close()
        await ws._client.close()  # type: ignore[attr-defined]
    ordered = sorted(drawn)
    return {
        f"room.{count}.first_frame.median_s": statistics.median(ordered),
        f"room.{count}.first_frame.p90_s": ordered[max(0, int(len(ordered) * 0.9) - 1)],
        f"room.{count}.uss_per_session_mib": statistics.median(memory) if memory else 0.0,
        f"room.{count}.answer.median_s": statistics.median(answers),
        f"room.{count}.answer.p90_s": answers[max(0, int(len(answers) * 0.9) - 1)],
    }


async def _answer(ws: aiohttp.ClientWebSocketResponse) -> float:
    """Seconds from "Carry on" (every page at once: the whole room answers together) to the
    next question drawn."""
    start = time.perf_counter()
    await ws.send_str(json.dumps(["stdin", "\r"]))
    seen = b""
    while b"filling in" not in seen:
        message = await ws.receive(timeout=ROUND_TIMEOUT)
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
        elif message.type == aiohttp.WSMsgType.TEXT:
            seen += message.data.encode()
        else:
            raise RuntimeError("a page closed before answering")
    return time.perf_counter() - start


def run() -> dict[str, float]:
    """Every round, each after the last one's processes have ended."""
    data = tempfile.mkdtemp(prefix="planner-room-")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "planner", "--data-dir", data, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/static/css/xterm.css", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        figures: dict[str, float] = {}
        for count in ROUNDS:
            figures.update(asyncio.run(_round(url, count, server.pid, data)))
            for _ in range(100):
                if not _apps(server.pid, data):
                    break
                time.sleep(0.1)
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.3f}")
