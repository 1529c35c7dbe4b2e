"""The simple pages under ``planner serve``: private addresses, forms only from their own page,
limits, one request at a time for a plan, and a plan carried between the pages and the terminal.

Every request here is what another person on the network could send.
"""

from __future__ import annotations

import asyncio
import html
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from .test_serve import Served, start_server

pytestmark = pytest.mark.slow


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = start_server(tmp_path / "data")
    yield server
    server.process.terminate()
    server.process.wait(timeout=20)


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def new_pages(client: aiohttp.ClientSession, url: str) -> str:
    """A new family's pages: their address (``/p/<token>``)."""
    async with client.get(url + "/p", allow_redirects=False) as reply:
        assert reply.status == 302
        return str(reply.headers["Location"]).rstrip("/")


async def form_token(client: aiohttp.ClientSession, page: str) -> str:
    async with client.get(page + "/") as reply:
        found = re.search(r'name="csrf" value="([^"]+)"', await reply.text())
    assert found is not None
    return found.group(1)


async def node_of(client: aiohttp.ClientSession, page: str) -> str:
    """The question the family's pages are at."""
    async with client.get(page + "/") as reply:
        found = re.search(r'name="node" value="([^"]+)"', await reply.text())
    assert found is not None
    return found.group(1)


def test_each_family_gets_a_private_address_and_a_made_up_one_gets_a_new_one(
    served: Served,
) -> None:
    async def visit() -> tuple[str, str, int, str]:
        async with aiohttp.ClientSession(served.url) as client:
            first, second = await new_pages(client, ""), await new_pages(client, "")
            async with client.get("/p/" + "A" * 43 + "/", allow_redirects=False) as made_up:
                return first, second, made_up.status, made_up.headers["Location"]

    first, second, status, location = run(visit())
    assert first != second
    assert re.fullmatch(r"/p/[A-Za-z0-9_-]{43}", first)
    assert (status, location) == (302, "/p")


def test_a_form_without_its_pages_own_token_changes_nothing(served: Served) -> None:
    async def attempts() -> tuple[list[int], str]:
        async with aiohttp.ClientSession(served.url) as client:
            mine, other = await new_pages(client, ""), await new_pages(client, "")
            theirs = await form_token(client, other)
            statuses = []
            for sent in ({"node": "welcome"}, {"node": "welcome", "csrf": theirs}):
                async with client.post(mine + "/answer", data=sent) as reply:
                    statuses.append(reply.status)
                    assert "nothing was changed" in await reply.text()
            return statuses, await node_of(client, mine)

    statuses, node = run(attempts())
    assert statuses == [403, 403]
    assert node == "welcome"


def test_a_form_sent_from_another_sites_page_is_refused(served: Served) -> None:
    async def attempt() -> tuple[int, str]:
        async with aiohttp.ClientSession(served.url) as client:
            page = await new_pages(client, "")
            token = await form_token(client, page)
            sent = {"node": "welcome", "csrf": token}
            headers = {"Origin": "http://evil.example"}
            async with client.post(page + "/answer", data=sent, headers=headers) as reply:
                return reply.status, await node_of(client, page)

    assert run(attempt()) == (403, "welcome")


def test_a_form_too_big_for_a_person_to_type_is_refused(served: Served) -> None:
    async def attempt() -> tuple[int, str]:
        async with aiohttp.ClientSession(served.url) as client:
            page = await new_pages(client, "")
            token = await form_token(client, page)
            sent = {"node": "welcome", "csrf": token, "answer": "x" * 200_000}
            async with client.post(page + "/answer", data=sent) as reply:
                return reply.status, await node_of(client, page)

    assert run(attempt()) == (413, "welcome")


