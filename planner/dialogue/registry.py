"""The allow-list of guards and option sources a flow may name.

A flow file can only use names listed here; nothing is ever imported by name from a file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from planner.dialogue.derive import NO_HELPER
from planner.dialogue.schema import Match, Node, Route
from planner.domain import rules
from planner.domain.access import get_at
from planner.domain.figures import figures
from planner.domain.models import Plan
from planner.domain.packs import catalogue, load_pack, score
from planner.domain.vocab import (
    ADULTHOOD_AREAS,
    CHILD_AREAS,
    BudgetStatus,
    DpRecipient,
    Period,
    SupportKind,
    WhoDecides,
)

Guard = Callable[[Plan, date], bool]


@dataclass(frozen=True)
class Choice:
    """An option as shown: the value kept in the plan and the label the family reads.

    ``key`` is the text key of the label, or ``None`` when the label is the family's own words.
    """

    value: str
    label: str
    key: str | None = None


GUARDS: dict[str, Guard] = {
    "education_money_possible": lambda plan, today: rules.education_money_possible(plan),
    "no_ehc_plan": lambda plan, today: rules.no_ehc_plan(plan),
    "ehcp_not_sure": lambda plan, today: rules.ehcp_not_sure(plan),
    "past_compulsory_school_age": rules.past_compulsory_school_age,
    "birth_date_missing": lambda plan, today: rules.birth_date_missing(plan),
    "under_five": rules.under_five,
    "from_year_9": rules.from_year_9,
    "asks_their_own_words": rules.asks_their_own_words,
    "from_year_6": rules.from_year_6,
    "support_at_school": lambda plan, today: rules.support_at_school(plan),
    "decided_for_them": lambda plan, today: rules.decided_for_them(plan),
    "money_decided_for_them": lambda plan, today: plan.decisions.money in rules.NOT_THEIRS,
    "family_signs_named": lambda plan, today: bool(plan.agreeing.family_signs.strip()),
    "uses_direct_payment": lambda plan, today: rules.uses_direct_payment(plan),
    "young_person_chooses_the_way": (
        lambda plan, today: rules.way_chosen(plan) and rules.past_compulsory_school_age(plan, today)
    ),
    "chose_mix": lambda plan, today: rules.chose_mix(plan),
    "wants_to_employ": lambda plan, today: rules.family_employs(plan),
    "court_order_blocks_direct_payment": (
        lambda plan, today: rules.court_order_blocks_direct_payment(plan)
    ),
    "employs_someone": lambda plan, today: plan.employs_someone(),
    "employs_a_helper": lambda plan, today: rules.employs_a_helper(plan),
    "over_budget": lambda plan, today: rules.over_budget(plan),
}

OptionSource = Callable[[Plan, date], list[tuple[str, str | None, str]]]
"""Returns (value, text key or None, own words) for each option."""


def _life_areas(plan: Plan, today: date) -> list[tuple[str, str | None, str]]:
    return [(area.value, f"opt.area.{area.value}", "") for area in rules.life_areas(plan, today)]


def _outcomes(plan: Plan, today: date) -> list[tuple[str, str | None, str]]:
    return [(outcome.id, None, outcome.what) for outcome in plan.outcomes]


def _helpers(plan: Plan, today: date) -> list[tuple[str, str | None, str]]:
    """The helpers named so far, and "someone else" (support with its own costs)."""
    if not plan.helpers:
        return []
    named = [(helper.id, None, helper.name) for helper in plan.helpers]
    return [*named, (NO_HELPER, "opt.helper.none", "")]


def _support_kinds(plan: Plan, today: date) -> list[tuple[str, str | None, str]]:
    """Each kind of support, then the packs' example prices: picking one gives its kind, and
    its price as the answer kept on Enter (see ``ItemList.suggested``)."""
    kinds: list[tuple[str, str | None, str]] = [
        (kind.value, f"opt.support_kind.{kind.value}", "") for kind in SupportKind
    ]
    return kinds + [
        (f"{pack.id}__{entry.id}", f"pack:{pack.id}:c.{entry.id}", "")
        for pack, entry in catalogue()
    ]


def _recipients(plan: Plan, today: date) -> list[tuple[str, str | None, str]]:
    """Who may receive a direct payment: the young person only once past compulsory school
    age (see ``rules.young_person_may_hold_the_money``)."""
    allowed = [DpRecipient.PARENT, DpRecipient.NOMINEE]
    if rules.young_person_may_hold_the_money(plan, today):
        allowed.insert(1, DpRecipient.YOUNG_PERSON)
    return [(who.value, f"opt.dp_recipient.{who.value}", "") for who in allowed]


OPTION_SOURCES: dict[str, OptionSource] = {
    "life_areas": _life_areas,
    "dp_recipients": _recipients,
    "outcomes": _outcomes,
    "support_kinds": _support_kinds,
    "helpers": _helpers,
}
"""Options that depend on earlier answers. ``life_areas`` changes at Year 9."""

OPTION_SOURCE_VALUES: dict[str, list[str]] = {
    "life_areas": [area.value for area in ADULTHOOD_AREAS + CHILD_AREAS],
    "dp_recipients": [who.value for who in DpRecipient],
    "support_kinds": [kind.value for kind in SupportKind],  # an example price gives its kind
}
"""Every value an option source can give, for checking a flow (``outcomes`` are the family's)."""


class Speaker(Protocol):
    """What a text source needs from a conversation: the plan, today and words."""

    @property
    def plan(self) -> Plan:
        """The plan so far."""
        ...

    @property
    def locale(self) -> str:
        """The family's language."""
        ...

    def t(self, key: str, **params: object) -> str:
        """A text in the family's language."""
        ...

    def money(self, amount: Decimal) -> str:
        """An amount of money in the family's language."""
        ...

    def plural(self, key: str, count: int) -> str:
        """A counted text in the plural form that suits ``count``."""
        ...

    @property
    def today(self) -> date:
        """The day the family is planning on."""
        ...


TextSource = Callable[[Speaker, Node], str]


def allocation_result(speaker: Speaker, node: Node) -> str:
    """The whole working of an allocation: each answer and its points, total, band, amount."""
    pack = load_pack(node.pack or "")
    allocation = getattr(speaker.plan.allocations, pack.stream.value)
    result = score(pack, allocation.answers, speaker.locale)
    t = speaker.t
    lines = [t("alloc.heading", title=pack.text("title", speaker.locale))]
    lines += [
        t("alloc.row", question=row.question, answer=row.answer, points=row.points)
        for row in result.rows
    ]
    lines.append(t("alloc.total", points=result.total))
    missing = len(pack.questions) - len(result.rows)
    if missing:
        lines.append(speaker.plural("alloc.incomplete", missing))
    elif result.band is not None:
        lines.append(t("alloc.band", band=pack.band_name(result.band, speaker.locale)))
        if result.band.amount is None:
            lines.append(t("alloc.no_amount"))
        else:
            lines.append(t("alloc.amount", amount=speaker.money(result.band.amount)))
    lines.append(pack.text("disclaimer", speaker.locale))
    lines.append(t("alloc.source", source=pack.source_text(speaker.locale), year=pack.year))
    return "\n".join(lines)


def on_costs_explained(speaker: Speaker, node: Node) -> str:
    """The example figures for employing someone, each explained, with their year."""
    rates = speaker.plan.on_costs
    t = speaker.t
    return "\n".join(
        [
            t("oncost.intro", year=figures().tax_year),
            t("oncost.holiday", percent=_percent(rates.holiday_percent)),
            t(
                "oncost.ni",
                percent=_percent(rates.ni_percent),
                threshold=speaker.money(rates.ni_threshold_week),
            ),
            t(
                "oncost.pension",
                percent=_percent(rates.pension_percent),
                trigger=speaker.money(rates.pension_trigger_week),
                lower=speaker.money(rates.pension_lower_week),
            ),
            t("oncost.insurance", amount=speaker.money(rates.insurance_year)),
            t("oncost.payroll", amount=speaker.money(rates.payroll_month)),
            t("oncost.check"),
            *([t("oncost.stale")] if figures().stale(speaker.today) else []),
        ]
    )


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}"


