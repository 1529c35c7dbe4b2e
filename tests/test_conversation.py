"""The Conversation: moving around, changing answers, and the rules that shape the path."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from planner.dialogue import progress
from planner.dialogue.conversation import Conversation
from planner.dialogue.state import SessionState, StepStatus
from planner.domain.fit import FitLevel, assess, flags
from planner.domain.vocab import (
    Agreement,
    DpRecipient,
    EhcpStatus,
    ManagementChoice,
    ManagementOption,
    Paperwork,
    YesNoUnsure,
)
from planner.services.examples import apply_example, find_example

from .helpers import new_conversation


def _example(name: str, until: str | None = None, today: date | None = None) -> Conversation:
    example = find_example(name)
    assert example is not None
    conv = new_conversation(today) if today else new_conversation()
    apply_example(conv, example, until=until)
    return conv


def test_a_new_conversation_starts_at_the_welcome_and_moves_on() -> None:
    conv = new_conversation()
    assert conv.node_id == "welcome"
    assert conv.prompt().kind == "say"
    assert conv.answer("").ok
    assert conv.node_id == "who"
    assert next(c.label for c in conv.prompt().choices) == "I am a parent or carer"


def test_the_childs_name_appears_in_later_questions() -> None:
    conv = _example("kai", until="like_about")
    assert conv.prompt().text == "What do people like and admire about Kai?"


def test_back_returns_to_the_last_question_and_keeps_every_answer() -> None:
    """Kai's dad typed "£3,100 a year": the period question was settled with the amount and
    passed over, so back goes to the amount."""
    conv = _example("kai", until="care_budget_status")
    plan_before = conv.plan.model_dump()
    assert conv.back()
    assert conv.node_id == "edu_budget_amount"
    assert conv.prompt().current == "£3,100.00"
    assert conv.plan.model_dump() == plan_before
    assert conv.back()
    assert conv.node_id == "edu_budget_status"


def test_a_period_said_with_the_amount_settles_the_period_question() -> None:
    conv = _example("kai", until="edu_budget_amount")
    assert conv.answer("250 a month").ok
    assert conv.node_id == "care_budget_status"
    assert conv.plan.budget.education.period.value == "month"
    assert conv.state.answered["edu_budget_period"].settled_by == "edu_budget_amount"
    conv.change("edu_budget_period")  # it can still be changed
    assert conv.answer("1").ok
    assert conv.plan.budget.education.period.value == "year"
    assert conv.state.answered["edu_budget_period"].settled_by is None


def test_a_page_of_words_back_at_the_start_shows_no_answer_line() -> None:
    """The welcome asks nothing, so going back to it must not say "Your answer so far: No
    answer"; a question with an answer still shows it."""
    conv = _example("kai", until="child_dob")
    conv.go_to_start()
    assert conv.node_id == "welcome"
    assert conv.prompt().current == ""
    while conv.node_id != "child_name":
        assert conv.submit("").ok
    assert conv.prompt().current == "Kai"


def test_back_at_the_very_start_says_so() -> None:
    conv = new_conversation()
    assert conv.back() is False
    assert conv.node_id == "welcome"


def test_enter_keeps_an_earlier_answer_after_going_back() -> None:
    conv = _example("kai", until="care_budget_status")
    conv.back()
    assert conv.submit("").ok
    assert conv.node_id == "care_budget_status"
    assert conv.plan.budget.education.amount == Decimal("3100.00")


def test_jump_goes_to_the_start_of_a_step_and_keeps_answers() -> None:
    conv = _example("kai", until="like_about")
    conv.jump("money")
    assert conv.node_id == "money_intro"
    assert conv.plan.child.name == "Kai"
    assert conv.back()
    assert conv.node_id == "like_about"


def test_changing_an_answer_returns_to_where_you_were() -> None:
    conv = _example("kai", until="important_to")
    conv.change("child_name")
    assert conv.node_id == "child_name"
    assert conv.answer("Kai-Leon").ok
    assert conv.node_id == "important_to"
    assert conv.plan.child.name == "Kai-Leon"
    assert conv.plan.profile.like_about.startswith("Kai is funny")


def test_a_change_that_opens_a_new_question_asks_it_before_returning() -> None:
    conv = _example("kai", until="like_about")
    conv.change("care_budget_status")
    assert conv.answer("2").ok  # not known yet
    assert conv.node_id == "like_about"
    conv.change("care_budget_status")
    assert conv.answer("1").ok  # known again: the amount already answered is kept
    assert conv.node_id == "like_about"
    assert conv.plan.budget.social_care.amount == Decimal("4000.00")


