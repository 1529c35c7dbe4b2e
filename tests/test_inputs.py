"""Bad input of every kind gets a plain message and the same question again; good input is read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from planner.dialogue.conversation import Conversation
from planner.dialogue.inputs import parse_date, parse_yes_no_unsure
from planner.dialogue.schema import DateRule
from planner.domain.errors import InputError
from planner.domain.money import parse_money
from planner.services.examples import apply_example, find_example

from .helpers import TODAY, new_conversation

BAD_MONEY = ["£1,2,3", "-5", "1e9", "twelve", "£ 12.345", "", "£", "1.2.3", "£-5", "5,00", "💷5"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1250", "1250.00"),
        ("£1,250.50", "1250.50"),
        ("£ 12.34", "12.34"),
        ("12.5", "12.50"),
        ("0", "0.00"),
        ("1,000,000", "1000000.00"),
    ],
)
def test_money_is_read_to_the_penny(raw: str, expected: str) -> None:
    assert parse_money(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", [*BAD_MONEY, "1000000.01"])
def test_bad_money_is_refused(raw: str) -> None:
    with pytest.raises(InputError):
        parse_money(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("14/03/2015", date(2015, 3, 14)),
        ("1-9-2020", date(2020, 9, 1)),
        ("2016-02-29", date(2016, 2, 29)),
        ("3 March 2014", date(2014, 3, 3)),
        ("3rd Sept 2014", date(2014, 9, 3)),
    ],
)
def test_dates_in_common_forms_are_read(raw: str, expected: date) -> None:
    assert parse_date(raw, DateRule.BIRTH, TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "rule", "key"),
    [
        ("31/02/2026", DateRule.ANY, "error.date.no_such_day"),
        ("29/02/2025", DateRule.ANY, "error.date.no_such_day"),
        ("01/01/2030", DateRule.BIRTH, "error.date.birth_future"),
        ("01/01/1990", DateRule.BIRTH, "error.date.too_old"),
        ("14/13/2020", DateRule.ANY, "error.date.month"),
        ("14/03/15", DateRule.ANY, "error.date.short_year"),
        ("next tuesday", DateRule.ANY, "error.date.format"),
        ("01/01/2020", DateRule.FUTURE, "error.date.past"),
        ("01/01/2027", DateRule.PAST, "error.date.future"),
        ("3 Smarch 2020", DateRule.ANY, "error.date.format"),
    ],
)
def test_bad_dates_name_the_problem(raw: str, rule: DateRule, key: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(raw, rule, TODAY)
    assert caught.value.key == key


def test_the_no_such_day_message_says_how_many_days_the_month_has() -> None:
    conv = new_conversation()
    for raw in ("", "1", "Sam"):
        assert conv.answer(raw).ok
    result = conv.answer("31/02/2026")
    assert not result.ok
    assert result.message == "February 2026 has only 28 days. Please check the day."


@pytest.mark.parametrize("raw", ["yes", "Y", "1", " yeah "])
def test_yes_in_many_forms(raw: str) -> None:
    assert parse_yes_no_unsure(raw) == "yes"


@pytest.mark.parametrize("raw", ["not sure", "Don't know", "3", "?"])
def test_not_sure_in_many_forms(raw: str) -> None:
    assert parse_yes_no_unsure(raw) == "not_sure"


def _at(node_id: str) -> Conversation:
    """A conversation moved to a node by giving the Kai example's answers on the way."""
    example = find_example("kai")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example, until=node_id)
    assert conv.node_id == node_id
    return conv


BAD_ANSWERS = {
    "child_name": ["", "   ", "x" * 100_000, "Sam\x00", "Sam\x1b[31m", "a\u200bb\x07"],
    "edu_budget_amount": BAD_MONEY,
    "child_dob": ["31/02/2026", "01/01/2030", "soon", "💥"],
    "ehcp_status": ["0", "7", "99", "-1", "maybe later", "😀", "¹", "٣"],
    "like_about": ["", "x" * 100_000, "line\x0cfeed"],
    "known_person": ["perhaps", "4", "🙂"],
}


@pytest.mark.parametrize(
    ("node_id", "raw"),
    [(node, raw) for node, raws in BAD_ANSWERS.items() for raw in raws],
)
def test_bad_answers_change_nothing_and_ask_again(node_id: str, raw: str) -> None:
    conv = _at(node_id)
    before = conv.state.model_dump_json()
    result = conv.answer(raw)
    assert not result.ok
    assert result.message
    assert not result.message.startswith(("error.", "Traceback"))
    assert "{" not in result.message
    assert conv.node_id == node_id
    assert conv.state.model_dump_json() == before


def test_emoji_are_kept_in_free_text() -> None:
    conv = _at("like_about")
    assert conv.answer("Loves the beach 🏖️ and music 🎶").ok
    assert conv.plan.profile.like_about == "Loves the beach 🏖️ and music 🎶"
