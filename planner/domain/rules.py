"""The rules of personal budgets that shape the conversation and the plan.

Each rule is a plain function of the plan and today's date, so the flow can name it as a guard
and the plan documents can explain it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.domain.models import Plan, SupportItem
from planner.domain.vocab import (
    ADULTHOOD_AREAS,
    CHILD_AREAS,
    EHCP_IN_PLACE_OR_COMING,
    BudgetStatus,
    CostBasis,
    DpRecipient,
    EhcpStatus,
    Engagement,
    FundingStream,
    HelperKind,
    ItemManagement,
    LifeArea,
    ManagementChoice,
    PaTask,
    SupportKind,
    WhoDecides,
    YesNoUnsure,
)

YEAR_9 = 9
YEAR_6 = 6
UNDER_FIVE = 5


def education_money_possible(plan: Plan) -> bool:
    """Education money needs an EHC plan, in place or being prepared (not only assessed)."""
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


def asks_their_own_words(plan: Plan, today: date) -> bool:
    """Someone else makes the plan for a young person past compulsory school age, so each step
    asks the young person's own words first (Children and Families Act 2014, s19)."""
    return past_compulsory_school_age(plan, today) and not plan.by_young_person


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


def way_chosen(plan: Plan) -> bool:
    """One of the four ways to manage the money is chosen (not "not sure"): who chose it is
    a decision of its own for a young person (Mental Capacity Act 2005, s2)."""
    return plan.money.option not in (None, ManagementChoice.NOT_SURE)


def chose_mix(plan: Plan) -> bool:
    """The family chose a mix of ways to manage the money."""
    return plan.money.option is ManagementChoice.MIX


PAID_OUT = (ItemManagement.DIRECT_PAYMENT, ItemManagement.THIRD_PARTY)
"""Ways in which money is paid out of the council's hands: a third-party arrangement (or an
individual service fund) is in law a direct payment made to someone on the family's behalf."""


def paid_out_in_school(plan: Plan) -> bool:
    """Support at the school or college would be paid by a direct payment or through a third
    party, so the head's or principal's agreement is needed."""
    return _in_school_by(plan, PAID_OUT)


def support_at_school(plan: Plan) -> bool:
    """Some of the support would be at the school or college."""
    return any(item.in_school is YesNoUnsure.YES for item in plan.support_items)


def from_year_6(plan: Plan, today: date) -> bool:
    """From Year 6 the child's own wishes about how their support is organised are asked for
    and weigh in the fit (Children and Families Act 2014, s19(a): regard to the views, wishes
    and feelings of the child or young person)."""
    stage = plan.child.stage(today)
    return stage is not None and stage.number >= YEAR_6


def _in_school_by(plan: Plan, ways: tuple[ItemManagement, ...]) -> bool:
    from planner.domain.budget import item_management

    return any(
        item.in_school is YesNoUnsure.YES and item_management(plan, item) in ways
        for item in plan.support_items
    )


def uses_stream(plan: Plan, stream: str) -> bool:
    """Some support is paid from this funding stream, or the family has a budget from it."""
    if any(item.funding_stream is FundingStream(stream) for item in plan.support_items):
        return True
    part = plan.budget.stream(FundingStream(stream))
    return part.status in (BudgetStatus.KNOWN, BudgetStatus.ESTIMATE)


def direct_payment_for(plan: Plan, stream: str) -> bool:
    """Money from this funding stream would be paid out (directly or through a third party)."""
    from planner.domain.budget import item_management

    return any(
        item.funding_stream is FundingStream(stream) and item_management(plan, item) in PAID_OUT
        for item in plan.support_items
    )


def short_break_by_dp(plan: Plan) -> bool:
    """A short break would be paid for by a direct payment."""
    from planner.domain.budget import item_management

    return any(
        item.kind is SupportKind.SHORT_BREAK and item_management(plan, item) in PAID_OUT
        for item in plan.support_items
    )


NEARLY_ADULT = 17


def nearly_adult(plan: Plan, today: date) -> bool:
    """The young person is 17 or older (or in Year 13 or beyond): adult care is near."""
    age = plan.child.age(today)
    if age is not None:
        return age >= NEARLY_ADULT
    stage = plan.child.school_year
    return stage is not None and stage.number >= 13


def _helping(plan: Plan) -> list[SupportItem]:
    """The personal assistants in the plan's support, each as it is costed (a helper's kind
    and price filled in: a helper's pay changed later counts at once)."""
    priced = [plan.item_price(item) for item in plan.support_items]
    return [i for i in priced if i.kind is SupportKind.PERSONAL_ASSISTANT]


