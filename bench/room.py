"""Benchmark: a room of families opening the page at the same moment.

Starts ``planner serve`` on loopback and opens pages with a small websocket client that speaks
textual-serve's protocol, as the browser page does. Per page: the time until the welcome's
"Carry on" is drawn, the CPU its app process spent to get there (user + system), and its
unique memory (USS: its private pages, as in /proc/<pid>/smaps_rollup).

Floors, measured in the same run:
- one page alone on the same server (the median of seven), and its start CPU. With one process
  per page, a room cannot open faster than pages × start CPU ÷ cores: the room's floor;
- the start CPU of one page started afresh (a server with no pre-started launcher: Python,
  the imports and the flow loaded for each page), which is how every page started before the
  launcher;
- the unique memory of a minimal Textual app served by textual-serve.

The room's floor supposes a machine's cores are as fast together as apart. Some runs on one
2-core virtual machine found each page in the crowd spending twice its CPU alone, with no
change to the code; so the benchmark also reports each page's user and system CPU, and the
CPU the same pure Python work takes on every core at once against one core alone, just before
and after the room (``room.machine.parallel_slowdown``, the larger), to tell the machine's
slowing from the planner's.

Targets: 60 pages at once with the 90th percentile at most 1.3 times the room's floor; one
page's start CPU at most half of a page started afresh; memory per page at most 1.3 times the
minimal served app's.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp

from planner.web.processes import read_until

ROOM = 60
ALONE = 7
"""How many times one page is opened alone, for its floor (one alone is noisy)."""
TARGET_ROOM_RATIO = 1.3
TARGET_START_CPU_RATIO = 0.5
TARGET_MEMORY_RATIO = 1.3
ROUND_TIMEOUT = 120.0
HERE = Path(__file__).parent
TICKS = os.sysconf("SC_CLK_TCK")

ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""Python may write its bytecode caches, as on a family's computer (the first page writes
them; one page alone is opened first in each round)."""