def test_a_change_marks_answers_that_depend_on_it_for_checking_and_deletes_nothing() -> None:
    conv = _example("kai", until="finish")
    items_before = conv.plan.support_items
    conv.change("money_option")
    assert conv.answer("1").ok  # a direct payment for everything
    flagged = set(conv.needs_check())
    assert {"dp_recipient", "account", "head_agreement"} <= flagged
    assert conv.plan.support_items == items_before
    assert conv.plan.money.account is not None
    statuses = {p.step.id: p.status for p in progress.steps(conv)}
    assert statuses["money"] is StepStatus.NEEDS_CHECK
    rows = {r.node_id: r for r in progress.check_rows(conv, "money")}
    assert rows["account"].needs_check
    conv.change("account")
    assert conv.submit("").ok
    assert "account" not in conv.needs_check()


def test_giving_the_same_answer_again_flags_nothing() -> None:
    conv = _example("kai", until="finish")
    conv.change("money_option")
    assert conv.answer("4").ok
    assert conv.needs_check() == []


def test_no_ehc_plan_explains_education_money_and_does_not_ask_for_it() -> None:
    conv = _example("kai", until="ehcp_status")
    assert conv.answer("5").ok
    assert conv.node_id == "ehcp_none_info"
    assert "cannot include education money" in conv.prompt().text
    conv.answer("")
    conv.answer("")  # the budget step's introduction
    assert conv.node_id == "care_budget_status"


def test_a_young_person_past_school_age_is_asked_whether_they_decide() -> None:
    conv = _example("jess", until="ehcp_status")
    assert conv.plan.child.past_compulsory_school_age(date(2026, 11, 22))
    assert conv.answer("1").ok
    assert conv.node_id == "young_person_decides"
    younger = _example("kai", until="ehcp_status")
    assert younger.answer("1").ok
    assert younger.node_id == "budget_intro"


def test_a_direct_payment_for_support_in_school_asks_for_the_heads_agreement() -> None:
    conv = _example("kai", until="finish")
    assert "head_agreement" in progress.route(conv)
    amira = _example("amira", until="finish")
    assert "head_agreement" not in progress.route(amira)
    assert amira.plan.money.option is ManagementChoice.ARRANGED


def test_a_court_order_means_no_direct_payment_for_that_person() -> None:
    conv = _example("kai", until="court_order")
    assert conv.answer("yes").ok
    assert conv.node_id == "dp_not_possible"
    assert conv.answer("").ok  # the family may carry on: the plan says what is needed first
    assert conv.node_id == "account"
    for _ in ("dp_not_possible", "court_order", "dp_recipient"):
        assert conv.back()
    assert conv.node_id == "dp_recipient"  # or go back and name someone else
    assert [c.value for c in conv.choices(conv.node)] == ["parent", "nominee"]  # Kai is 14
    assert conv.answer("2").ok  # a nominee
    assert conv.answer("no").ok
    assert conv.node_id == "account"


def test_only_a_young_person_past_compulsory_school_age_can_hold_the_money() -> None:
    """Children and Families Act 2014 s83; SEN (Personal Budgets) Regulations 2014."""
    kai = _example("kai", until="dp_recipient")  # 14
    assert "young_person" not in [c.value for c in kai.choices(kai.node)]
    jess = _example("jess", until="finish")  # 17
    jess.change("dp_recipient")
    assert "young_person" in [c.value for c in jess.choices(jess.node)]
    kai.state.plan.money.dp_recipient = DpRecipient.YOUNG_PERSON  # as if kept from before
    found = [f.key for f in flags(kai.plan, kai.today)]
    assert "rule.recipient_too_young" in found


