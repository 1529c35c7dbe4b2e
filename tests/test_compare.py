"""The four ways side by side where the family chooses (issue 20's first part): fitted to
what they have said, the law first, a recommendation with its reason; "not sure" leads to two
short questions and the comparison again; ``compare`` shows it from anywhere in line mode; the
plan says why the chosen way suits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.dialogue.conversation import Conversation
from planner.dialogue.loader import load_flow
from planner.domain.models import MoneyPreferences
from planner.domain.vocab import (
    Agreement,
    ManagementChoice,
    MoneyTime,
    OwnWish,
    Paperwork,
    SchoolView,
    YesNoUnsure,
)
from planner.services.examples import apply_example, find_example

from .helpers import plain_says

TODAY = date(2026, 12, 4)


def _at_money_option(family: str = "kai") -> Conversation:
    example = find_example(family)
    assert example is not None
    conv = Conversation(load_flow(), today=TODAY)
    apply_example(conv, example, until="money_option")
    assert conv.node_id == "money_option"
    return conv


def _said(conv: Conversation) -> list[str]:
    return [notice.text for notice in conv.prompt().notices]


def test_the_four_ways_are_compared_before_the_family_chooses() -> None:
    conv = _at_money_option()
    said = _said(conv)
    assert said[0] == "Here are the four ways side by side, fitted to what you have told me:"
    ways = said[1:5]
    assert ways[0].startswith("1. A direct payment: a good fit for you.")
    assert "You said you want to employ someone. A direct payment lets you do that." in ways[0]
    assert ways[1].startswith("2. The council, school or college arranges it: may not suit you.")
    assert "You cannot employ someone yourself this way." in ways[1]
    assert ways[2].startswith("3. Someone I choose holds the money:")
    assert ways[3].startswith("4. A mix of these:")
    assert said[5].startswith("For you, this looks best: ")
    assert said[5].endswith(".")


def test_a_legal_bar_comes_first_and_no_preference_outweighs_it() -> None:
    """Kai's family chose a direct payment, then the head teacher said no to one for support
    in school, and they come back to the question: a direct payment and a third party are not
    possible, however well they suit the family, and neither is recommended."""
    conv = _at_money_option()
    conv.plan.money.option = ManagementChoice.DIRECT_PAYMENT
    conv.plan.money.head_agreement = Agreement.REFUSED
    said = _said(conv)
    direct = said[1]
    assert direct.startswith("1. A direct payment: not possible for you now. Not possible: ")
    assert said[3].startswith("3. Someone I choose holds the money: not possible for you now.")
    serious = [n.serious for n in conv.prompt().notices[1:5]]
    assert serious == [True, False, True, False]
    assert "A direct payment" not in said[5]
    assert "Someone I choose" not in said[5]
    from planner.dialogue.compare import fit_lines

    assert fit_lines(conv)[0] == "- A direct payment: not possible for you now"


def test_not_sure_asks_two_short_questions_then_compares_again() -> None:
    conv = _at_money_option("amira")
    assert conv.answer("5").ok  # I'm not sure yet
    assert conv.node_id == "money_time"
    assert conv.answer("2").ok  # very little time
    assert conv.node_id == "money_help"
    assert conv.answer("yes").ok
    assert conv.node_id == "money_option_again"
    said = _said(conv)
    assert "You have little time. A direct payment needs some every month." in said[1]
    assert "There is help near you for the money side." in said[1]
    assert "You have little time. Someone else holds the money" in said[3]
    assert conv.answer("3").ok
    assert conv.plan.money.option is not None
    assert conv.plan.money.option.value == "third_party"


def test_a_plan_that_fits_no_way_well_says_none_stands_out() -> None:
    conv = Conversation(load_flow(), today=TODAY)
    from planner.dialogue.compare import comparison

    said = [text for text, _ in comparison(conv)]
    assert said[-1].startswith("No way stands out yet.")


def test_the_plan_says_why_the_chosen_way_suits(tmp_path: Path) -> None:
    from planner.services.library import Library

    example = find_example("amira")
    assert example is not None
    session = Library(None).new(example, at="finish")
    from planner.render.export import plan_markdown

    text = plan_markdown(session.conversation.plan, "en_GB")
    assert "Why this way suits us: You would rather not do paperwork." in text


def test_compare_in_line_mode_shows_the_ways_from_anywhere(tmp_path: Path) -> None:
    out = plain_says(tmp_path, "\n1\ncompare\n")
    assert "Here are the four ways side by side" in out
    assert "1. A direct payment: could work." in out
    assert "No way stands out yet." in out
    assert "What is the name of the child" in out.split("No way stands out yet.")[1]


def test_the_plan_so_far_shows_how_each_way_fits_from_anywhere() -> None:
    """The plan so far (F5 in the terminal, the finish in line mode) carries the comparison
    in short, whatever the question."""
    from planner.dialogue.summary import draft_summary
    from planner.services.library import Library

    example = find_example("kai")
    assert example is not None
    conv = Library(None).new(example, at="start").conversation
    lines = draft_summary(conv)
    start = lines.index("How the four ways fit you (step 4 says why):")
    assert lines[start + 1 : start + 6] == [
        "- A direct payment: a good fit for you",
        "- The council, school or college arranges it: may not suit you",
        "- Someone I choose holds the money: a good fit for you",
        "- A mix of these: a good fit for you",
        "Looks best for you: A direct payment",
    ]


def test_after_the_two_questions_no_third_round_is_offered() -> None:
    """When nothing stands out even after the two "not sure" questions, the family is told
    that choosing later is fine, not sent round again."""
    conv = _at_money_option("amira")
    conv.plan.money.paperwork = None
    assert conv.answer("5").ok
    assert conv.answer("1").ok  # an hour or two a month
    assert conv.answer("3").ok  # not sure about help nearby
    assert conv.node_id == "money_option_again"
    last = _said(conv)[5]
    assert last.startswith("No way stands out yet. That is fine: you can choose later")


def _finished(family: str) -> Conversation:
    example = find_example(family)
    assert example is not None
    conv = Conversation(load_flow(), today=TODAY)
    apply_example(conv, example)
    assert conv.finished
    return conv


def _doc(conv: Conversation) -> str:
    from planner.render.export import Format, render

    return render(conv.plan, Format.MARKDOWN, "en_GB", today=TODAY).decode("utf-8")


def _part(doc: str, heading: str) -> list[str]:
    """The lines of one part of the plan, from its heading to the next heading of its level."""
    lines = doc.splitlines()
    start = lines.index(heading)
    level = heading.split(" ", maxsplit=1)[0] + " "
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(level)), None)
    return [line for line in lines[start + 1 : end] if line.strip()]


@pytest.mark.parametrize("family", ["amira", "jess", "kai", "leo"])
def test_the_comparison_in_the_conversation_is_the_one_in_the_plan(family: str) -> None:
    """Each way's fit, its reasons in the same order and the way that looks best, with its
    reason: what the family read where they chose is what the plan says."""
    from planner.dialogue.compare import comparison

    conv = _finished(family)
    shown = [text for text, _ in comparison(conv)]
    part = _part(_doc(conv), "### How well each way suits us")
    headings = [i for i, line in enumerate(part) if line.startswith("#### ")]
    assert len(headings) == 4
    for number, (said, at) in enumerate(zip(shown[1:5], headings, strict=True), start=1):
        level = part[at].rsplit(": ", 1)[1]
        ends = headings[number] if number < 4 else len(part)
        reasons = [line.removeprefix("- ") for line in part[at + 1 : ends]]
        assert said.split(": ", 1)[1] == " ".join([f"{level}.", *reasons]), family
    verdict = next(line for line in part if line.startswith(("For you, this", "No way")))
    if shown[5].startswith("For you, this looks best: "):
        assert verdict.startswith("For you, this looks best: ")
        way, why = shown[5].removeprefix("For you, this looks best: ").split(". ", 1)
        assert verdict.endswith(f". {why}")
        doc_way = verdict.removeprefix("For you, this looks best: ").removesuffix(f". {why}")
        said_at = [n for n, text in enumerate(shown[1:5]) if text.startswith(f"{n + 1}. {way}:")]
        doc_at = [n for n, at in enumerate(headings) if part[at].startswith(f"#### {doc_way}:")]
        assert said_at == doc_at != []  # the same way of the four
    else:
        assert verdict.startswith("No way stands out yet")


NEUTRAL = MoneyPreferences()

MOVES = [
    ("employ_pa", YesNoUnsure.YES, {"direct_payment": 1, "arranged": -1, "mix": 1}),
    ("known_person", YesNoUnsure.YES, {"direct_payment": 1, "arranged": -1}),
    ("paperwork", Paperwork.HAPPY, {"direct_payment": 1}),
    ("paperwork", Paperwork.RATHER_NOT, {"direct_payment": -1, "arranged": 1, "third_party": 1}),
    ("time", MoneyTime.LITTLE, {"direct_payment": -1, "arranged": 1, "third_party": 1}),
    ("local_help", YesNoUnsure.YES, {"direct_payment": 1}),
    ("school_view", SchoolView.OPEN, {"direct_payment": 1}),
    ("school_view", SchoolView.SCHOOL_ARRANGES, {"direct_payment": -1, "arranged": 1, "mix": 1}),
    ("own_wish", OwnWish.CHOOSE, {"direct_payment": 1, "arranged": -1}),
    ("own_wish", OwnWish.SORTED, {"arranged": 1, "third_party": 1}),
]


@pytest.mark.parametrize(("field", "value", "moves"), MOVES)
def test_each_answer_moves_the_fit_the_right_way(
    field: str, value: object, moves: dict[str, int]
) -> None:
    """From a family who has said nothing about the money, one answer moves each way up,
    down, or leaves it where it was, and the reasons say why."""
    from planner.domain.fit import assess

    plan = _finished("kai").plan
    plan.money = NEUTRAL.model_copy(update={"option": ManagementChoice.MIX})
    plan.support_items = [i.model_copy(update={"who": ""}) for i in plan.support_items]
    plan.helpers = []
    before = {f.option.value: f.score for f in assess(plan, TODAY)}
    plan.money = plan.money.model_copy(update={field: value})
    after = {f.option.value: f.score for f in assess(plan, TODAY)}
    for way, score in before.items():
        change = after[way] - score
        expected = moves.get(way, 0)
        assert (change > 0) - (change < 0) == expected, (field, value, way, change)


def test_no_preference_outweighs_a_legal_bar() -> None:
    """With the head teacher's no to a direct payment for support in school, no set of
    answers, however strongly they favour a direct payment, makes it or a third party
    anything but 'not possible', or the way that looks best."""
    from itertools import product

    from planner.domain.fit import compare

    plan = _finished("kai").plan
    plan.money.head_agreement = Agreement.REFUSED
    choices = product(
        (YesNoUnsure.YES, YesNoUnsure.NO),
        (Paperwork.HAPPY, Paperwork.RATHER_NOT),
        (MoneyTime.SOME, MoneyTime.LITTLE),
        (YesNoUnsure.YES, None),
        (SchoolView.OPEN, SchoolView.SCHOOL_ARRANGES),
        (OwnWish.CHOOSE, OwnWish.SORTED),
    )
    for employ, paperwork, time, help_, school, wish in choices:
        plan.money = plan.money.model_copy(
            update={
                "employ_pa": employ,
                "known_person": employ,
                "paperwork": paperwork,
                "time": time,
                "local_help": help_,
                "school_view": school,
                "own_wish": wish,
                "option": ManagementChoice.DIRECT_PAYMENT,
            }
        )
        found = compare(plan, TODAY)
        barred = {f.option.value for f in found.fits if f.barred}
        assert barred == {"direct_payment", "third_party"}
        assert found.best is None or found.best.option.value not in barred


def test_the_school_and_the_young_persons_wishes_are_asked_where_they_count() -> None:
    """Kai (Year 10, some support at school) is asked both; Leo (Year 4, none at school)
    and Amira (4) neither."""
    kai = _finished("kai").plan.money
    assert kai.school_view is SchoolView.OPEN
    assert kai.own_wish is OwnWish.CHOOSE
    for family in ("leo", "amira"):
        money = _finished(family).plan.money
        assert money.school_view is None
        assert money.own_wish is None


def test_a_mix_is_compared_stream_by_stream_in_the_conversation_and_the_plan() -> None:
    """Kai's head teacher says no to a direct payment for support in school: for the
    education money a direct payment is not possible, for the social care money it still
    fits well; the plan prints the same words."""
    from planner.dialogue.compare import stream_comparison

    conv = _finished("kai")
    conv.plan.money.head_agreement = Agreement.REFUSED
    shown = stream_comparison(conv)
    assert shown[0][0] == "For a mix, here is how each way fits each part of the money on its own:"
    education, care = shown[1], shown[2]
    assert education[0].startswith(
        "Education money, for Lunchtime club support with his personal assistant; Careers "
        "mentoring at school. A direct payment: not possible for you now. Not possible: "
    )
    assert education[1] is True
    assert "The head teacher or principal has said no" in education[0]
    assert care[0].startswith(
        "Social care money, for Personal assistant for clubs and bus training. A direct "
        "payment: a good fit for you."
    )
    assert "For you, this looks best: A direct payment." in care[0]
    assert care[1] is False
    part = _part(_doc(conv), "### How each way suits each part of the money")
    assert part == [education[0], care[0]]


def test_the_mix_question_shows_the_stream_comparison() -> None:
    example = find_example("kai")
    assert example is not None
    conv = Conversation(load_flow(), today=TODAY)
    apply_example(conv, example, until="mix_items")
    said = _said(conv)
    assert said[0] == "For a mix, here is how each way fits each part of the money on its own:"
    assert said[1].startswith("Education money, for ")
    assert said[2].startswith("Social care money, for ")