def test_every_page_forbids_scripts_and_frames_and_is_never_kept(served: Served) -> None:
    async def headers() -> list[Any]:
        async with aiohttp.ClientSession(served.url) as client:
            page = await new_pages(client, "")
            found = []
            for name in ("/", "/steps", "/glossary", "/save", "/download/md"):
                async with client.get(page + name) as reply:
                    assert reply.status == 200
                    found.append(reply.headers)
            return found

    for each in run(headers()):
        assert "default-src 'none'" in each["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in each["Content-Security-Policy"]
        assert "script-src" not in each["Content-Security-Policy"]
        assert each["Cache-Control"] == "no-store"
        assert each["Referrer-Policy"] == "same-origin"  # the token goes to no other site


def test_answers_sent_at_once_for_one_plan_are_taken_in_turn(served: Served) -> None:
    """Ten "Continue"s sent together from the welcome (a double tap, several tabs): one moves
    the plan on; the others find the page out of date and change nothing."""

    async def together() -> str:
        async with aiohttp.ClientSession(served.url) as client:
            page = await new_pages(client, "")
            token = await form_token(client, page)
            sent = {"node": "welcome", "csrf": token}

            async def one() -> int:
                async with client.post(page + "/answer", data=sent, allow_redirects=False) as r:
                    return r.status

            statuses = await asyncio.gather(*(one() for _ in range(10)))
            assert set(statuses) == {303}
            return await node_of(client, page)

    assert run(together()) == "who"


def test_the_servers_console_names_no_answer_and_no_step_of_a_familys_journey(
    tmp_path: Path,
) -> None:
    """What ``planner serve`` prints while families answer: nothing of theirs (a child's
    name), and none of the dialogue library's notes on each step it takes."""
    log = tmp_path / "console.txt"
    server = start_server(tmp_path / "data", log=log)
    try:

        async def answers() -> str:
            async with aiohttp.ClientSession(server.url) as client:
                page = await new_pages(client, "")
                token = await form_token(client, page)
                said = (("welcome", ""), ("who", "parent_carer"), ("child_name", "Zephyrine"))
                for node, answer in said:
                    sent = {"node": node, "csrf": token, "answer": answer}
                    async with client.post(page + "/answer", data=sent) as reply:
                        assert reply.status == 200
                return await node_of(client, page)

        assert run(answers()) == "child_dob"
    finally:
        server.process.terminate()
        server.process.wait(timeout=20)
    printed = log.read_text(encoding="utf-8", errors="replace")
    assert "Zephyrine" not in printed
    assert "child_name" not in printed  # the dialogue library's "processing state" notes
    assert "state" not in printed


def test_one_plan_on_two_devices_never_overwrites_and_says_so(served: Served) -> None:
    """A plan opened on a second device with its code and passphrase: an answer sent there
    after the first device moved the plan on is not saved over it; that device is told, and
    shown the plan as it now is. (Two answers at the very same moment are refused by the
    store instead, and said: see test_pages.)"""

    async def two() -> tuple[str, str, str]:
        async with aiohttp.ClientSession(served.url) as client:
            first, second = await new_pages(client, ""), await new_pages(client, "")
            token = await form_token(client, first)
            for node, answer in (("welcome", ""), ("who", "parent_carer"), ("child_name", "Kai")):
                sent = {"node": node, "csrf": token, "answer": answer}
                await (await client.post(first + "/answer", data=sent)).read()
            passphrase = {"passphrase": "green tea pot", "again": "green tea pot"}
            async with client.post(first + "/lock", data={"csrf": token, **passphrase}) as r:
                code = re.search(r"you need the code (\w+)", await r.text())
            assert code is not None
            other = await form_token(client, second)
            opened = {"csrf": other, "code": code.group(1), "passphrase": "green tea pot"}
            await (await client.post(second + "/resume", data=opened)).read()
            dob = {"node": "child_dob", "csrf": token, "answer": "03/02/2012"}
            await (await client.post(first + "/answer", data=dob)).read()
            late = {"node": "child_dob", "csrf": other, "answer": "04/02/2012"}
            async with client.post(second + "/answer", data=late) as reply:
                told = await reply.text()
            return told, await node_of(client, second), code.group(1)

    told, node, code = run(two())
    assert "That page was out of date, so nothing was changed." in told
    assert node == "ehcp_status"  # the plan as the first device left it
    from planner.store import open_store

    store = open_store(served.data_dir)
    assert str(store.load(code).plan.child.date_of_birth) == "2012-02-03"  # the first's answer
    store.engine.dispose()


def plain(data_dir: Path, code: str, lines: list[str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "planner", "--data-dir", str(data_dir), "plain", "--resume", code],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_plan_started_on_the_pages_carries_on_in_the_terminal_and_back(served: Served) -> None:
    async def start() -> tuple[str, str]:
        async with aiohttp.ClientSession(served.url) as client:
            page = await new_pages(client, "")
            token = await form_token(client, page)
            for node, answer in (("welcome", ""), ("who", "parent_carer"), ("child_name", "Kai")):
                sent = {"node": node, "csrf": token, "answer": answer}
                async with client.post(page + "/answer", data=sent) as reply:
                    assert reply.status == 200
            async with client.get(page + "/save") as reply:
                code = re.search(r"Your code is (\w+)", await reply.text())
            assert code is not None
            return page, code.group(1)

    page, code = run(start())
    said = plain(served.data_dir, code, ["03/02/2012"])  # the date of birth, in the terminal
    assert "Kai" in said

    async def back_on_the_pages() -> tuple[str, str]:
        async with aiohttp.ClientSession(served.url) as client:
            node = await node_of(client, page)
            token = await form_token(client, page)
            sent = {"node": node, "csrf": token, "answer": "has_plan"}
            async with client.post(page + "/answer", data=sent) as reply:
                heading = re.search(r"<h1>(?:<label[^>]*>)?([^<]+)<", await reply.text())
            assert heading is not None
            return node, html.unescape(heading.group(1))

    there, question = run(back_on_the_pages())
    assert there == "ehcp_status"  # where the terminal left it
    assert question in plain(served.data_dir, code, [])  # and the terminal carries on from here


async def names_on_pages(url: str, names: list[str]) -> list[dict[str, Any]]:
    """Each person in the room answers the first questions with a child's name, then downloads
    the plan as JSON."""
    import json

    found = []
    async with aiohttp.ClientSession(url) as client:
        for name in names:
            page = await new_pages(client, "")
            token = await form_token(client, page)
            for node, answer in (("welcome", ""), ("who", "parent_carer"), ("child_name", name)):
                sent = {"node": node, "csrf": token, "answer": answer}
                await (await client.post(page + "/answer", data=sent)).read()
            async with client.get(page + "/download/json") as reply:
                found.append(json.loads(await reply.read()))
    return found


def test_a_workshop_room_on_the_simple_pages_keeps_each_plan_apart_and_saves_nothing(
    tmp_path: Path,
) -> None:
    import os

    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(home)}
    server = start_server(tmp_path / "data", "--workshop", env=env)
    before = {path for path in tmp_path.rglob("*") if path.is_file()}
    try:
        amara, bartek = run(names_on_pages(server.url, ["Amara", "Bartek"]))
    finally:
        server.process.terminate()
        server.process.wait(timeout=20)
    assert amara["plan"]["child"]["name"] == "Amara"
    assert bartek["plan"]["child"]["name"] == "Bartek"
    after = {path for path in tmp_path.rglob("*") if path.is_file()}
    assert not (tmp_path / "data" / "planner.db").exists()
    for path in after - before:  # only the program's own caches (its parsed stylesheets)
        assert path.is_relative_to(home / ".cache" / "support-planner"), path
    for path in after:
        assert b"Amara" not in path.read_bytes(), path
        assert b"Bartek" not in path.read_bytes(), path


def test_a_keyworkers_server_serves_the_simple_pages_with_plans_saved(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "PLANNER_KEYWORKER_PASSPHRASE": "the keyworker's own words"}
    server = start_server(tmp_path / "data", "--keyworker", env=env)
    try:
        (plan,) = run(names_on_pages(server.url, ["Kai"]))
    finally:
        server.process.terminate()
        server.process.wait(timeout=20)
    from planner.store import open_store

    store = open_store(tmp_path / "data")
    assert [store.load(s.plan_id).plan.child.name for s in store.saved_plans()] == ["Kai"]
    assert plan["plan"]["child"]["name"] == "Kai"
    store.engine.dispose()


def test_the_terminal_page_offers_the_simple_pages_first(served: Served) -> None:
    async def page() -> str:
        async with aiohttp.ClientSession(served.url) as client, client.get("/") as reply:
            return await reply.text()

    text = run(page())
    body = text[text.index("<body") :]
    first_link = re.search(r"<a [^>]*href=\"([^\"]+)\"[^>]*>([^<]+)</a>", body)
    assert first_link is not None
    assert first_link.groups() == ("/p", "Simple pages: best on a phone or with a screen reader")


def test_a_fault_on_a_page_is_said_plainly_and_logs_no_answer(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import os

    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from planner.pages import site
    from planner.web.guard import Tokens
    from planner.web.pages_route import SimplePages

    def broken(visit: Any, name: str) -> Any:
        raise ValueError("Kai's date of birth is 03/02/2012")

    monkeypatch.setattr(site, "get", broken)
    pages = SimplePages(Tokens(os.urandom(32)), None)
    app = web.Application()
    app.add_routes(pages.routes())

    async def visit() -> tuple[int, str]:
        async with TestClient(TestServer(app)) as client:
            reply = await client.get("/p/" + pages.tokens.issue() + "/")
            return reply.status, await reply.text()

    status, text = run(visit())
    assert status == 500
    assert "Something went wrong on our side. Every answer you gave before this is saved." in text
    assert "Traceback" not in text
    assert "03/02/2012" not in text
    assert "03/02/2012" not in caplog.text
    assert "ValueError" in caplog.text
