"""The support in a plan: the people and services who help, and each piece of support with
how it is paid for and managed. What a whole plan costs is worked out in
:mod:`planner.domain.people`, which counts each person employed once."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from planner.domain.costing import CostBreakdown, OnCostRates, employer_costs
from planner.domain.fields import Code, Money, ShortText, Strict, new_id
from planner.domain.money import to_pennies
from planner.domain.vocab import (
    CostBasis,
    Engagement,
    FundingStream,
    HelperKind,
    ItemManagement,
    SupportKind,
    YesNoUnsure,
)


class Helper(Strict):
    """A person or service that will help, asked once before the support they give."""

    id: Code = Field(default_factory=new_id)
    name: ShortText
    kind: HelperKind
    rate: Money | None = None
    """Pay or price an hour, for a helper the budget pays by the hour."""
    value: Money | None = None
    """What a service already provided is worth in a year, if known (never counted)."""


class SupportItem(Strict):
    """One piece of support, with how it is paid for and managed."""

    id: Code = Field(default_factory=new_id)
    helper: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{0,64}$")] = ""
    """The helper who gives it (a :class:`Helper` id), if one was named."""
    catalogue: ShortText = ""
    what: ShortText
    kind: SupportKind = SupportKind.OTHER
    outcomes: list[Code] = Field(default_factory=list, max_length=50)
    provider: ShortText = ""
    cost_basis: CostBasis = CostBasis.PER_YEAR
    unit_cost: Money = Decimal("0")
    units_per_week: Annotated[Decimal, Field(ge=0, le=168)] | None = None
    weeks_per_year: Annotated[int, Field(ge=1, le=52)] | None = None
    funding_stream: FundingStream | None = None
    management: ItemManagement = ItemManagement.NOT_DECIDED
    in_school: YesNoUnsure = YesNoUnsure.NO
    engaged: Engagement | None = None
    on_costs: YesNoUnsure = YesNoUnsure.NO

    def hourly_help(self) -> bool:
        """Whether this item pays a personal assistant by the hour who is not an agency's or
        self-employed (so would be the family's employee)."""
        return (
            self.kind is SupportKind.PERSONAL_ASSISTANT
            and self.cost_basis is CostBasis.PER_HOUR
            and self.engaged in (Engagement.EMPLOYED, None)
        )

    def employs_someone(self) -> bool:
        """Whether this item pays a personal assistant the family employs, by the hour, with
        employer's costs (never an agency's or a self-employed helper's price)."""
        return self.hourly_help() and self.on_costs is YesNoUnsure.YES

    def yearly_cost(self, rates: OnCostRates | None = None) -> Decimal:
        """The cost over a year of this item on its own, rounded to the penny (in a plan, the
        employer's costs are counted once per person: see ``people.plan_costs``)."""
        return self.costs(rates).total

    def costs(self, rates: OnCostRates | None = None) -> CostBreakdown:
        """The parts of the yearly cost, each rounded to the penny."""
        weeks = self.weeks_per_year or 52
        per_week = self.units_per_week if self.units_per_week is not None else Decimal(1)
        match self.cost_basis:
            case CostBasis.PER_HOUR if self.employs_someone():
                return employer_costs(self.unit_cost * per_week, weeks, rates or OnCostRates())
            case CostBasis.PER_HOUR | CostBasis.PER_SESSION | CostBasis.PER_MILE:
                return CostBreakdown(pay=to_pennies(self.unit_cost * per_week * weeks))
            case CostBasis.PER_WEEK:
                return CostBreakdown(pay=to_pennies(self.unit_cost * weeks))
            case CostBasis.PER_YEAR | CostBasis.ONE_OFF:
                return CostBreakdown(pay=to_pennies(self.unit_cost))
            case CostBasis.NO_COST:
                return CostBreakdown(pay=Decimal(0))
