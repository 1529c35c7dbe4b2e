"""How well each way of managing the money fits this family, and the rules that apply.

The law comes first, from the rules table (:mod:`planner.domain.lawbook`): a bar rules a way
out whatever the family prefers; something the law needs first makes a way "possible once it
is done". Then the family's own answers. Each reason and flag names a text key; the plan
documents turn them into sentences in the family's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from planner.domain.budget import totals
from planner.domain.lawbook import Does, Rule, Words, applying
from planner.domain.models import Plan
from planner.domain.rules import wants_to_employ
from planner.domain.vocab import ManagementOption, MoneyTime, Paperwork, YesNoUnsure


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
    rule: str | None = None
    """The id of the rule in the rules table, for a reason from the law."""


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
    does: Does = Does.NOTE
    node: str | None = None
    params: Words = field(default_factory=dict)
    rule: str = ""
    source: str = ""


def _yes(value: YesNoUnsure | None) -> bool:
    return value is YesNoUnsure.YES


def _direct_payment(plan: Plan) -> list[Reason]:
    money = plan.money
    reasons = []
    if wants_to_employ(plan):
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
    if money.time is MoneyTime.LITTLE:
        reasons.append(Reason("fit.dp.time_little", -1))
    if _yes(money.local_help):
        reasons.append(Reason("fit.dp.local_help", 1))
    return reasons


def _arranged(plan: Plan) -> list[Reason]:
    money = plan.money
    reasons = []
    if money.paperwork is Paperwork.RATHER_NOT:
        reasons.append(Reason("fit.arranged.paperwork", 1))
    if money.time is MoneyTime.LITTLE:
        reasons.append(Reason("fit.arranged.time_little", 1))
    if _yes(money.known_person):
        reasons.append(Reason("fit.arranged.known", -1))
    if wants_to_employ(plan):
        reasons.append(Reason("fit.arranged.employ", -1))
    reasons.append(Reason("fit.arranged.choice", 0))
    return reasons


def _third_party(plan: Plan) -> list[Reason]:
    money = plan.money
    reasons = []
    if money.paperwork in (Paperwork.RATHER_NOT, Paperwork.WITH_HELP):
        reasons.append(Reason("fit.third.paperwork", 1))
    if money.time is MoneyTime.LITTLE:
        reasons.append(Reason("fit.third.time_little", 1))
    if _yes(money.known_person) or wants_to_employ(plan):
        reasons.append(Reason("fit.third.known", 0))
    reasons.append(Reason("fit.third.fee", 0))
    return reasons


def _mix(plan: Plan) -> list[Reason]:
    found = totals(plan).by_management
    reasons = []
    if len([how for how in found if how.value != "not_decided"]) > 1:
        reasons.append(Reason("fit.mix.split", 1))
    if wants_to_employ(plan) and plan.money.paperwork is not Paperwork.HAPPY:
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


WEIGHTS = {Does.BAR: BAR, Does.NEEDS: NEEDS}
"""What a rule that names a way weighs in that way's fit (a note weighs nothing)."""


def _legal(option: ManagementOption, applying: list[Rule]) -> list[Reason]:
    """The reasons from the law for one way, from the rules that apply and name it."""
    return [
        Reason(r.reason, WEIGHTS.get(r.does, 0), rule=r.id)
        for r in applying
        if option in r.options and r.does in WEIGHTS
    ]


def assess(plan: Plan, today: date, table: Sequence[Rule] | None = None) -> list[Fit]:
    """Each of the four ways, with how well it fits this family and why: the law first (the
    rules table), then the family's own answers."""
    builders = {
        ManagementOption.DIRECT_PAYMENT: _direct_payment,
        ManagementOption.ARRANGED: _arranged,
        ManagementOption.THIRD_PARTY: _third_party,
        ManagementOption.MIX: _mix,
    }
    found = applying(plan, today, table)
    fits = []
    for option, build in builders.items():
        reasons = _legal(option, found) + build(plan)
        fits.append(Fit(option=option, level=_level(reasons), reasons=reasons))
    return fits


def flags(plan: Plan, today: date, table: Sequence[Rule] | None = None) -> list[Flag]:
    """Every rule that applies to this plan (but those that only ask a question), in the
    table's order: each with its words, how serious, where to fix it, and its source."""
    return [
        Flag(
            r.reason,
            does=r.does,
            node=r.node,
            params=r.words(plan),
            rule=r.id,
            source=r.source,
        )
        for r in applying(plan, today, table)
        if r.does is not Does.ASK
    ]


def chosen_way_barred(plan: Plan, today: date, table: Sequence[Rule] | None = None) -> list[Rule]:
    """The bars on the way the family chose (a mix is barred where its parts are)."""
    choice = plan.money.option
    if choice is None or choice.value == "not_sure":
        return []
    option = ManagementOption(choice.value)
    return [r for r in applying(plan, today, table) if r.does is Does.BAR and option in r.options]
