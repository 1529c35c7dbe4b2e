"""Benchmark: the simple pages with 200 families at once on one server.

Starts ``planner serve`` on loopback (plans saved as they go, as at a family's computer or a
forum's laptop) and opens the simple pages for 200 families at the same moment. Each family
gives the first answers of Kai's journey as a browser with no JavaScript would: it sends the
form and follows the redirect to the next page. Between answers it reads for 2 to 8 seconds (a
quick family; most take longer). The requests come from replaying what a family sent on the
pages in-process (``tests.pages_driver``), with each page's own form token.

Per answer: the time from sending the form to having the next page. Per family: the server's
unique memory (USS) after all 200 have answered, less before, divided by 200.

Floor, in the same run: the same families and pauses against a bare aiohttp server that
answers each form with a redirect and each page with a page of the same size (what the web
library and the machine cost). Targets: 95% of answers under 100 ms; under 1 MiB per family.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bench.room import ENVIRONMENT, _free_port, _uss_mib, _wait_for
from planner.web.guard import IDLE_SECONDS

FAMILIES = 200
ANSWERS = 15
"""Answers each family gives (Kai's first: the welcome, who, names, dates, the budgets)."""
READING = (2.0, 8.0)
"""Seconds a family reads a page before answering, at random between these."""
TARGET_MS = 100.0
TARGET_SHARE = 0.95
"""95% of answers under 100 ms."""
TARGET_MIB = 1.0

BARE = """
import sys
from aiohttp import web
page = "x" * int(sys.argv[2])
async def show(request): return web.Response(text=page, content_type="text/html")
async def sent(request):
    await request.post()
    raise web.HTTPSeeOther(request.path.rsplit("/", 1)[0] + "/")
app = web.Application()
app.add_routes([web.get("/p", lambda r: web.HTTPFound("/p/T/")), web.get("/p/{t}/{n:.*}", show),
                web.post("/p/{t}/{n:.*}", sent)])
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
"""
"""The floor: a bare aiohttp server with the same addresses, pages of the same size."""


@dataclass(frozen=True)
class Sent:
    """One request a family sends: a page to open, or a form (its fields) to send."""

    name: str
    fields: tuple[tuple[str, str], ...] | None = None


def script(answers: int = ANSWERS) -> tuple[list[Sent], int]:
    """What a family sends for its first ``answers`` answers on Kai's journey, and the size of
    a typical page (recorded from the pages in-process)."""
    from planner.pages.html import Reply
    from planner.pages.visit import Family
    from planner.services.examples import find_example
    from planner.services.library import Library
    from tests.pages_driver import InProcess, walk

    sent: list[Sent] = []
    sizes: list[int] = []

    class Recording(InProcess):
        def get(self, name: str) -> Reply:
            reply = super().get(name)
            sizes.append(len(getattr(reply, "text", "")))
            if name:
                sent.append(Sent(name))
            return reply

        def post(self, name: str, fields: dict[str, list[str]]) -> Reply:
            flat = tuple((k, v) for k, values in fields.items() for v in values if k != "csrf")
            sent.append(Sent(name, flat))
            return super().post(name, fields)

    kai = find_example("kai")
    assert kai is not None
    walk(Recording(Family(Library(None).new())), kai)
    posts = [i for i, s in enumerate(sent) if s.fields is not None]
    return sent[: posts[answers - 1] + 1], int(statistics.median(sizes))


async def family(
    client: aiohttp.ClientSession, url: str, steps: list[Sent], times: list[float]
) -> None:
    """One family: open the pages, then give each answer after reading the page."""
    async with client.get(url + "/p") as reply:
        base = str(reply.url).rstrip("/")
        found = re.search(r'name="csrf" value="([^"]+)"', await reply.text())
    token = found.group(1) if found else ""
    for step in steps:
        await asyncio.sleep(random.uniform(*READING))
        start = time.perf_counter()
        if step.fields is None:
            async with client.get(f"{base}/{step.name}") as reply:
                await reply.read()
            continue
        data = [("csrf", token), *step.fields]
        async with client.post(f"{base}/{step.name}", data=data) as reply:
            await reply.read()
            assert reply.status == 200, reply.status
        times.append(time.perf_counter() - start)


async def room(url: str, steps: list[Sent], families: int = FAMILIES) -> list[float]:
    """Every family at once; each answer's time, in seconds."""
    times: list[float] = []
    # A connection idle in the pool is let go before the server closes it (IDLE_SECONDS):
    # aiohttp keeps one 15 s, so a family could send its answer on a connection the server
    # was closing that moment and be cut off (two full runs of the benchmark stopped there).
    connector = aiohttp.TCPConnector(limit=families + 10, keepalive_timeout=IDLE_SECONDS / 2)
    async with aiohttp.ClientSession(connector=connector) as client:
        await asyncio.gather(*(family(client, url, steps, times) for _ in range(families)))
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


@contextlib.contextmanager
def _serving(argv: list[str], probe: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """A server, stopped afterwards; if the benchmark fails, what it printed is shown."""
    port = _free_port()
    argv = [arg.replace("{port}", str(port)) for arg in argv]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=ENVIRONMENT)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_for(url + probe)
            yield process, url
        except BaseException:
            log.seek(0)
            print(log.read().decode(errors="replace")[-4000:], file=sys.stderr)
            raise
        finally:
            process.terminate()
            process.wait(timeout=30)


def run() -> dict[str, float]:
    random.seed(21)
    steps, size = script()
    data = tempfile.mkdtemp(prefix="planner-pages-")
    planner = [sys.executable, "-m", "planner", "--data-dir", data, "serve", "--port", "{port}"]
    with _serving(planner, "/p-static/pages.css") as (server, url):
        asyncio.run(room(url, steps[:3], families=3))  # the core imported, its caches filled
        before = _uss_mib(server.pid)
        times = asyncio.run(room(url, steps))
        after = _uss_mib(server.pid)
    with _serving([sys.executable, "-c", BARE, "{port}", str(size)], "/p/T/") as (_, bare_url):
        floor = asyncio.run(room(bare_url, steps))
    ms = sorted(t * 1000 for t in times)
    floor_ms = sorted(t * 1000 for t in floor)
    return {
        "pages.families": float(FAMILIES),
        "pages.answers": float(len(ms)),
        "pages.answer.median_ms": statistics.median(ms),
        "pages.answer.p95_ms": p95(ms),
        "pages.answer.under_100ms": sum(t < TARGET_MS for t in ms) / len(ms),
        "pages.floor.median_ms": statistics.median(floor_ms),
        "pages.floor.p95_ms": p95(floor_ms),
        "pages.answer.p95.ratio": p95(ms) / p95(floor_ms),
        "pages.memory_per_family_mib": max(after - before, 0.0) / FAMILIES,
    }


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent.parent))
    for name, value in run().items():
        print(f"{name:32} {value:10.3f}")
