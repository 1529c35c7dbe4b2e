"""Each example family's scripted answers reach the finish with a plan that answers all seven
of In Control's support-plan questions."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from planner.domain.budget import totals
from planner.domain.people import plan_costs
from planner.domain.readiness import seven_questions
from planner.services.examples import apply_example, find_example, load_examples

from .helpers import new_conversation

IDS = [e.id for e in load_examples()]


def test_there_are_examples_of_different_ages() -> None:
    assert set(IDS) >= {"amira", "kai", "jess"}
    today = date(2026, 11, 22)
    ages = {}
    for example in load_examples():
        conv = new_conversation()
        apply_example(conv, example)
        age = conv.plan.child.age(today)
        assert age is not None
        ages[example.id] = age
    assert min(ages.values()) < 5
    assert max(ages.values()) >= 17
    assert any(11 <= age <= 16 for age in ages.values())


@pytest.mark.parametrize("example_id", IDS)
def test_a_scripted_journey_reaches_the_finish_answering_all_seven_questions(
    example_id: str,
) -> None:
    example = find_example(example_id)
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example)
    assert conv.finished
    missing = [key for key, answered in seven_questions(conv.plan) if not answered]
    assert missing == []


@pytest.mark.parametrize("example_id", IDS)
def test_examples_still_finish_years_from_now(example_id: str) -> None:
    example = find_example(example_id)
    assert example is not None
    for today in (date(2027, 9, 1), date(2028, 7, 15)):
        conv = new_conversation(today)
        apply_example(conv, example)
        assert conv.finished


def test_kais_costs_add_up() -> None:
    example = find_example("kai")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example)
    found = plan_costs(conv.plan)
    costs = [found.items[item.id].total for item in conv.plan.support_items]
    # Sam: 14.50 x (4 h x 45 wk + 2 h x 38 wk) = 3,712 pay; + 12.07% holiday 448.04; no NI or
    # pension at £82.49 a week; + insurance 61 + payroll 12 x 26.25 = 315, once: £4,536.04,
    # shared between his two pieces of support in proportion to their pay (2,610 : 1,102).
    assert costs == [Decimal("3189.40"), Decimal("1346.64"), Decimal("1200.00")]
    assert found.total == Decimal("5736.04")
    assert totals(conv.plan).budget == Decimal("7100.00")


def test_planner_examples_lists_them() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "planner", "examples"], capture_output=True, text=True, check=True
    ).stdout
    for example_id in IDS:
        assert f"{example_id}: " in out


def test_one_family_is_one_for_whom_a_direct_payment_does_not_suit() -> None:
    from planner.domain.vocab import ManagementChoice, Paperwork

    suits_not = []
    for example in load_examples():
        conv = new_conversation()
        apply_example(conv, example)
        money = conv.plan.money
        if money.option is ManagementChoice.ARRANGED and money.paperwork is Paperwork.RATHER_NOT:
            suits_not.append(example.id)
    assert "amira" in suits_not
    streams = set()
    for example in load_examples():
        conv = new_conversation()
        apply_example(conv, example)
        streams |= {i.funding_stream for i in conv.plan.support_items}
    assert {"education", "social_care", "health"} <= {s.value for s in streams if s}
