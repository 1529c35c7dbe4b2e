"""How well each way of managing the money fits this family, and the rules that apply.

The law comes first, from the rules table (:mod:`planner.domain.lawbook`): a bar rules a way
out whatever the family prefers; something the law needs first makes a way "possible once it
is done". Then the family's own answers. Each reason and flag names a text key; the plan
documents turn them into sentences in the family's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from planner.domain.budget import totals
from planner.domain.lawbook import Does, Rule, Words, applying
from planner.domain.models import Plan
from planner.domain.rules import wants_to_employ
from planner.domain.vocab import (
    FundingStream,
    ItemManagement,
    ManagementChoice,
    ManagementOption,
    MoneyTime,
    OwnWish,
    Paperwork,
    SchoolView,
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
    rule: str | None = None
    """The id of the rule in the rules table, for a reason from the law."""


@dataclass(frozen=True)
class Fit:
    """One way of managing the money, how well it fits, and why."""

    option: ManagementOption
    level: FitLevel
    reasons: list[Reason]

    @property
    def barred(self) -> bool:
        """Whether the law rules this way out, whatever the family prefers."""
        return any(r.weight <= BAR for r in self.reasons)

    @property
    def said_level(self) -> str:
        """How well it fits, as said (``compare.level.<this>``): "barred" when the law rules
        it out, else the level."""
        return "barred" if self.barred else self.level.value

    @property
    def in_order(self) -> list[Reason]:
        """The reasons in the order they are said: the law first, then what counts for the
        way, then what weighs against it."""
        return sorted(self.reasons, key=lambda r: (r.rule is None, -r.weight))

    @property
    def score(self) -> int:
        """All its reasons' weights added up."""
        return sum(r.weight for r in self.reasons)


def say(reason: Reason, t: Callable[..., str]) -> str:
    """A reason in the family's language (``t`` translates a text key): one from the law
    within "Not possible: ..." or "Needed first: ..."."""
    if reason.weight <= BAR:
        return t("doc.rule_bar", text=t(reason.key))
    if reason.weight <= NEEDS:
        return t("doc.rule_needs", text=t(reason.key))
    return t(reason.key)


@dataclass(frozen=True)
class Compared:
    """The four ways side by side, as the conversation shows them and the plan prints them:
    each way's fit, and the way that looks best with the first reason for it."""

    fits: list[Fit]
    best: Fit | None
    why: Reason | None


def best_of(fits: Sequence[Fit]) -> Fit | None:
    """The way that fits best, if one fits well: the law's bars and needs come first (no
    barred way or way with something needed first is a good fit), then the most reasons for it
    (the first of the four on a tie)."""
    good = [f for f in fits if f.level is FitLevel.GOOD]
    return max(good, key=lambda f: f.score) if good else None


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
    if money.school_view is SchoolView.OPEN:
        reasons.append(Reason("fit.dp.school_open", 1))
    elif money.school_view is SchoolView.SCHOOL_ARRANGES:
        reasons.append(Reason("fit.dp.school_arranges", -1))
    if money.own_wish is OwnWish.CHOOSE:
        reasons.append(Reason("fit.dp.wish_choose", 1))
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
    if money.school_view is SchoolView.SCHOOL_ARRANGES:
        reasons.append(Reason("fit.arranged.school_arranges", 1))
    if money.own_wish is OwnWish.SORTED:
        reasons.append(Reason("fit.arranged.wish_sorted", 1))
    elif money.own_wish is OwnWish.CHOOSE:
        reasons.append(Reason("fit.arranged.wish_choose", -1))
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
    if money.own_wish is OwnWish.SORTED:
        reasons.append(Reason("fit.third.wish_sorted", 1))
    reasons.append(Reason("fit.third.fee", 0))
    return reasons


def _mix(plan: Plan) -> list[Reason]:
    found = totals(plan).by_management
    reasons = []
    if len([how for how in found if how.value != "not_decided"]) > 1:
        reasons.append(Reason("fit.mix.split", 1))
    if wants_to_employ(plan) and plan.money.paperwork is not Paperwork.HAPPY:
        reasons.append(Reason("fit.mix.balance", 1))
    if plan.money.school_view is SchoolView.SCHOOL_ARRANGES:
        reasons.append(Reason("fit.mix.school_arranges", 1))
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


def _compared(fits: list[Fit]) -> Compared:
    top = best_of(fits)
    why = next((r for r in top.reasons if r.weight > 0), None) if top else None
    return Compared(fits=fits, best=top, why=why)


def compare(plan: Plan, today: date, table: Sequence[Rule] | None = None) -> Compared:
    """The four ways fitted to this family, and the one that looks best and why: the one
    comparison the conversation shows and the plan prints."""
    return _compared(assess(plan, today, table))


PART_WAYS = (
    ManagementOption.DIRECT_PAYMENT,
    ManagementOption.ARRANGED,
    ManagementOption.THIRD_PARTY,
)
"""The ways one part of a mix can be managed."""


@dataclass(frozen=True)
class StreamCompared:
    """For a mix: how each way fits the support paid from one funding stream."""

    stream: FundingStream
    compared: Compared


def part_way(stream: FundingStream, way: ManagementOption) -> ItemManagement:
    """How one part of a mix is managed when it goes one way."""
    if way is ManagementOption.ARRANGED and stream is FundingStream.HEALTH:
        return ItemManagement.NHS_ARRANGED  # health money is arranged by the NHS
    return ItemManagement(way.value)


def by_stream(plan: Plan, today: date, table: Sequence[Rule] | None = None) -> list[StreamCompared]:
    """For a mix, each funding stream the support is paid from, with how each way would fit
    that stream's support alone: the same rules and answers as for the whole plan, applied as
    if only that support were in it and all of it were managed that way."""
    found = []
    for stream in FundingStream:
        items = [item for item in plan.support_items if item.funding_stream is stream]
        if not items:
            continue
        fits: list[Fit] = []
        for way in PART_WAYS:
            managed = part_way(stream, way)
            alone = plan.model_copy(
                update={
                    "support_items": [i.model_copy(update={"management": managed}) for i in items],
                    "money": plan.money.model_copy(update={"option": ManagementChoice(way.value)}),
                }
            )
            fits.extend(f for f in assess(alone, today, table) if f.option is way)
        found.append(StreamCompared(stream, _compared(fits)))
    return found


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
