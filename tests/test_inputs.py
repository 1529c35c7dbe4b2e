"""Bad input of every kind gets a plain message and the same question again; good input is read."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from planner.dialogue.conversation import Conversation
from planner.dialogue.inputs import example_date, parse_date, parse_yes_no_unsure, read_date
from planner.dialogue.prompt import Result
from planner.dialogue.schema import DateRule
from planner.domain.errors import InputError
from planner.domain.money import parse_money
from planner.services.examples import apply_example, find_example

from .helpers import TODAY, new_conversation

BAD_MONEY = [
    "£1,2,3",
    "-5",
    "1e9",
    "twelve",
    "£ 12.345",
    "",
    "£",
    "1.2.3",
    "£-5",
    "50 zł",
    "$20",
    "💷5",
]


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
        ("the day after sports day", DateRule.ANY, "error.date.format"),
        ("2027", DateRule.ANY, "error.date.format"),
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


@pytest.mark.parametrize(
    ("raw", "locale", "expected"),
    [
        ("1200 pounds", "en_GB", "1200.00"),
        ("£1.2k", "en_GB", "1200.00"),
        ("1.200,00", "en_GB", "1200.00"),
        ("3 grand", "en_GB", "3000.00"),
        ("5,00", "en_GB", "5.00"),
        ("1200 funtów", "pl", "1200.00"),
        ("2 tys. funtów", "pl", "2000.00"),
        ("£1,250.50", "pl", "1250.50"),
        ("I think 3000", "en_GB", "3000.00"),
        ("about £250", "en_GB", "250.00"),
        ("chyba 300 funtów", "pl", "300.00"),
    ],
)
def test_amounts_as_people_write_them_are_read_and_said_back(
    raw: str, locale: str, expected: str
) -> None:
    conv = _at("edu_budget_amount")
    if locale != "en_GB":
        conv.set_locale(locale)
    result = conv.answer(raw)
    assert result.ok
    assert conv.plan.budget.education.amount == Decimal(expected)
    said = result.notices[0].text
    assert said.startswith(("I read that as £", "Rozumiem to jako "))
    assert conv.money(Decimal(expected)) in said


@pytest.mark.parametrize(
    ("raw", "locale", "message"),
    [
        ("i dont know", "en_GB", "That is all right. Type your best guess in numbers"),
        ("nie wiem", "pl", "Nic nie szkodzi. Wpisz liczbą swoją najlepszą ocenę"),
    ],
)
def test_not_knowing_an_amount_is_met_kindly_with_a_second_chance(
    raw: str, locale: str, message: str
) -> None:
    """Found trying the planner as a 17-year-old: "i dont know" at a price was told to type
    numbers; it is told a best guess will do, and can be changed."""
    conv = _at("edu_budget_amount")
    conv.set_locale(locale)
    result = conv.answer(raw)
    assert not result.ok
    assert result.message.startswith(message)
    assert conv.node_id == "edu_budget_amount"
    assert conv.answer("20").ok


@pytest.mark.parametrize(("raw", "locale"), [("50 zł", "pl"), ("dużo", "pl"), ("$20", "en_GB")])
def test_a_wrong_amount_is_refused_plainly_in_either_language(raw: str, locale: str) -> None:
    conv = _at("edu_budget_amount")
    conv.set_locale(locale)
    result = conv.answer(raw)
    assert not result.ok
    assert result.message.startswith(("Please", "Podaj", "Wpisz"))


@pytest.mark.parametrize(
    ("raw", "locale", "expected"),
    [
        ("£1,200", "en_GB", "1200.00"),
        ("1.200,00", "pl", "1200.00"),
        ("1 200,50 £", "pl", "1200.50"),
    ],
)
def test_an_amount_written_the_usual_way_is_not_said_back(
    raw: str, locale: str, expected: str
) -> None:
    conv = _at("edu_budget_amount")
    conv.set_locale(locale)
    assert conv.answer(raw).notices == ()
    assert conv.plan.budget.education.amount == Decimal(expected)


@pytest.mark.parametrize(
    ("raw", "locale", "expected"),
    [
        ("1/9/27", "en_GB", date(2027, 9, 1)),
        ("September 2027", "en_GB", date(2027, 9, 1)),
        ("next September", "en_GB", date(2027, 9, 1)),
        ("in two weeks", "en_GB", date(2026, 12, 6)),
        ("1 września 2027", "pl", date(2027, 9, 1)),
        ("wrzesień 2027", "pl", date(2027, 9, 1)),
        ("we wrześniu", "pl", date(2027, 9, 1)),
        ("1.09.27", "pl", date(2027, 9, 1)),
    ],
)
def test_dates_as_people_write_them_are_read(raw: str, locale: str, expected: date) -> None:
    value, guessed = read_date(raw, DateRule.FUTURE, TODAY, locale)
    assert value == expected
    assert guessed


def test_a_guessed_date_is_said_back_in_an_item_of_the_action_plan() -> None:
    conv = _at("actions")
    conv.typed = True
    field = conv.flow.items["action"].fields[2]
    said: list[str] = []
    assert conv.items.parse(field, "next September", said) == date(2027, 9, 1)
    assert said == [
        "I read that as 1 September 2027. If that is not right, type back to change it."
    ]


@pytest.mark.parametrize("today", [date(2026, 12, 3), date(2031, 5, 20)])
def test_example_dates_in_messages_are_always_still_to_come(today: date) -> None:
    conv = new_conversation(today)
    message = conv.t("error.date.format", example=example_date(DateRule.FUTURE, today))
    shown = datetime.strptime(message.rsplit(" ", 1)[1].rstrip("."), "%d/%m/%Y").date()
    assert shown > today
    hint = datetime.strptime(conv.t("field.action.by_when").split()[4].rstrip("."), "%d/%m/%Y")
    assert hint.date() > today


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


def test_an_outcome_can_be_long_and_a_name_cannot() -> None:
    """Outcomes, risks and support are written in sentences: up to 2,000 characters. A name is
    kept to 200. Past the limit the message says how long it is and how long it may be."""
    conv = _at("outcomes")
    what = next(f for f in conv.flow.items["outcome"].fields if f.name == "what")
    sentence = "Spend time with friends after school, " * 39  # 1,482 characters
    assert conv.items.parse(what, sentence) == sentence.strip()
    refused = conv.items.parse(what, "x" * 2001)
    assert isinstance(refused, Result)
    assert "2,000" in refused.message
    assert "2,001" in refused.message
    named = _at("child_name")
    result = named.answer("K" * 250)
    assert not result.ok
    assert "200" in result.message


def test_a_period_said_where_no_question_takes_it_is_left_out_and_said_back() -> None:
    conv = _at("actions")
    conv.typed = True
    cost = next(f for f in conv.flow.items["support_item"].fields if f.name == "unit_cost")
    said: list[str] = []
    assert conv.items.parse(cost, "£50 a month", said) == Decimal("50.00")  # no monthly price
    assert said == ["I read that as £50.00. If that is not right, type back to change it."]


@pytest.mark.parametrize(
    ("field", "typed", "value", "settled"),
    [
        ("unit_cost", "£45 a session", "45.00", {"cost_basis": "per_session"}),
        ("unit_cost", "£14.50 an hour", "14.50", {"cost_basis": "per_hour"}),
        ("unit_cost", "250 once", "250.00", {"cost_basis": "one_off"}),
        ("unit_cost", "£100 a week", "100.00", {"cost_basis": "per_week"}),
        ("unit_cost", "0.45 a mile", "0.45", {"cost_basis": "per_mile"}),
        ("unit_cost", "1200 pounds a year", "1200.00", {"cost_basis": "per_year"}),
        ("unit_cost", "30 za sesję", "30.00", {"cost_basis": "per_session"}),
        ("unit_cost", "250 jednorazowo", "250.00", {"cost_basis": "one_off"}),
        ("unit_cost", "£45", "45.00", {}),
        ("units_per_week", "1 a week for 26 weeks", "1", {"weeks_per_year": Decimal(26)}),
        ("units_per_week", "3 hours a week, 48 weeks a year", "3", {"weeks_per_year": 48}),
        ("units_per_week", "7.5 hours a week", "7.5", {}),
        ("units_per_week", "once a week, all year", "1", {"weeks_per_year": Decimal(52)}),
        ("units_per_week", "2", "2", {}),
        ("units_per_week", "3 godziny tygodniowo przez 40 tygodni", "3", {"weeks_per_year": 40}),
        ("units_per_week", "raz w tygodniu", "1", {}),
        # one day a week: found trying line mode as a 17-year-old
        ("units_per_week", "2 hours on saturday", "2", {}),
        ("units_per_week", "2 godziny w sobotę przez 40 tygodni", "2", {"weeks_per_year": 40}),
    ],
)
def test_a_price_or_how_often_said_with_more_answers_the_next_question_too(
    field: str, typed: str, value: str, settled: dict[str, object]
) -> None:
    """ "£45 a session" says how it is charged; "3 hours a week for 40 weeks" the weeks."""
    conv = _at("actions")
    question = next(f for f in conv.flow.items["support_item"].fields if f.name == field)
    found: dict[str, object] = {}
    assert conv.items.parse(question, typed, settled=found) == Decimal(value)
    assert found == settled


def test_how_often_with_words_no_one_uses_is_refused_plainly() -> None:
    conv = _at("actions")
    often = next(f for f in conv.flow.items["support_item"].fields if f.name == "units_per_week")
    refused = conv.items.parse(often, "lots, most weeks")
    assert isinstance(refused, Result)
    assert "number" in refused.message


def test_an_id_made_only_of_digits_is_taken_as_the_option_it_names() -> None:
    """The terminal's item editor sends the ticked outcomes by their ids; a random id can be all
    digits ("635438945686"), and must not be read as "option number 635438945686"."""
    from planner.dialogue.inputs import parse_choice, parse_choices
    from planner.dialogue.schema import Option

    options = [Option(value="a1b2c3d4e5f6", text="x"), Option(value="635438945686", text="y")]
    labels = ["Make friends", "Travel alone"]
    assert parse_choice("635438945686", options, labels) == "635438945686"
    assert parse_choices("2, 635438945686", options, labels, required=True) == ["635438945686"]
    assert parse_choice("1", options, labels) == "a1b2c3d4e5f6"
    with pytest.raises(InputError):
        parse_choice("7", options, labels)


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [("6 months", "six_months"), ("six months", "six_months"), ("once a year", "yearly")],
)
def test_an_option_said_in_other_words_is_taken_when_only_one_fits(typed: str, chosen: str) -> None:
    """Found trying line mode as a 17-year-old: "6 months" at "How often?" was not
    recognised beside "Every six months"."""
    conv = _at("review_how_often")
    assert conv.answer(typed).ok
    assert conv.plan.review.how_often is not None
    assert conv.plan.review.how_often.value == chosen


def test_words_that_fit_two_options_are_refused_with_the_numbers_to_type() -> None:
    conv = _at("review_how_often")
    result = conv.answer("months")  # three months or six?
    assert not result.ok
    assert result.message == "I did not recognise that option. Please type a number from 1 to 3."
    assert conv.node_id == "review_how_often"