def family_employs(plan: Plan) -> bool:
    """The family would employ someone itself (not only use an agency or a self-employed
    helper): only then do employer duties apply."""
    helpers = _helping(plan)
    if employs_a_helper(plan) or any(i.engaged is Engagement.EMPLOYED for i in helpers):
        return True
    if any(i.engaged in (Engagement.AGENCY, Engagement.SELF_EMPLOYED) for i in helpers):
        return False
    return plan.money.employ_pa is YesNoUnsure.YES or plan.employs_someone()


EMPLOYER_TASKS = tuple(PaTask)
"""Every duty of an employer the checklist covers, in order."""


def employs_a_helper(plan: Plan) -> bool:
    """One of the helpers named is someone the family employs."""
    return any(helper.kind is HelperKind.EMPLOYED for helper in plan.helpers)


def wants_to_employ(plan: Plan) -> bool:
    """The family wants to employ someone: they said so in step 4, or they named someone they
    will employ among the helpers (and so were not asked)."""
    return plan.money.employ_pa is YesNoUnsure.YES or employs_a_helper(plan)


def employer_tasks_missing(plan: Plan) -> list[PaTask]:
    """The employer's duties not yet ticked as sorted (empty when the family employs nobody)."""
    if not family_employs(plan):
        return []
    return [task for task in EMPLOYER_TASKS if task not in plan.pa_tasks]


def pay_below(plan: Plan, minimum: Decimal) -> bool:
    """A personal assistant the family employs would be paid less an hour than ``minimum``."""
    rates = [h.rate for h in plan.helpers if h.kind is HelperKind.EMPLOYED and h.rate]
    rates += [
        item.unit_cost
        for item in _helping(plan)
        if item.engaged in (Engagement.EMPLOYED, None) and item.cost_basis is CostBasis.PER_HOUR
    ]
    return any(Decimal(0) < rate < minimum for rate in rates) and family_employs(plan)


def helpers_engaged(plan: Plan, how: str) -> bool:
    """A personal assistant would come through an agency, or be self-employed (``how``)."""
    named = any(helper.kind.value == how for helper in plan.helpers)
    return named or any(i.engaged is Engagement(how) for i in _helping(plan))


def health_arranged_by_council(plan: Plan) -> bool:
    """A health item is marked as arranged by the council, school or college: health money is
    arranged by the NHS."""
    return any(
        item.funding_stream is FundingStream.HEALTH and item.management is ItemManagement.ARRANGED
        for item in plan.support_items
    )


def nhs_arranged_outside_health(plan: Plan) -> bool:
    """An education or social care item is marked as arranged by the NHS, which arranges
    only health money."""
    return any(
        item.management is ItemManagement.NHS_ARRANGED
        and item.funding_stream is not FundingStream.HEALTH
        for item in plan.support_items
    )


NOT_THEIRS = (WhoDecides.FOR_THEM, WhoDecides.NOT_SURE)
"""Someone else makes a decision for the young person, or it is not yet clear who does."""


def decided_for_them(plan: Plan) -> bool:
    """Someone else decides about the plan or about asking for the budget (or it is unclear)."""
    return plan.decisions.plan in NOT_THEIRS or plan.decisions.budget in NOT_THEIRS


def someone_decides_for_them(plan: Plan) -> bool:
    """Someone else makes one of the big decisions for the young person (or it is unclear)."""
    return decided_for_them(plan) or plan.decisions.money in NOT_THEIRS


def capacity_not_recorded(plan: Plan) -> bool:
    """Someone decides about the plan or the budget for the young person, but how their
    capacity for that decision was considered is not written."""
    return decided_for_them(plan) and not plan.decisions.capacity.strip()


def money_capacity_not_recorded(plan: Plan) -> bool:
    """Someone decides about the money for the young person, but why is not written."""
    decisions = plan.decisions
    return decisions.money in NOT_THEIRS and not decisions.money_capacity.strip()


def young_person_may_hold_the_money(plan: Plan, today: date) -> bool:
    """The young person may receive a direct payment only once past compulsory school age, and
    only if they can make this decision (with help if needed); before that, a parent (or a
    nominee) does. Source: SEN (Personal Budgets) Regulations 2014, reg 5; Children and
    Families Act 2014 s83, where a "young person" is one over compulsory school age."""
    if not past_compulsory_school_age(plan, today):
        return False
    return plan.decisions.money is not WhoDecides.FOR_THEM


def young_person_named_too_young(plan: Plan, today: date) -> bool:
    """A child under compulsory school age is named as the one who receives the money."""
    named = plan.money.dp_recipient is DpRecipient.YOUNG_PERSON
    return named and not young_person_may_hold_the_money(plan, today)


def court_order_blocks_direct_payment(plan: Plan) -> bool:
    """A court-ordered drug or alcohol treatment requirement applies to the recipient."""
    return plan.money.court_order is YesNoUnsure.YES


def over_budget(plan: Plan) -> bool:
    """The support costs more than the known budget."""
    from planner.domain.budget import totals

    found = totals(plan)
    return found.budget > 0 and found.gap > 0
