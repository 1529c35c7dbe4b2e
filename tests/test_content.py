"""The plain-language content: the steps, the four ways, the rules, the glossary, the families'
questions, where to get help, readability, and "ask anything"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from planner.content.knowledge import faq, find_term, glossary, search_glossary
from planner.content.options import OPTION_ROWS, ways_to_manage
from planner.content.readability import MAX_SENTENCE, MIN_EASE, family_texts, sentences
from planner.i18n import texts_for
from planner.paths import data_path

from .helpers import plain_says

HERE = Path(__file__).parent
STEP_SECTIONS = [
    "What happens",
    "What you will decide",
    "What to have ready",
    "Who can help",
    "What happens next",
]
STEPS = ["budget", "plan", "agree", "money", "support", "life", "review"]


@pytest.mark.parametrize("step", STEPS)
def test_each_step_says_what_happens_what_to_decide_have_ready_who_helps_and_next(
    step: str,
) -> None:
    text = texts_for().more(f"step_{step}")
    assert text is not None
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == STEP_SECTIONS


def test_each_of_the_four_ways_answers_every_row() -> None:
    ways = ways_to_manage()
    assert [w.id for w in ways] == ["direct_payment", "arranged", "third_party", "mix"]
    for way in ways:
        for row in OPTION_ROWS:
            assert way.row(row).strip(), (way.id, row)
    labels = texts_for()
    assert all(labels.has(f"option_row.{row}") for row in OPTION_ROWS)


RULES = {
    "rule_no_ehcp": "ehcp_none_info",
    "rule_school_agreement": "head_agreement",
    "rule_who_can_have_a_direct_payment": "dp_recipient",
    "rule_if_council_says_no": "agree_if_no",
    "rule_young_person_decides": "young_person_decides",
    "rule_employing_a_pa": "employ_pa",
}


@pytest.mark.parametrize(("page", "node"), RULES.items())
def test_each_rule_is_explained_once_and_shown_where_it_applies(page: str, node: str) -> None:
    from planner.dialogue.loader import load_flow

    assert texts_for().more(page)
    assert load_flow().nodes[node].more == page


def test_the_glossary_has_at_least_40_terms_each_with_one_sentence_and_more() -> None:
    terms = glossary()
    assert len(terms) >= 40
    for term in terms:
        assert len(sentences(term.short)) == 1, term.term
        assert len(term.more) > len(term.short) / 2, term.term
    assert len({t.term.lower() for t in terms}) == len(terms)


def test_glossary_look_up_and_search() -> None:
    term = find_term("ISF")
    assert term is not None
    assert term.term == "Individual service fund"
    assert [t.term for t in search_glossary("payroll")][:2] == [
        "Direct payment support service",
        "Payroll service",
    ]


def test_at_least_30_questions_each_with_what_to_do_next() -> None:
    questions = faq()
    assert len(questions) >= 30
    assert all(q.next.strip() and q.answer.strip() for q in questions)
    asked = " ".join(q.question for q in questions)
    for wanted in (
        "Can I pay my mum to support my son?",
        "What if the money runs out?",
        "Will a personal budget mean less help at school?",
        "What happens if the council says no?",
    ):
        assert wanted in asked


def _all_content_text() -> str:
    parts = [p.read_text(encoding="utf-8") for p in data_path("content", "en_GB").rglob("*.*")]
    parts += [p.read_text(encoding="utf-8") for p in data_path("content", "packs").rglob("*.yaml")]
    return "\n".join(parts)


def test_where_to_get_help_names_places_but_no_made_up_numbers_or_addresses() -> None:
    text = texts_for().more_page("help")
    assert text is not None
    for place in ("SENDIASS", "Parent Carer Forum", "local offer"):
        assert place in text
    everything = _all_content_text()
    assert not re.search(r"\b0\d{3,4}[ -]?\d{3}[ -]?\d{3,4}\b", everything)  # phone numbers
    assert not re.search(r"https?://|www\.|@[a-z]+\.", everything)
    assert not re.search(r"\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b", everything)  # postcodes


PROMISES = [
    r"\byou will get\b",
    r"\bguarantee",
    r"\byou are entitled to £",
    r"\bwill definitely\b",
    r"\byou will win\b",
    r"\bmust give you £",
    r"\bcertain to\b",
]


def test_no_text_promises_money_or_a_legal_result() -> None:
    catalog = data_path("locales", "en_GB", "LC_MESSAGES", "planner.po").read_text()
    everything = (_all_content_text() + catalog).lower()
    for pattern in PROMISES:
        assert not re.search(pattern, everything), pattern


def test_every_example_figure_says_it_is_an_example_and_gives_its_year() -> None:
    for path in data_path("content", "packs").rglob("pack.yaml"):
        pack = yaml.safe_load(path.read_text())
        assert pack["example_only"] is True
        assert "Example only" in pack["texts"]["en_GB"]["disclaimer"]
        assert re.fullmatch(r"\d{4}", str(pack["year"]))
        for entry in pack.get("catalogue", []):
            label = pack["texts"]["en_GB"][f"c.{entry['id']}"]
            assert "example" in label.lower()
            assert str(entry["year"]) in label
    for key in ("oncost.insurance", "oncost.payroll", "oncost.intro"):
        text = texts_for().get(key, amount="£1", year="2025 to 2026")
        assert "example" in text.lower() or "2025" in text
    figures = re.findall(r"[^\n]*£\d[^\n]*", _all_content_text())
    for line in figures:
        assert "example" in line.lower() or re.search(r"\b20\d\d\b", line), line


def test_every_english_family_facing_text_is_easy_to_read() -> None:
    readings = family_texts()
    eases = [r.ease for r in readings if r.ease is not None]
    print(
        f"\nreadability: {len(readings)} texts, {len(eases)} long enough to score; "
        f"lowest ease {min(eases):.1f}, average {sum(eases) / len(eases):.1f}; "
        f"longest sentence {max(r.longest for r in readings)} words"
    )
    hard = [(r.source, r.ease, r.longest) for r in readings if not r.ok]
    assert hard == []
    assert len(readings) > 300
    assert MIN_EASE == 60
    assert MAX_SENTENCE == 25


def test_the_readability_check_catches_a_hard_text() -> None:
    from planner.content.readability import measure

    hard = measure(
        "x",
        "Notwithstanding the aforementioned considerations, the local authority's determination "
        "regarding eligibility necessitates comprehensive documentation.",
    )
    assert not hard.ok
    long = measure("y", " ".join(["word"] * 26) + ".")
    assert long.longest == 26
    assert not long.ok


def test_ask_anything_in_plain_mode_and_back_to_the_same_question(tmp_path: Path) -> None:
    typed = "\n1\nwhat if the council says no?\nSam\n? meaning of isf\nglossary isf\nadvice\n"
    out = plain_says(tmp_path, typed)
    assert "1. What happens if the council says no?" in out
    assert "Now, back to where we were." in out
    assert "Individual service fund: A provider holds your budget" in out
    assert "## Your local SENDIASS" in out
    assert "What is Sam's date of birth?" in out
