"""A real browser: Debian's chromium, headless, driven by Playwright against ``planner serve``.

The terminal is drawn on a canvas, so the test reads the app's state from what the app saved
for this page's session (its test hook), not from the screen.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from planner.web.processes import descendants

from .test_serve import Served, served  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.slow


def session_state(data_dir: Path, token: str) -> dict[str, Any] | None:
    """What the app saved for one page: its plan and the question it is on."""
    from planner.store import open_store

    if not (data_dir / "planner.db").exists():
        return None
    store = open_store(data_dir)
    plan_id = store.linked_plan(token)
    if plan_id is None:
        return None
    state: dict[str, Any] = json.loads(store.load(plan_id).model_dump_json())
    store.engine.dispose()
    return state


def wait_for(data_dir: Path, token: str, node: str, seconds: float = 15.0) -> dict[str, Any]:
    start = time.monotonic()
    state = None
    while time.monotonic() - start < seconds:
        state = session_state(data_dir, token)
        if state is not None and state["node"] == node:
            return state
        time.sleep(0.2)
    raise AssertionError(f"expected {node}, the app is at {state and state['node']}")


@contextmanager
def chromium_page(**options: Any) -> Iterator[Any]:
    """A page in Debian's chromium, headless, its context made with ``options``."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "the test command installs Debian's chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser.new_context(**options).new_page()
        browser.close()


@pytest.fixture
def browser_page() -> Iterator[Any]:
    with chromium_page(viewport={"width": 1200, "height": 800}, accept_downloads=True) as page:
        watch(page)
        yield page


ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]")
WATCHED: dict[Any, Drawn] = {}


class Drawn:
    """What the app has drawn in a page's terminal: the bytes its websocket received, with the
    escape codes taken out. Tests wait for words to be drawn (a signal), not for seconds."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.frames: list[bytes] = []
        page.on("websocket", self._opened)

    def _opened(self, socket: Any) -> None:
        socket.on("framereceived", self._received)

    def _received(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            self.frames.append(payload)

    def wait_for(self, words: str, seconds: float = 30.0) -> None:
        """Until ``words`` are drawn (then forget what was drawn so far)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            text = ESCAPES.sub(b"", b"".join(self.frames)).decode("utf-8", "replace")
            if words in text:
                self.frames.clear()
                return
            self.page.wait_for_timeout(50)  # lets Playwright deliver the frames
        raise AssertionError(f"{words!r} was not drawn in {seconds} s")


def watch(page: Any) -> Drawn:
    """Start reading what the app draws in ``page`` (before it opens the planner)."""
    WATCHED[page] = Drawn(page)
    return WATCHED[page]


def open_new_plan(served: Served, page: Any) -> str:  # noqa: F811
    """Open a new page, carry on past the welcome, and return the page's session token."""
    page.goto(served.url + "/")
    token: str = page.url.rsplit("/s/", 1)[1]
    wait_for_app(page)
    page.keyboard.press("Enter")
    wait_for(served.data_dir, token, "who")
    return token


def wait_for_app(page: Any) -> None:
    """Until the app has drawn its first screen (its keys at the bottom), with the terminal
    taking the keys."""
    WATCHED[page].wait_for("F1 Help")
    page.focus(".xterm-helper-textarea")


def test_a_browser_answers_the_first_questions_and_a_reload_keeps_them(
    served: Served,  # noqa: F811
    browser_page: Any,
    tmp_path: Path,
) -> None:
    page = browser_page
    token = open_new_plan(served, page)
    page.keyboard.press("1")
    wait_for(served.data_dir, token, "child_name")
    page.keyboard.type("Rosa")
    page.keyboard.press("Enter")
    state = wait_for(served.data_dir, token, "child_dob")
    assert state["plan"]["child"]["name"] == "Rosa"
    assert state["plan"]["filled_in_by"] == "parent_carer"
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot))
    assert not blank(page.context, shot)

    page.reload()
    assert page.url.endswith(token)
    wait_for_app(page)
    page.keyboard.type("14/03/2015")
    page.keyboard.press("Enter")
    state = wait_for(served.data_dir, token, "ehcp_status")
    assert state["plan"]["child"]["name"] == "Rosa"
    assert state["plan"]["child"]["date_of_birth"] == "2015-03-14"