NO_LAUNCHER = (
    "import sys\n"
    "from planner.web.server import PlannerServer\n"
    "async def none(self): pass\n"
    "PlannerServer.start_launcher = none\n"
    "from planner.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
"""``planner serve`` with each page started afresh, as before the launcher."""


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


def _cpu_s(pid: int) -> float:
    """A process's own CPU so far, user and system, in seconds: every thread's time on a CPU
    from /proc/<pid>/task/*/schedstat, in nanoseconds (/proc/<pid>/stat counts 10 ms ticks)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return sum(int((task / "schedstat").read_text().split()[0]) for task in tasks) / 1e9
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _user_system_s(pid: int) -> tuple[float, float]:
    """A process's user and system CPU so far, in seconds (10 ms ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) / TICKS, int(fields[12]) / TICKS


def _spin(_: int) -> float:
    """CPU seconds for a fixed piece of pure Python work."""
    start = time.process_time()
    total = 0
    for number in range(2_000_000):
        total += number * number
    return time.process_time() - start


def parallel_slowdown(cores: int) -> float:
    """How much more CPU the same work takes when every core runs it at once than on one
    core alone (1.0: the cores are as fast together as apart). The room's floor supposes
    they are; this says whether the machine kept to that while the room was measured."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(cores) as pool:
        list(pool.map(_spin, range(cores)))  # the workers started
        alone = min(pool.submit(_spin, 0).result() for _ in range(3))
        together = max(max(pool.map(_spin, range(cores))) for _ in range(3))
    return together / alone


def _apps(server_pid: int, marker: str) -> list[int]:
    from planner.web.processes import served_apps

    return served_apps(server_pid, marker)


class Page:
    """One browser page: its socket, and when its first frame came."""

    def __init__(self, client: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse):
        self.client, self.ws = client, ws

    async def close(self) -> None:
        await self.ws.close()
        await self.client.close()


async def _open(address: str, opened: asyncio.Event, drawn: list[float], marker: bytes) -> Page:
    """Open a page at ``address`` (computed before ``opened``), draw, note the time taken."""
    client = aiohttp.ClientSession()
    await opened.wait()
    start = time.perf_counter()
    ws = await client.ws_connect(address)
    await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
    await read_until(ws, marker, ROUND_TIMEOUT)
    drawn.append(time.perf_counter() - start)
    return Page(client, ws)


async def _planner_page(url: str, opened: asyncio.Event, drawn: list[float]) -> Page:
    from planner.web.processes import new_page_token

    token = await asyncio.to_thread(new_page_token, url)  # what a browser is given at "/"
    address = f"{url}/ws/{token}?width=120&height=40"
    return await _open(address, opened, drawn, b"Carry on")


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.9) - 1)]


async def _round(url: str, count: int, server_pid: int, marker: str) -> dict[str, float]:
    """``count`` pages opened at once: first frames, start CPU, memory, and one answer each."""
    opened = asyncio.Event()
    drawn: list[float] = []
    tasks = [asyncio.create_task(_planner_page(url, opened, drawn)) for _ in range(count)]
    await asyncio.sleep(0.5)  # every page has its token: the room opens together
    opened.set()
    pages = await asyncio.wait_for(asyncio.gather(*tasks), ROUND_TIMEOUT)
    apps = _apps(server_pid, marker)
    cpu = [_cpu_s(pid) for pid in apps]  # each page has drawn its first frame
    await _settled(apps)
    settled_cpu = [_cpu_s(pid) for pid in apps]
    user_system = [_user_system_s(pid) for pid in apps]
    memory = [_uss_mib(pid) for pid in apps]
    answers = await asyncio.gather(*(_answer(page.ws) for page in pages))
    for page in pages:
        await page.close()
    return {
        f"room.{count}.first_frame.median_s": statistics.median(drawn),
        f"room.{count}.first_frame.p90_s": _p90(drawn),
        f"room.{count}.start_cpu_s": statistics.median(cpu),
        f"room.{count}.settled_cpu_s": statistics.median(settled_cpu),
        f"room.{count}.user_cpu_s": statistics.median(u for u, _ in user_system),
        f"room.{count}.system_cpu_s": statistics.median(s for _, s in user_system),
        f"room.{count}.uss_per_page_mib": statistics.median(memory),
        f"room.{count}.answer.median_s": statistics.median(answers),
        f"room.{count}.answer.p90_s": _p90(answers),
    }


async def _settled(pids: list[int]) -> None:
    """Wait until the app processes have stopped using CPU (their first frame is done)."""
    before = sum(_cpu_s(pid) for pid in pids)
    for _ in range(50):
        await asyncio.sleep(0.2)
        now = sum(_cpu_s(pid) for pid in pids)
        if now - before < 0.01 * max(1, len(pids)):
            return
        before = now


async def _answer(ws: aiohttp.ClientWebSocketResponse) -> float:
    """Seconds from "Carry on" (every page at once: the whole room answers together) to the
    next question drawn."""
    start = time.perf_counter()
    await ws.send_str(json.dumps(["stdin", "\r"]))
    await read_until(ws, b"filling in", ROUND_TIMEOUT)
    return time.perf_counter() - start


def _wait_for(url: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


@contextmanager
def _planner_server(*, launcher: bool) -> Iterator[tuple[str, int, str]]:
    """``planner serve`` on a free port: its address, process id and data folder."""
    data = tempfile.mkdtemp(prefix="planner-room-")
    port = _free_port()
    start = ["-m", "planner"] if launcher else ["-c", NO_LAUNCHER]
    serve = ["serve", "--port", str(port), "--max-pages", str(ROOM + 10)]
    server = subprocess.Popen(
        [sys.executable, *start, "--data-dir", data, *serve],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENVIRONMENT,
    )
    url = f"http://127.0.0.1:{port}"
    try:  # it listens once the launcher is ready
        _wait_for(url + "/static/css/xterm.css")
        yield url, server.pid, data
    finally:
        server.terminate()
        server.wait(timeout=30)


def _ended(server_pid: int, marker: str) -> None:
    for _ in range(100):
        if not _apps(server_pid, marker):
            return
        time.sleep(0.1)


def _minimal_memory() -> float:
    """The unique memory of a minimal Textual app served by textual-serve, once drawn."""
    from planner.web.processes import descendants

    port = _free_port()
    code = (
        "import sys\n"
        "from textual_serve.server import Server\n"
        "Server(sys.argv[1], port=int(sys.argv[2])).serve()\n"
    )
    command = f"{sys.executable} {HERE / 'minimal_app.py'}"
    server = subprocess.Popen(
        [sys.executable, "-c", code, command, str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENVIRONMENT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url + "/static/css/xterm.css")

        async def page() -> float:
            opened = asyncio.Event()
            opened.set()
            address = f"{url}/ws?width=120&height=40"
            one = await _open(address, opened, [], b"READY minimal")
            apps = sorted(descendants(server.pid))
            await _settled(apps)
            memory = max(_uss_mib(pid) for pid in apps)  # the app (a shell may stand between)
            await one.close()
            return memory

        return asyncio.run(page())
    finally:
        server.terminate()
        server.wait(timeout=30)


def _alone(url: str, server_pid: int, marker: str, times: int = ALONE) -> dict[str, float]:
    """One page alone, ``times`` over (each after the last has ended): the median of each
    figure."""
    rounds = []
    for _ in range(times):
        rounds.append(asyncio.run(_round(url, 1, server_pid, marker)))
        _ended(server_pid, marker)
    return {name: statistics.median(r[name] for r in rounds) for name in rounds[0]}


def run() -> dict[str, float]:
    """The floors, then the room."""
    figures: dict[str, float] = {}
    cores = len(os.sched_getaffinity(0))
    figures["room.cores"] = float(cores)
    with _planner_server(launcher=False) as (url, pid, data):
        asyncio.run(_round(url, 1, pid, data))  # bytecode written, files in the page cache
        _ended(pid, data)
        alone = _alone(url, pid, data)
        figures["room.fresh.start_cpu_s"] = alone["room.1.start_cpu_s"]
        figures["room.fresh.first_frame_s"] = alone["room.1.first_frame.median_s"]
    with _planner_server(launcher=True) as (url, pid, data):
        figures.update(_alone(url, pid, data))
        before = parallel_slowdown(cores)
        server_cpu = _cpu_s(pid)
        figures.update(asyncio.run(_round(url, ROOM, pid, data)))
        figures[f"room.{ROOM}.server_cpu_s"] = _cpu_s(pid) - server_cpu
        figures["room.machine.parallel_slowdown"] = max(before, parallel_slowdown(cores))
    figures["room.minimal.uss_mib"] = _minimal_memory()
    start_cpu = figures["room.1.start_cpu_s"]
    figures["room.start_cpu.ratio"] = start_cpu / figures["room.fresh.start_cpu_s"]
    figures["room.floor_s"] = ROOM * start_cpu / cores
    figures["room.ratio"] = figures[f"room.{ROOM}.first_frame.p90_s"] / figures["room.floor_s"]
    figures["room.memory.ratio"] = (
        figures[f"room.{ROOM}.uss_per_page_mib"] / figures["room.minimal.uss_mib"]
    )
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.3f}")