TEXT_SOURCES: dict[str, TextSource] = {
    "allocation_result": allocation_result,
    "on_costs_explained": on_costs_explained,
}
"""Texts worked out from the answers, for nodes that name ``text_from``."""

Callback = Callable[[Plan, Node], Plan]


def apply_allocation(plan: Plan, node: Node) -> Plan:
    """After an allocation answer: record the points and band, and the estimate if complete."""
    pack = load_pack(node.pack or "")
    stream = pack.stream.value
    allocation = getattr(plan.allocations, stream)
    result = score(pack, allocation.answers, "en_GB")
    allocation = allocation.model_copy(
        update={
            "pack": pack.id,
            "points": result.total if result.complete else None,
            "band": result.band.name if result.complete and result.band else "",
        }
    )
    allocations = plan.allocations.model_copy(update={stream: allocation})
    budget_part = plan.budget.stream(pack.stream)
    if result.complete and budget_part.status is BudgetStatus.ESTIMATE:
        amount = result.band.amount if result.band else None
        budget_part = budget_part.model_copy(update={"amount": amount, "period": Period.YEAR})
    budget = plan.budget.model_copy(update={stream: budget_part})
    return plan.model_copy(update={"allocations": allocations, "budget": budget})


def budget_as_plan(plan: Plan, node: Node) -> Plan:
    """After who decides about the plan: a young person who makes that decision alone makes
    the smaller one of asking for the budget too (capacity is presumed, Mental Capacity Act
    2005, s1(2)), so it is recorded without being asked; otherwise it is asked next."""
    if plan.decisions.plan is not WhoDecides.YOUNG_PERSON:
        return plan
    decisions = plan.decisions.model_copy(update={"budget": WhoDecides.YOUNG_PERSON})
    return plan.model_copy(update={"decisions": decisions})


CALLBACKS: dict[str, Callback] = {
    "apply_allocation": apply_allocation,
    "budget_as_plan": budget_as_plan,
}
"""Things done after a node is answered, for nodes that name them in ``after``."""


def known_guard(name: str) -> bool:
    """Whether a flow may route on ``name``: a guard above, or a rule of the rules table that
    asks a question (``does: ask``), so the law decides when its question is asked."""
    from planner.domain.lawbook import asks

    return name in GUARDS or asks(name)


def _guard(name: str, plan: Plan, today: date) -> bool:
    if name in GUARDS:
        return GUARDS[name](plan, today)
    from planner.domain.lawbook import rule

    return rule(name).applies(plan, today)


def holds(route: Route, plan: Plan, today: date) -> bool:
    """Whether a route's conditions hold for the plan as it is: its named guards (from the
    allow-list above, or a rule that asks) and its ``when`` match on an answer."""
    if route.if_ is not None and not _guard(route.if_, plan, today):
        return False
    if route.unless is not None and _guard(route.unless, plan, today):
        return False
    return route.when is None or _matches(route.when, plan)


def _matches(match: Match, plan: Plan) -> bool:
    value = get_at(plan, match.path)
    if isinstance(value, list):
        return any(str(v) in match.in_ for v in value)
    return str(value.value if hasattr(value, "value") else value) in match.in_
