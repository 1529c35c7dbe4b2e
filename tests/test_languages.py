"""Languages: complete catalogs, Polish throughout, a language switch that keeps every answer,
plans in two languages, and room for longer languages on screen."""

from __future__ import annotations

import gettext
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from planner import i18n
from planner.i18n import SOURCE_LOCALE, Texts, shipped_locales, texts_for
from planner.services.examples import apply_example, find_example
from planner.services.session import open_session

from .helpers import TODAY

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
BLANK = re.compile(r"\{(\w+)\}")


def read(locale: str) -> Catalog:
    with (LOCALES / locale / "LC_MESSAGES" / "planner.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def key(message: Any) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def forms_of(message: Any) -> tuple[str, ...]:
    """A message's translation as a tuple: one form, or one per plural form."""
    string = message.string
    if isinstance(string, (tuple, list)):
        return tuple(str(f or "") for f in string)
    return (str(string or ""),)


def catalog_problems(catalog: Catalog, source: Catalog) -> list[str]:
    """What makes a catalog unfit to ship. Plural forms are counted here, one by one, not by
    ``pybabel compile --statistics`` (which counts a plural entry as one)."""
    problems = ["the header is marked fuzzy"] if catalog.fuzzy else []
    wanted = {key(m): m for m in source if m.id}
    for message in catalog:
        if not message.id:
            continue
        name = key(message)
        if message.fuzzy:
            problems.append(f"{name}: fuzzy")
        forms = forms_of(message)
        if isinstance(message.id, tuple) and len(forms) != catalog.num_plurals:
            problems.append(
                f"{name}: {len(forms)} plural forms, the language has {catalog.num_plurals}"
            )
        if any(not form.strip() for form in forms):
            problems.append(f"{name}: not translated")
        original = wanted.get(name)
        if original is None:
            problems.append(f"{name}: not in the source catalog")
            continue
        allowed = {b for s in forms_of(original) for b in BLANK.findall(s)}
        unknown = {b for f in forms for b in BLANK.findall(f)} - allowed
        if unknown:
            problems.append(f"{name}: unknown blanks {sorted(unknown)}")
    problems += [f"{k}: missing" for k in sorted(set(wanted) - {key(m) for m in catalog if m.id})]
    return problems


def test_polish_ships_beside_british_english() -> None:
    assert shipped_locales() == [SOURCE_LOCALE, "pl"]


def test_each_language_is_offered_in_its_own_words_and_the_screens() -> None:
    from planner.i18n import language_choice

    assert [language_choice(c, "en_GB") for c in shipped_locales()] == [
        "English",
        "Polski (Polish)",
    ]
    assert [language_choice(c, "pl") for c in shipped_locales()] == [
        "English (angielski)",
        "Polski",
    ]


@pytest.mark.parametrize("locale", shipped_locales())
def test_every_shipped_catalog_is_complete(locale: str) -> None:
    assert catalog_problems(read(locale), read(SOURCE_LOCALE)) == []


def test_the_completeness_check_catches_a_missing_plural_form_and_fuzzy_entries() -> None:
    broken = read("pl")
    items = broken.get("word.items", context=None) or broken[("word.items", "word.items")]
    first, second, _ = forms_of(items)
    items.string = (first, second, "")
    broken["ui.add"].flags.add("fuzzy")
    problems = catalog_problems(broken, read(SOURCE_LOCALE))
    assert "word.items: not translated" in problems
    assert "ui.add: fuzzy" in problems


@pytest.mark.parametrize("locale", shipped_locales())
def test_gnu_msgfmt_check_passes(locale: str) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "the test command installs GNU gettext"
    po = LOCALES / locale / "LC_MESSAGES" / "planner.po"
    result = subprocess.run(
        [msgfmt, "--check", "-o", os.devnull, str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def pybabel(*args: str) -> subprocess.CompletedProcess[str]:
    """Babel's own command, from this Python's environment, run in the project folder."""
    command = [str(Path(sys.executable).parent / "pybabel"), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_the_template_is_current_and_pybabel_update_check_is_clean(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n as helper  # scripts/i18n.py
    finally:
        sys.path.remove(str(ROOT / "scripts"))

    def body(path: Path) -> list[str]:  # all but the line naming the Babel version
        lines = path.read_text(encoding="utf-8").splitlines()
        return [line for line in lines if not line.startswith('"Generated-By:')]

    fresh = helper.template(tmp_path / "planner.pot")
    assert body(fresh) == body(LOCALES / "planner.pot"), "run: python3 scripts/i18n.py update"
    shutil.copytree(LOCALES, tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo"))
    result = pybabel(
        "update", "--check", "--ignore-pot-creation-date", "-i", str(LOCALES / "planner.pot"),
        "-d", str(tmp_path / "locales"), "-D", "planner",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_extraction_finds_every_key_the_code_and_flows_use_in_the_catalog(tmp_path: Path) -> None:
    """``pybabel extract`` with the configuration in pyproject.toml (Python, flows, templates)."""
    out = tmp_path / "keys.pot"
    result = pybabel("extract", "-F", "pyproject.toml", "-o", str(out), ".")
    assert result.returncode == 0, result.stderr
    with out.open("rb") as handle:
        used = {key(m) for m in read_po(handle) if m.id}
    assert len(used) > 400  # the flows' keys and the code's
    assert "node.child_name" in used  # from the flow
    assert "ui.export_title" in used  # from the app
    assert "doc.contents" in used  # from the plan's HTML template (jinja2's i18n extension)
    known = {key(m) for m in read(SOURCE_LOCALE) if m.id}
    assert sorted(used - known) == []


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 pozycja"),
        (2, "2 pozycje"),
        (4, "4 pozycje"),
        (5, "5 pozycji"),
        (12, "12 pozycji"),
        (21, "21 pozycji"),
        (22, "22 pozycje"),
        (25, "25 pozycji"),
        (104, "104 pozycje"),
    ],
)
def test_polish_plurals_have_three_forms(count: int, expected: str) -> None:
    assert Texts("pl").plural("word.items", count) == expected


def test_money_and_dates_follow_the_familys_language_not_the_computers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from babel.dates import format_date

    from planner.domain.money import format_money

    monkeypatch.setenv("LC_ALL", "pl_PL.UTF-8")
    monkeypatch.setenv("LANG", "pl_PL.UTF-8")
    assert format_money(Decimal("1234.5"), "en_GB") == "£1,234.50"
    polish = format_money(Decimal("1234.5"), "pl")
    assert "1234,50" in polish.replace("\xa0", "")
    assert "£" in polish
    conv = open_session(None).conversation
    conv.set_locale("pl")
    assert "3 lutego 2012" in format_date(date(2012, 2, 3), "d MMMM y", locale=conv.locale)


@pytest.mark.parametrize(
    ("typed", "pounds"),
    [
        ("14,50", "14.50"),  # a decimal comma, as Polish is written
        ("1 234,50", "1234.50"),
        ("1\u00a0234,50 £", "1234.50"),  # as the planner itself shows it, kept with Enter
        ("1.234,50", "1234.50"),
        ("£14.50", "14.50"),  # as written in England
        ("2500", "2500.00"),
    ],
)
def test_a_polish_parent_types_amounts_the_polish_way(typed: str, pounds: str) -> None:
    from planner.domain.money import parse_money

    assert parse_money(typed, "pl") == Decimal(pounds)


def test_amounts_that_cannot_be_read_get_a_polish_message_with_polish_examples() -> None:
    conv = open_session(None).conversation
    apply_example(conv, find_example("kai"), until="support_items")  # type: ignore[arg-type]
    conv.set_locale("pl")
    fields = {f.name: f for f in conv.items.fields({"cost_basis": "per_hour"})}
    cost, hours = fields["unit_cost"], fields["units_per_week"]
    refused = conv.items.parse(cost, "14,505")
    assert getattr(refused, "message", "") == (
        "Czy chodzi o 14\u00a0505,00\u00a0£? Jeśli tak, wpisz 14505. "
        "Pensy wpisz jako dwie cyfry po przecinku, na przykład 14,50."
    )
    refused = conv.items.parse(cost, "14,5055")
    assert getattr(refused, "message", "") == "Po przecinku wpisz najwyżej dwie cyfry, dla pensów."
    assert conv.items.parse(cost, "14,5") == Decimal("14.50")
    assert conv.items.parse(hours, "2,5") == Decimal("2.5")


def test_every_content_page_is_in_polish_and_a_missing_one_is_reported() -> None:
    from planner.dialogue.checker import _content_fallbacks, check_flow
    from planner.dialogue.loader import load_flow

    report = check_flow()
    assert [n for n in report.notes if n.startswith("pl ")] == []
    unknown = list(_content_fallbacks(load_flow(), [SOURCE_LOCALE, "xx"]))
    assert "xx shows the English en_GB/more/outcomes.md (no translation yet)" in unknown
    assert "xx shows the English en_GB/glossary.yaml (no translation yet)" in unknown
    assert any("pack 'example_social_care' text 'q.sleep'" in n for n in unknown)


def test_ask_anything_understands_polish_with_its_endings_and_accents() -> None:
    from planner.content.ask import ask

    assert ask("czy moge placic babci za opieke", "pl").found[0].key == "pay_family"
    assert ask("Co to jest płatność bezpośrednia?", "pl").found[0].key == "Płatność bezpośrednia"


# --- the app in Polish --------------------------------------------------------------------


def english_sentences() -> set[str]:
    """Every British English text of three words or more, with its blanks taken out."""
    found = set()
    for message in read(SOURCE_LOCALE):
        if not message.id:
            continue
        for form in forms_of(message):
            for piece in BLANK.split(form)[::2]:
                if len(piece.split()) >= 3:
                    found.add(piece.strip())
    return found


def screen_words(app: Any) -> str:
    """The app's own words on screen: every label, message and button (not what was typed)."""
    from textual.widgets import Button, Label, Static

    from planner.tui.widgets.transcript import Transcript

    parts = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Button):
            parts.append(str(widget.label))
        elif isinstance(widget, Static | Label):
            parts.append(str(widget.render()))
        elif isinstance(widget, Transcript):
            parts += [words for kind, words in widget.messages() if kind != "family"]
    return "\n".join(parts)


async def test_a_parent_switches_to_polish_at_step_3_and_finishes_in_polish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kai's mum, who reads Polish, reaches step 3 in English, switches with Ctrl+L and goes on
    to the end: every answer is kept, and she meets no English sentence from the app, until she
    chooses the plan in Polish and English for the council."""
    from textual.widgets import Button

    from planner.services.start import Start
    from planner.tui.app import PlannerApp
    from planner.tui.screens.dialogs import RowsDialog

    from .tui_driver import keep_answer

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "Downloads"))
    session = open_session(tmp_path / "data")
    apply_example(session.conversation, find_example("kai"))  # type: ignore[arg-type]
    session.conversation.jump("agree")  # she is at step 3, with her answers to every step
    answers = session.conversation.plan.model_dump(exclude={"updated"})
    english = english_sentences()
    app = PlannerApp(Start(session=session))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Step 3 is getting the plan agreed" in screen_words(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, RowsDialog)
        assert [row.value for row in app.screen.rows] == ["en_GB", "pl"]
        await pilot.press("tab", "enter")  # the second row: Polski
        await pilot.pause()
        assert app.conv.locale == "pl"
        assert app.conv.plan.model_dump(exclude={"updated"}) == answers  # nothing lost
        assert "Krok 3 to zatwierdzenie planu" in screen_words(app)
        assert "Teraz po polsku" in str(list(app._notifications)[-1].message)
        for _ in range(200):
            if app.conv.finished:
                break
            words = screen_words(app)
            seen = sorted(s for s in english if s in words)
            assert seen == [], f"English at {app.conv.node_id}: {seen}"
            await keep_answer(pilot, app)
        assert app.conv.finished
        assert "Wasz plan roboczy jest gotowy" in screen_words(app)
        await pilot.press("f8")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RowsDialog)
        row = next(i for i, r in enumerate(dialog.rows) if r.value == "md+bilingual")
        dialog.query_one(f"#row-{row}", Button).press()
        await app.workers.wait_for_complete()
        await pilot.pause()
    saved = (tmp_path / "Downloads" / "support-plan-kai-pl-en.md").read_text()
    assert saved.startswith("# Plan wsparcia: Kai / Support plan for Kai")
    assert (
        "*This document is in Polish, with the English under each part for the council.*" in saved
    )
    assert open_session(tmp_path / "data", resume=session.code).conversation.locale == "pl"


# --- a pseudo-locale: 40% longer, accented, to show where longer languages would not fit ---

ACCENTS = str.maketrans("aceinorsuyzACEINORSUYZ", "àçéîñøŕšûýžÀÇÉÎÑØŔŠÛÝŽ")


def pseudo(text: str) -> str:
    """Accented and about 40% longer; blanks such as {name} kept as they are."""
    if not text:
        return text
    pieces = BLANK.split(text)
    out = "".join(
        p.translate(ACCENTS) if i % 2 == 0 else "{" + p + "}" for i, p in enumerate(pieces)
    )
    return out + " " + "·" * max(1, round(len(text) * 0.4) - 1)


@pytest.fixture
def pseudo_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """``en_XA``: every British English text made pseudo, loaded as if it were shipped."""
    from babel.messages.mofile import write_mo

    source = read(SOURCE_LOCALE)
    fake = Catalog(locale="en_GB", domain="planner", fuzzy=False)
    for message in source:
        if message.id:
            made = tuple(pseudo(f) for f in forms_of(message))
            fake.add(message.id, made if isinstance(message.id, tuple) else made[0])
    buffer = io.BytesIO()
    write_mo(buffer, fake)
    translations = gettext.GNUTranslations(io.BytesIO(buffer.getvalue()))
    real = i18n._load_mo
    monkeypatch.setattr(i18n, "_load_mo", lambda loc: translations if loc == "en_XA" else real(loc))
    i18n._cached_mo.cache_clear()
    texts_for.cache_clear()
    yield "en_XA"
    i18n._cached_mo.cache_clear()
    texts_for.cache_clear()


def clipped(app: Any) -> list[str]:
    """Words that do not fit where they are drawn: a line cut off, or a button too narrow."""
    from textual.widgets import Button, Static

    found = []
    for widget in app.screen.query("*"):
        if not widget.display or widget.region.area == 0:
            continue
        if isinstance(widget, Button):
            if len(str(widget.label)) > widget.content_region.width:
                found.append(f"button {widget.label}")
        elif isinstance(widget, Static) and widget.styles.overflow_y == "hidden":
            width = widget.content_region.width
            needed = widget.get_content_height(widget.content_region.size, app.size, width)
            fixed = widget.styles.height is not None and not widget.styles.height.is_auto
            if fixed and needed > widget.content_region.height:
                found.append(f"{widget.id or type(widget).__name__}: {needed} lines")
    return found


def test_the_pseudo_locale_really_is_longer(pseudo_locale: str) -> None:
    english = texts_for().get("node.who")
    longer = Texts(pseudo_locale).get("node.who")
    assert len(longer) >= 1.35 * len(english)
    assert "ŕ" in longer or "é" in longer


@pytest.mark.parametrize("node", ["welcome", "ehcp_status", "money_option", "risks"])
async def test_longer_words_are_never_cut_off_at_100_by_30(pseudo_locale: str, node: str) -> None:
    from planner.services.start import Start
    from planner.tui.app import PlannerApp

    session = open_session(None)
    apply_example(session.conversation, find_example("kai"), until=node)  # type: ignore[arg-type]
    session.conversation.set_locale(pseudo_locale)
    app = PlannerApp(Start(session=session))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "ŕ" in screen_words(app) or "é" in screen_words(app)  # it is the pseudo-locale
        assert clipped(app) == []


def test_the_pseudo_locale_at_100_by_30(pseudo_locale: str, snap_compare: Any) -> None:
    """A pinned picture: a question with its options in words 40% longer."""
    from planner.services.start import Start
    from planner.tui.app import PlannerApp

    session = open_session(None, today=TODAY)  # the picture does not change with the date
    apply_example(session.conversation, find_example("kai"), until="money_option")  # type: ignore[arg-type]
    session.conversation.set_locale(pseudo_locale)
    assert snap_compare(PlannerApp(Start(session=session)), terminal_size=(100, 30))


# --- the line-by-line planner (screen readers) in Polish ---


@pytest.mark.parametrize("locale", shipped_locales())
def test_no_typed_word_belongs_to_two_commands(locale: str) -> None:
    from itertools import combinations

    from planner.plain.commands import command_words

    words = command_words(locale)
    shared = {(a, b): words[a] & words[b] for a, b in combinations(words, 2)}
    assert {pair: both for pair, both in shared.items() if both} == {}
    if locale != SOURCE_LOCALE:  # the family's own words, not only the English ones
        english = texts_for(SOURCE_LOCALE)
        assert all(words[n] - set(english.get(f"cmd.{n}").split()) for n in words)


def test_a_polish_screen_reader_user_types_commands_in_polish(tmp_path: Path) -> None:
    """``język polski`` (or ``language 2``) at the start, then Polish words for every command,
    with or without their accents; the messages name the Polish words."""
    from .test_plain import plain, saved_plans

    example = find_example("kai")
    assert example is not None
    lines = [
        "language polski",
        "",
        "1",
        "Ana",
        "pomoc",
        "kroki",
        "wstecz",
        "",
        "14/03/2015",
        "sprawdz 1",  # no accent: "sprawdź"
        "zmień 1",
        "2",
        "",
        "wyjdź",
        "never read",
    ]
    result = plain(tmp_path, lines)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Teraz po polsku. Wszystkie odpowiedzi są zachowane." in out
    assert "Możesz też wpisać wstecz, pomoc, idź" in plain(tmp_path / "b", ["język 2"]).stdout
    assert "Do tego pytania nie ma nic więcej do przeczytania." in out  # pomoc
    assert "1. Mój budżet osobisty: nie rozpoczęto" in out  # kroki
    assert out.count("Jak ma na imię dziecko lub młoda osoba") == 2  # wstecz
    assert "wpisz zmień i jej numer" in out  # sprawdź
    assert "Do zobaczenia." in out
    (saved,) = saved_plans(tmp_path)
    assert saved["locale"] == "pl"
    assert saved["plan"]["budget"]["social_care"]["status"] == "unknown"  # zmień 1, then 2
    assert "Wybierz jedną z opcji. Wpisz liczbę od 1 do 4." in out  # an empty answer
    assert saved["node"] == "health_right"
    assert "never read" not in str(saved)


def test_a_list_is_filled_in_with_polish_words(tmp_path: Path) -> None:
    from .helpers import plain_lines
    from .test_plain import plain, saved_plans

    example = find_example("kai")
    assert example is not None
    to_risks = plain_lines(example, until="risks")
    budget = len(plain_lines(example, until="like_about"))  # Kai's amounts are written in English
    script = [
        *to_risks[:budget],
        "język 2",
        *to_risks[budget:],
        "Zgubi się",  # the first risk is started at once
        "Ma telefon z mapą",
        "usuń 1",
        "nie",
        "dodaj",
        "Upadek",
        "Ktoś jest obok",
        "usun 2",
        "tak",
        "dalej",
        "wyjdź",
    ]
    out = plain(tmp_path, script).stdout
    assert "Wpisz dodaj, aby dodać" in out
    assert "Dodano." in out
    (saved,) = saved_plans(tmp_path)
    risks = saved["plan"]["risks"]
    assert [r["what"] for r in risks] == ["Zgubi się"]
    assert saved["node"] != "risks"  # "dalej" finished the list


def test_planner_export_keeps_a_saved_plans_language_and_can_add_english(tmp_path: Path) -> None:
    """From the command line: a plan saved in Polish comes out in Polish; ``--with-english``
    adds the English for the council; an unknown language gets a message, not a file."""
    session = open_session(tmp_path)
    apply_example(session.conversation, find_example("kai"))  # type: ignore[arg-type]
    session.conversation.set_locale("pl")

    def export(*options: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "planner", "export", "--plan", session.code]
        command += ["--format", "md", "--data-dir", str(tmp_path), *options]
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)

    assert export("--output", str(tmp_path / "pl.md")).returncode == 0
    assert (tmp_path / "pl.md").read_text().startswith("# Plan wsparcia: Kai\n")
    assert export("--with-english", "--output", str(tmp_path / "pl-en.md")).returncode == 0
    both = (tmp_path / "pl-en.md").read_text()
    assert both.startswith("# Plan wsparcia: Kai / Support plan for Kai\n")
    assert export("--language", "en_GB", "--output", str(tmp_path / "en.md")).returncode == 0
    assert (tmp_path / "en.md").read_text().startswith("# Support plan for Kai\n")
    refused = export("--language", "xx", "--output", str(tmp_path / "xx.md"))
    assert refused.returncode == 2
    assert "There is no language xx here. The languages are: en_GB, pl." in refused.stdout
    assert not (tmp_path / "xx.md").exists()


def test_a_moment_is_written_as_babel_writes_it_in_every_language() -> None:
    """The caseload's "last changed" column keeps babel's words while its patterns are kept."""
    from datetime import UTC, datetime, timedelta

    from babel.dates import format_datetime

    from planner.i18n import format_moment, shipped_locales

    start = datetime(2026, 3, 28, 22, 59, 30, tzinfo=UTC)  # across the clocks going forward
    moments = [start + timedelta(minutes=37 * n, seconds=n) for n in range(400)]
    for locale in shipped_locales():
        for moment in moments:
            expected = format_datetime(moment.astimezone(), "short", locale=locale)
            assert format_moment(moment, locale) == expected
