"""The four ways side by side where the family chooses (issue 20's first part): fitted to
what they have said, the law first, a recommendation with its reason; "not sure" leads to two
short questions and the comparison again; ``compare`` shows it from anywhere in line mode; the
plan says why the chosen way suits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.dialogue.conversation import Conversation
from planner.dialogue.loader import load_flow
from planner.domain.vocab import Agreement, ManagementChoice
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
