"""How well each way of managing the money fits this family, and the rules that apply.

Everything here is worked out from the family's own answers. Each reason and flag names a text
key; the plan documents turn them into sentences in the family's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from planner.domain import rules
from planner.domain.budget import totals
from planner.domain.models import Plan
from planner.domain.vocab import (
    Agreement,
    EhcpStatus,
    FundingStream,
    ManagementOption,
    Paperwork,
    YesNoUnsure,
)


class FitLevel(StrEnum):
    """How well a way of managing suits the family, said in words (never by colour alone)."""

    GOOD = "good"
    POSSIBLE = "possible"
    POOR = "poor"


BAR = -100
"""The weight of a legal bar: the way is ruled out, and no preference can outweigh it."""
NEEDS = -50
"""The weight of something the law asks for first (a nominee, the head's agreement): the way
is possible once it is done, never a good fit before."""


@dataclass(frozen=True)
class Reason:
    """One reason a way suits or does not suit: a text key and whether it counts for or against
    (a legal bar, :data:`BAR`, rules the way out whatever else is said)."""

    key: str
    weight: int


@dataclass(frozen=True)
class Fit:
    """One way of managing the money, how well it fits, and why."""

    option: ManagementOption
    level: FitLevel
    reasons: list[Reason]


@dataclass(frozen=True)
class Flag:
    """A rule that applies to this plan: a text key, how serious, and where to fix it."""

    key: str
    warning: bool
    node: str | None = None
    params: dict[str, str] = field(default_factory=dict)


def _yes(value: YesNoUnsure | None) -> bool:
    return value is YesNoUnsure.YES


def _direct_payment(plan: Plan) -> list[Reason]:
    money = plan.money
    reasons = []
    if _yes(money.employ_pa):
        reasons.append(Reason("fit.dp.employ", 1))
    if _yes(money.known_person):
        reasons.append(Reason("fit.dp.known", 1))
    paperwork = {
        Paperwork.HAPPY: Reason("fit.dp.paperwork_ok", 1),
        Paperwork.WITH_HELP: Reason("fit.dp.paperwork_help", 0),
        Paperwork.RATHER_NOT: Reason("fit.dp.paperwork_no", -1),
    }
    if money.paperwork is not None:
        reasons.append(paperwork[money.paperwork])
    if rules.court_order_blocks_direct_payment(plan):
        reasons.append(Reason("fit.dp.court_order", NEEDS))
    if rules.head_refused_direct_payment(plan):
        reasons.append(Reason("fit.dp.head_refused", BAR))
    elif rules.direct_payment_in_school(plan) and money.head_agreement is not Agreement.AGREED:
        reasons.append(Reason("fit.dp.head", NEEDS))
    return reasons


def _arranged(plan: Plan) -> list[Reason]:
    money = plan.money
    reasons = []
    if money.paperwork is Paperwork.RATHER_NOT:
        reasons.append(Reason("fit.arranged.paperwork", 1))
    if _yes(money.known_person):
        reasons.append(Reason("fit.arranged.known", -1))
    if _yes(money.employ_pa):
        reasons.append(Reason("fit.arranged.employ", -1))
    reasons.append(Reason("fit.arranged.choice", 0))
    return reasons


def _third_party(plan: Plan) -> list[Reason]:
    money = plan.money
    reasons = []
    if money.paperwork in (Paperwork.RATHER_NOT, Paperwork.WITH_HELP):
        reasons.append(Reason("fit.third.paperwork", 1))
    if _yes(money.known_person) or _yes(money.employ_pa):
        reasons.append(Reason("fit.third.known", 0))
    reasons.append(Reason("fit.third.fee", 0))
    return reasons


def _mix(plan: Plan) -> list[Reason]:
    found = totals(plan).by_management
    reasons = []
    if len([how for how in found if how.value != "not_decided"]) > 1:
        reasons.append(Reason("fit.mix.split", 1))
    if _yes(plan.money.employ_pa) and plan.money.paperwork is not Paperwork.HAPPY:
        reasons.append(Reason("fit.mix.balance", 1))
    reasons.append(Reason("fit.mix.track", 0))
    return reasons


def _level(reasons: list[Reason]) -> FitLevel:
    if any(r.weight <= BAR for r in reasons):
        return FitLevel.POOR  # the law first: a bar is never outweighed by a preference
    needs = any(r.weight <= NEEDS for r in reasons)
    score = sum(r.weight for r in reasons if r.weight > NEEDS)
    if score >= 1 and not needs:
        return FitLevel.GOOD
    if needs:
        return FitLevel.POSSIBLE
    if score <= -1:
        return FitLevel.POOR
    return FitLevel.POSSIBLE


def assess(plan: Plan) -> list[Fit]:
    """Each of the four ways, with how well it fits this family and why."""
    builders = {
        ManagementOption.DIRECT_PAYMENT: _direct_payment,
        ManagementOption.ARRANGED: _arranged,
        ManagementOption.THIRD_PARTY: _third_party,
        ManagementOption.MIX: _mix,
    }
    fits = []
    for option, build in builders.items():
        reasons = build(plan)
        fits.append(Fit(option=option, level=_level(reasons), reasons=reasons))
    return fits


def flags(plan: Plan, today: date) -> list[Flag]:
    """The rules that apply to this plan, in the order a council would check them."""
    found: list[Flag] = []
    uses_education = any(i.funding_stream is FundingStream.EDUCATION for i in plan.support_items)
    if uses_education and plan.ehcp_status in (EhcpStatus.NONE, EhcpStatus.NOT_SURE, None):
        found.append(Flag("flag.education_needs_ehcp", warning=True, node="ehcp_status"))
    if rules.past_compulsory_school_age(plan, today):
        found.append(Flag("flag.young_person_decides", warning=False, node="young_person_decides"))
    if rules.young_person_named_too_young(plan, today):
        found.append(Flag("flag.recipient_too_young", warning=True, node="dp_recipient"))
    if rules.court_order_blocks_direct_payment(plan):
        found.append(Flag("flag.dp_not_possible", warning=True, node="dp_recipient"))
    if rules.direct_payment_in_school(plan):
        agreed = plan.money.head_agreement is Agreement.AGREED
        key = "flag.head_agreed" if agreed else "flag.head_needed"
        if rules.head_refused_direct_payment(plan):
            key = "fit.dp.head_refused"  # a bar: that part cannot be paid this way
        found.append(Flag(key, warning=not agreed, node="head_agreement"))
    if rules.uses_direct_payment(plan):
        found.append(Flag("flag.dp_money", warning=False, node="account"))
    if rules.wants_to_employ(plan):
        missing = len(plan.pa_tasks) < 6
        found.append(Flag("flag.employer", warning=missing, node="pa_tasks"))
    return found
