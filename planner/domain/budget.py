"""Totals of the support costs, per funding stream and per way of managing the money,
against the indicative budget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from planner.domain.models import Plan, SupportItem
from planner.domain.people import plan_costs
from planner.domain.vocab import (
    EHCP_IN_PLACE_OR_COMING,
    BudgetStatus,
    FundingStream,
    ItemManagement,
    ManagementChoice,
)

WHOLE_PLAN = {
    ManagementChoice.DIRECT_PAYMENT: ItemManagement.DIRECT_PAYMENT,
    ManagementChoice.ARRANGED: ItemManagement.ARRANGED,
    ManagementChoice.THIRD_PARTY: ItemManagement.THIRD_PARTY,
}


@dataclass(frozen=True)
class StreamTotal:
    """One funding stream: its budget (if known), what the support costs, and the difference.

    ``stream`` is None for support not yet given a funding stream.
    """

    stream: FundingStream | None
    budget: Decimal | None
    cost: Decimal
    estimated: bool = False
    """Whether the budget is the family's own estimate (from an allocation pack), not a figure
    the council gave."""
    waiting: bool = False
    """Whether an amount was given but is not counted yet: education money before there is an
    EHC plan in place or being written."""

    @property
    def gap(self) -> Decimal | None:
        """Cost minus budget: above zero is over budget, below zero is under."""
        return None if self.budget is None else self.cost - self.budget


@dataclass(frozen=True)
class Totals:
    """Every total a plan needs."""

    streams: list[StreamTotal]
    by_management: dict[ItemManagement, Decimal]
    cost: Decimal
    budget: Decimal

    @property
    def gap(self) -> Decimal:
        """The whole cost minus the whole known budget."""
        return self.cost - self.budget


def item_management(plan: Plan, item: SupportItem) -> ItemManagement:
    """How an item is managed: its own choice, or the plan's when the plan uses one way."""
    if item.management is not ItemManagement.NOT_DECIDED:
        return item.management
    if plan.money.option is None:
        return ItemManagement.NOT_DECIDED
    whole = WHOLE_PLAN.get(plan.money.option, ItemManagement.NOT_DECIDED)
    if whole is ItemManagement.ARRANGED and item.funding_stream is FundingStream.HEALTH:
        return ItemManagement.NHS_ARRANGED  # health money is arranged by the NHS, not the council
    return whole


def totals(plan: Plan) -> Totals:
    """Costs per funding stream and per management option, against the budget."""
    by_stream: dict[FundingStream | None, Decimal] = {}
    by_management: dict[ItemManagement, Decimal] = {}
    costs = plan_costs(plan).items
    for item in plan.support_items:
        cost = costs[item.id].total
        by_stream[item.funding_stream] = by_stream.get(item.funding_stream, Decimal(0)) + cost
        how = item_management(plan, item)
        by_management[how] = by_management.get(how, Decimal(0)) + cost
    streams = [
        _stream_total(plan, stream, by_stream.get(stream, Decimal(0))) for stream in FundingStream
    ]
    if None in by_stream:
        streams.append(StreamTotal(stream=None, budget=None, cost=by_stream[None]))
    return Totals(
        streams=streams,
        by_management=by_management,
        cost=sum(by_stream.values(), Decimal(0)),
        budget=sum((part.budget or Decimal(0) for part in streams), Decimal(0)),
    )


def _stream_total(plan: Plan, stream: FundingStream, cost: Decimal) -> StreamTotal:
    """One stream's budget against its cost. Education money given before there is an EHC plan
    in place or being written (an answer changed later, say) is not counted: it cannot be
    asked for yet (SEN (Personal Budgets) Regulations 2014, reg 4)."""
    part = plan.budget.stream(stream)
    budget = part.yearly()
    waiting = (
        stream is FundingStream.EDUCATION
        and budget is not None
        and plan.ehcp_status not in EHCP_IN_PLACE_OR_COMING
    )
    return StreamTotal(
        stream=stream,
        budget=None if waiting else budget,
        cost=cost,
        estimated=part.status is BudgetStatus.ESTIMATE,
        waiting=waiting,
    )


def describe_budget(
    part: StreamTotal, say: Callable[..., str], money: Callable[[Decimal], str]
) -> str:
    """A funding stream's budget in words: the amount, called an estimate when it is one, or
    "not known"."""
    if part.waiting:
        return say("doc.budget_waiting")
    if part.budget is None:
        return say("summary.unknown")
    amount = money(part.budget)
    return say("doc.estimated_amount", amount=amount) if part.estimated else amount


def describe_gap(
    gap: Decimal | None,
    say: Callable[..., str],
    money: Callable[[Decimal], str],
    keys: tuple[str, str, str, str],
) -> str:
    """A difference from the budget in words, using the text keys for (over, under, the same,
    no budget to compare with)."""
    over, under, same, unknown = keys
    if gap is None:
        return say(unknown)
    if gap > 0:
        return say(over, amount=money(gap))
    if gap < 0:
        return say(under, amount=money(-gap))
    return say(same)