def test_the_draft_plan_downloads_in_the_browser(
    served: Served,  # noqa: F811
    browser_page: Any,
) -> None:
    page = browser_page
    open_new_plan(served, page)
    page.keyboard.press("F8")
    WATCHED[page].wait_for("Word document")
    with page.expect_download(timeout=20000) as download:
        page.keyboard.press("Enter")  # the first format: a Word document
    saved = download.value
    assert saved.suggested_filename == "support-plan-draft.docx"
    path = saved.path()
    assert path is not None
    assert Path(path).read_bytes().startswith(b"PK")


def test_two_browser_sessions_cannot_see_each_others_plans(served: Served) -> None:  # noqa: F811
    import urllib.request

    first = urllib.request.urlopen(served.url + "/").url
    second = urllib.request.urlopen(served.url + "/").url
    assert first != second


def blank(context: Any, path: Path) -> bool:
    """Whether a screenshot is (nearly) a single colour, judged in a second tab."""
    page = context.new_page()
    try:
        page.set_content(f'<img id="i" src="data:image/png;base64,{_b64(path)}">')
        page.wait_for_function("document.getElementById('i').complete")
        colours = page.evaluate(
            """() => { const i = document.getElementById('i');
            const c = document.createElement('canvas'); c.width = i.naturalWidth;
            c.height = i.naturalHeight; const x = c.getContext('2d'); x.drawImage(i, 0, 0);
            const d = x.getImageData(0, 0, c.width, c.height).data; const seen = new Set();
            for (let k = 0; k < d.length; k += 4 * 97) seen.add(d[k] << 16 | d[k+1] << 8 | d[k+2]);
            return seen.size; }"""
        )
    finally:
        page.close()
    return int(colours) < 5


def _b64(path: Path) -> str:
    import base64

    return base64.b64encode(path.read_bytes()).decode()


def every_file(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def test_a_workshop_room_keeps_each_page_to_itself_and_leaves_nothing_behind(
    tmp_path: Path,
) -> None:
    """Two people in the room: neither sees the other's answers, and closing the pages leaves
    no plan on the laptop (not in the data folder, the home folder or the temp folder)."""
    import os

    from playwright.sync_api import sync_playwright

    from .test_serve import start_server

    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp)}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env.pop(name, None)
    server = start_server(tmp_path / "data", "--workshop", env=env)
    before = every_file(tmp_path)
    quiet = descendants(server.process.pid)  # the pre-forked launcher, before any page
    chromium = shutil.which("chromium")
    assert chromium, "the test command installs Debian's chromium"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            room = {}
            for name in ("Amara", "Bartek"):
                # Each person has their own browser (their own phone or laptop).
                context = browser.new_context(
                    viewport={"width": 1200, "height": 800}, accept_downloads=True
                )
                page = context.new_page()
                watch(page)
                page.goto(server.url + "/")
                wait_for_app(page)
                room[name] = page
            for name, page in room.items():
                give_a_name(page, name)
            plans = {name: download_json(page) for name, page in room.items()}
            assert plans["Amara"]["plan"]["child"]["name"] == "Amara"
            assert plans["Bartek"]["plan"]["child"]["name"] == "Bartek"
            assert "Bartek" not in json.dumps(plans["Amara"])
            assert "Amara" not in json.dumps(plans["Bartek"])
            for page in room.values():
                page.context.close()  # the pages close
            browser.close()
        deadline = time.monotonic() + 15
        while descendants(server.process.pid) - quiet and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not descendants(server.process.pid) - quiet, "a page's app is still running"
        left = every_file(tmp_path) - before
        assert not left, f"the room left files behind: {sorted(map(str, left))}"
    finally:
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=20)
    assert not every_file(tmp_path) - before, "the server left files behind"


def give_a_name(page: Any, name: str) -> None:
    """Past the welcome, as a parent or carer, the child's name: each key once the question
    it answers is drawn."""
    drawn = WATCHED[page]
    page.bring_to_front()
    page.focus(".xterm-helper-textarea")
    page.keyboard.press("Enter")
    drawn.wait_for("who is filling in this plan")
    page.keyboard.press("1")
    drawn.wait_for("What is the name")
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    drawn.wait_for("date of birth")


def download_json(page: Any) -> dict[str, Any]:
    """F8, then the fifth format (the plan as JSON); what the browser downloads."""
    page.bring_to_front()
    page.focus(".xterm-helper-textarea")
    page.keyboard.press("F8")
    WATCHED[page].wait_for("Word document")
    for _ in range(4):
        page.keyboard.press("Tab")
    with page.expect_download(timeout=20000) as download:
        page.keyboard.press("Enter")
    path = download.value.path()
    assert path is not None
    found: dict[str, Any] = json.loads(Path(path).read_text())
    page.keyboard.press("Escape")
    return found
