"""The rules of personal budgets that shape the conversation and the plan.

Each rule is a plain function of the plan and today's date, so the flow can name it as a guard
and the plan documents can explain it.
"""

from __future__ import annotations

from datetime import date

from planner.domain.models import Plan
from planner.domain.vocab import (
    ADULTHOOD_AREAS,
    CHILD_AREAS,
    Agreement,
    DpRecipient,
    EhcpStatus,
    ItemManagement,
    LifeArea,
    ManagementChoice,
    SupportKind,
    YesNoUnsure,
)

EHCP_IN_PLACE_OR_COMING = (
    EhcpStatus.HAS_PLAN,
    EhcpStatus.BEING_ASSESSED,
    EhcpStatus.DRAFT_RECEIVED,
)
YEAR_9 = 9
UNDER_FIVE = 5


def education_money_possible(plan: Plan) -> bool:
    """Education money needs an EHC plan, in place or being prepared."""
    return plan.ehcp_status in EHCP_IN_PLACE_OR_COMING


def no_ehc_plan(plan: Plan) -> bool:
    """The family has said there is no EHC plan."""
    return plan.ehcp_status is EhcpStatus.NONE


def ehcp_not_sure(plan: Plan) -> bool:
    """The family is not sure whether there is an EHC plan."""
    return plan.ehcp_status is EhcpStatus.NOT_SURE


def past_compulsory_school_age(plan: Plan, today: date) -> bool:
    """The young person is past the last Friday of June of Year 11."""
    return plan.child.past_compulsory_school_age(today) is True


def birth_date_missing(plan: Plan) -> bool:
    """No date of birth was given, so the school year is asked instead."""
    return plan.child.date_of_birth is None


def under_five(plan: Plan, today: date) -> bool:
    """The child is under five (reviews are more frequent)."""
    age = plan.child.age(today)
    if age is not None:
        return age < UNDER_FIVE
    stage = plan.child.school_year
    return stage is not None and stage.number < 0


def from_year_9(plan: Plan, today: date) -> bool:
    """From Year 9, outcomes follow the Preparing for Adulthood areas."""
    stage = plan.child.stage(today)
    return stage is not None and stage.number >= YEAR_9


def life_areas(plan: Plan, today: date) -> tuple[LifeArea, ...]:
    """The areas of life that outcomes are grouped by, for this child's age."""
    return ADULTHOOD_AREAS if from_year_9(plan, today) else CHILD_AREAS


def uses_direct_payment(plan: Plan) -> bool:
    """Some of the money would come as a direct payment."""
    return plan.money.uses_direct_payment()


def chose_mix(plan: Plan) -> bool:
    """The family chose a mix of ways to manage the money."""
    return plan.money.option is ManagementChoice.MIX


def direct_payment_in_school(plan: Plan) -> bool:
    """A direct payment would pay for support given at the school or college."""
    if not uses_direct_payment(plan):
        return False
    whole_plan_dp = plan.money.option is ManagementChoice.DIRECT_PAYMENT
    return any(
        item.in_school is YesNoUnsure.YES
        and (whole_plan_dp or item.management is ItemManagement.DIRECT_PAYMENT)
        for item in plan.support_items
    )


def wants_to_employ(plan: Plan) -> bool:
    """The family wants to employ someone, or has planned a personal assistant."""
    return plan.money.employ_pa is YesNoUnsure.YES or any(
        item.kind is SupportKind.PERSONAL_ASSISTANT for item in plan.support_items
    )


def young_person_may_hold_the_money(plan: Plan, today: date) -> bool:
    """The young person may receive a direct payment only once past compulsory school age;
    before that, a parent (or a nominee) does. Source: SEN (Personal Budgets) Regulations 2014,
    on who may receive a direct payment; Children and Families Act 2014 s83, where a "young
    person" is one over compulsory school age."""
    return past_compulsory_school_age(plan, today)


def young_person_named_too_young(plan: Plan, today: date) -> bool:
    """A child under compulsory school age is named as the one who receives the money."""
    named = plan.money.dp_recipient is DpRecipient.YOUNG_PERSON
    return named and not young_person_may_hold_the_money(plan, today)


def head_refused_direct_payment(plan: Plan) -> bool:
    """The head or principal said no to support paid by a direct payment on the school's or
    college's premises: it cannot be paid that way. Source: SEN (Personal Budgets) Regulations
    2014, on direct payments for provision in a school or college (the head's or principal's
    agreement); SEND Code of Practice chapter 9."""
    return direct_payment_in_school(plan) and plan.money.head_agreement is Agreement.REFUSED


def court_order_blocks_direct_payment(plan: Plan) -> bool:
    """A court-ordered drug or alcohol treatment requirement applies to the recipient."""
    return plan.money.court_order is YesNoUnsure.YES


def over_budget(plan: Plan) -> bool:
    """The support costs more than the known budget."""
    known = plan.budget.known_total()
    return known > 0 and plan.total_cost() > known
