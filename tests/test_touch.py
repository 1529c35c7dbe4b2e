"""The terminal page on a phone and by touch (Debian's chromium, headless, as a phone 390 px
wide): a title and a viewport, the terminal taking the keys as soon as it connects and after a
tap anywhere, and a button large enough to tap for every action that has a key, sending that key
through the page's own websocket. The app's answers are read from what it saved."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from planner.i18n import texts_for
from planner.tui.keys import KEYS

from .test_browser import chromium_page, wait_for
from .test_serve import Served, served  # noqa: F401 - the fixture is used by name

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

pytestmark = pytest.mark.slow
PHONE: ViewportSize = {"width": 390, "height": 844}
TERMINAL_TAKES_KEYS = "document.activeElement?.classList.contains('xterm-helper-textarea')"


@pytest.fixture
def phone() -> Iterator[Any]:
    with chromium_page(viewport=PHONE, is_mobile=True, has_touch=True) as page:
        yield page


def _open(served: Served, page: Any) -> str:  # noqa: F811
    """Open a new page and wait (for signals, not seconds) until the terminal takes the keys."""
    page.goto(served.url + "/")
    token: str = page.url.rsplit("/s/", 1)[1]
    page.wait_for_selector("body.-first-byte", timeout=30000)
    page.wait_for_function(TERMINAL_TAKES_KEYS, timeout=30000)
    return token  # keys typed from now on reach the app, even while it is still starting


def _carry_on(served: Served, page: Any, token: str) -> None:  # noqa: F811
    """Enter on the welcome, with nothing clicked first: the terminal already has the keys.

    An Enter in the app's first moments can still be missed (its welcome is not yet taking
    keys), so one that changed nothing for 15 seconds is pressed once more: the second press
    is then on the welcome too.
    """
    page.keyboard.press("Enter")
    try:
        wait_for(served.data_dir, token, "who")
    except AssertionError:
        page.keyboard.press("Enter")
        wait_for(served.data_dir, token, "who")


def test_the_phone_page_has_a_title_a_viewport_and_no_sideways_scrolling(
    served: Served,  # noqa: F811
    phone: Any,
) -> None:
    _open(served, phone)
    assert phone.title() == "Support Planner"
    viewport = phone.locator('meta[name="viewport"]').get_attribute("content")
    assert viewport == "width=device-width, initial-scale=1"
    assert phone.evaluate("document.documentElement.lang") == "en-GB"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_enter_works_at_once_and_after_a_tap_anywhere(
    served: Served,  # noqa: F811
    phone: Any,
) -> None:
    token = _open(served, phone)
    _carry_on(served, phone, token)
    phone.evaluate("document.activeElement.blur()")  # as after a tap outside the page's text
    assert not phone.evaluate(TERMINAL_TAKES_KEYS)
    phone.touchscreen.tap(PHONE["width"] // 2, PHONE["height"] // 2)  # a blank part of the page
    phone.wait_for_function(TERMINAL_TAKES_KEYS)
    phone.keyboard.press("1")
    wait_for(served.data_dir, token, "child_name")


def test_every_action_with_a_key_has_a_button_big_enough_to_tap(
    served: Served,  # noqa: F811
    phone: Any,
) -> None:
    _open(served, phone)
    names = texts_for()
    wanted = {names.get(f"keyname.{k.name}") for k in KEYS if k.shown and not k.workshop}
    buttons = phone.locator("#keys button")
    shown = {buttons.nth(i).inner_text().split("\n")[0].strip() for i in range(buttons.count())}
    labels = {text.rsplit(" ", 1)[0] if text.endswith(("F1", "Esc")) else text for text in shown}
    assert all(any(label.startswith(w) for label in labels) for w in wanted), (wanted, shown)
    for i in range(buttons.count()):
        box = buttons.nth(i).bounding_box()
        assert box is not None
        assert box["height"] >= 44
        assert box["width"] >= 44
    for key in ("Save", "Language", "Ask", "Dates", "Help", "Colours"):
        assert phone.get_by_role("button", name=key).count() >= 1


def test_a_button_sends_its_key_to_the_app(served: Served, phone: Any) -> None:  # noqa: F811
    token = _open(served, phone)
    _carry_on(served, phone, token)
    back = phone.locator("#keys button", has_text="Back")
    back.scroll_into_view_if_needed()
    back.tap()  # Esc: back to the welcome
    wait_for(served.data_dir, token, "welcome")
    phone.wait_for_function(TERMINAL_TAKES_KEYS)  # the terminal has the keys again
    phone.keyboard.press("Enter")
    wait_for(served.data_dir, token, "who")


def test_every_button_taps_its_own_key_into_the_terminal(
    served: Served,  # noqa: F811
    phone: Any,
) -> None:
    """Each button, tapped on a phone 390 px wide, sends exactly its key's characters through
    the page's websocket (Quit last: it ends the app)."""
    import json

    from planner.web.touch import sequence

    sockets: list[Any] = []

    def opened(socket: Any) -> None:  # Playwright takes a Python function, not a bound builtin
        sockets.append(socket)

    phone.on("websocket", opened)
    _open(served, phone)
    buttons = phone.locator("#keys button[data-send]")
    wanted = [json.loads(buttons.nth(i).get_attribute("data-send")) for i in range(buttons.count())]
    assert len(wanted) >= 10
    for i in sorted(range(len(wanted)), key=lambda i: wanted[i] == sequence("ctrl+q")):

        def its_key(payload: Any, key: str = wanted[i]) -> bool:
            return str(payload).startswith("[") and json.loads(str(payload)) == ["stdin", key]

        button = buttons.nth(i)
        button.scroll_into_view_if_needed()
        with sockets[-1].expect_event("framesent", predicate=its_key, timeout=10000):
            button.tap()