def test_a_legal_bar_is_never_outweighed_by_what_the_family_prefers() -> None:
    """The head said no to a direct-payment helper in school: a direct payment for everything
    is ruled out, however much the family wants to employ someone it knows."""
    conv = _example("kai", until="finish")
    money = conv.state.plan.money
    money.employ_pa = YesNoUnsure.YES
    money.known_person = YesNoUnsure.YES
    money.paperwork = Paperwork.HAPPY
    money.option = ManagementChoice.DIRECT_PAYMENT
    money.head_agreement = Agreement.REFUSED
    fits = {f.option: f for f in assess(conv.plan, conv.today)}
    direct = fits[ManagementOption.DIRECT_PAYMENT]
    assert direct.level is FitLevel.POOR
    assert "rule.head_refused" in [r.key for r in direct.reasons]
    money.head_agreement = Agreement.NOT_ASKED
    assert {f.option: f for f in assess(conv.plan, conv.today)}[
        ManagementOption.DIRECT_PAYMENT
    ].level is (
        FitLevel.POSSIBLE  # possible once the head agrees in writing, never "suits you" before
    )
    money.head_agreement = Agreement.AGREED
    money.court_order = YesNoUnsure.YES
    assert {f.option: f for f in assess(conv.plan, conv.today)}[
        ManagementOption.DIRECT_PAYMENT
    ].level is (
        FitLevel.POSSIBLE  # with a nominee instead
    )


def test_under_fives_hear_about_more_frequent_reviews() -> None:
    amira = _example("amira", until="finish")
    assert "review_under_five" in progress.route(amira)
    kai = _example("kai", until="finish")
    assert "review_under_five" not in progress.route(kai)


def test_outcome_areas_follow_preparing_for_adulthood_from_year_9() -> None:
    kai = _example("kai", until="outcomes")
    first = kai.items.fields()[0]
    assert next(c.value for c in kai.choices(first)) == "employment_education"
    amira = _example("amira", until="outcomes")
    assert next(c.value for c in amira.choices(amira.items.fields()[0])) == "communication"


def test_progress_shows_each_step() -> None:
    conv = _example("kai", until="agree_intro")
    statuses = [p.status for p in progress.steps(conv)]
    assert statuses[:2] == [StepStatus.DONE, StepStatus.DONE]
    assert statuses[2] is StepStatus.IN_PROGRESS
    assert statuses[3:] == [StepStatus.NOT_STARTED] * 4
    finished = _example("kai")
    assert all(p.status is StepStatus.DONE for p in progress.steps(finished))


def test_check_your_answers_lists_a_steps_questions_in_words() -> None:
    conv = _example("kai", until="finish")
    rows = progress.check_rows(conv, "budget")
    assert [r.node_id for r in rows][:3] == [
        "edu_budget_status",
        "edu_budget_amount",
        "edu_budget_period",
    ]
    assert rows[1].answer == "£3,100.00"
    assert rows[2].answer == "A year"


def test_list_items_can_be_added_edited_and_removed() -> None:
    conv = _example("kai", until="risks")
    assert len(conv.items.all()) == 0
    result = conv.items.save({"what": "Getting lost", "how_managed": "A phone with GPS"})
    assert result.ok
    assert conv.prompt().items == ["Getting lost"]
    assert conv.items.save({"what": "Getting lost in town", "how_managed": "GPS"}, 0).ok
    assert conv.items.all()[0].what == "Getting lost in town"
    refused = conv.items.save({"what": "", "how_managed": "x"})
    assert not refused.ok
    assert refused.field == "what"
    assert len(conv.items.all()) == 1
    assert conv.items.remove(0).ok
    assert conv.items.all() == []
    assert not conv.finish_list().ok


def test_removing_an_outcome_unlinks_it_from_support_and_flags_support() -> None:
    conv = _example("kai", until="finish")
    conv.change("outcomes")
    removed = conv.plan.outcomes[0].id
    assert conv.items.remove(0).ok
    assert all(removed not in item.outcomes for item in conv.plan.support_items)
    assert "support_items" in conv.needs_check()


def test_support_costs_show_beside_each_item() -> None:
    conv = _example("kai", until="finish")
    conv.change("support_items")
    assert conv.prompt().items[0] == (
        "Personal assistant for clubs and bus training: £3,189.40 a year"
    )


def test_the_state_survives_a_round_trip_through_json() -> None:
    conv = _example("kai", until="actions")
    saved = conv.state.model_dump_json()
    again = Conversation(conv.flow, SessionState.model_validate_json(saved))
    assert again.node_id == "actions"
    assert again.plan == conv.plan
    assert again.back()


@pytest.mark.parametrize("name", ["amira", "kai", "jess"])
def test_every_refused_answer_leaves_ehcp_status_alone(name: str) -> None:
    conv = _example(name, until="ehcp_status")
    assert conv.plan.ehcp_status is None
    assert not conv.answer("8").ok
    assert conv.plan.ehcp_status is None
    assert conv.answer("6").ok
    assert conv.plan.ehcp_status is EhcpStatus.NOT_SURE
