"""What support costs over a year, including the extra costs of employing someone.

Rounding: each part of a cost is rounded to the penny (halves up) on its own, and totals are
sums of those rounded parts, so a total always equals the sum of the lines shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from planner.domain.figures import figures
from planner.domain.money import to_pennies


def _figure(name: str) -> Callable[[], Decimal]:
    """A default read from the one dated file of figures (``content/figures.yaml``)."""
    return lambda: figures().value(name)


Percent = Decimal


class OnCostRates(BaseModel):
    """The example figures for employing a personal assistant; a family can change each one.

    Defaults come from ``content/figures.yaml``, with their dates and sources. A payroll
    service gives real figures.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    holiday_percent: Decimal = Field(default_factory=_figure("holiday_percent"), ge=0, le=100)
    """Holiday pay as a share of pay: 5.6 weeks' holiday spread over the weeks worked."""
    ni_percent: Decimal = Field(default_factory=_figure("ni_percent"), ge=0, le=100)
    """Employer's National Insurance on weekly pay above the threshold."""
    ni_threshold_week: Decimal = Field(
        default_factory=_figure("ni_threshold_week"), ge=0, le=10_000
    )
    """Weekly pay below which no employer's National Insurance is due."""
    pension_percent: Decimal = Field(default_factory=_figure("pension_percent"), ge=0, le=100)
    """The employer's minimum workplace pension payment, on pay above the lower limit."""
    pension_lower_week: Decimal = Field(
        default_factory=_figure("pension_lower_week"), ge=0, le=10_000
    )
    """Weekly pay on which no pension payment is due."""
    pension_trigger_week: Decimal = Field(
        default_factory=_figure("pension_trigger_week"), ge=0, le=10_000
    )
    """Weekly pay from which a worker must be put into a pension."""
    insurance_year: Decimal = Field(default_factory=_figure("insurance_year"), ge=0, le=100_000)
    """Employer's liability insurance for a year (example: one council's yearly allowance)."""
    payroll_month: Decimal = Field(default_factory=_figure("payroll_month"), ge=0, le=100_000)
    """A payroll service for a month (example: one council's 2024 monthly allowance)."""


@dataclass(frozen=True)
class CostBreakdown:
    """The parts of one support item's yearly cost."""

    pay: Decimal
    holiday: Decimal = Decimal(0)
    national_insurance: Decimal = Decimal(0)
    pension: Decimal = Decimal(0)
    insurance: Decimal = Decimal(0)
    payroll: Decimal = Decimal(0)

    @property
    def on_costs(self) -> Decimal:
        """Everything on top of the pay itself."""
        return self.holiday + self.national_insurance + self.pension + self.insurance + self.payroll

    @property
    def total(self) -> Decimal:
        """The whole yearly cost."""
        return self.pay + self.on_costs


def employer_costs(weekly_pay: Decimal, weeks: int, rates: OnCostRates) -> CostBreakdown:
    """The yearly cost of employing someone paid ``weekly_pay`` for ``weeks`` weeks a year."""
    per_year = Decimal(weeks)
    holiday_week = weekly_pay * rates.holiday_percent / 100
    gross_week = weekly_pay + holiday_week
    ni_week = max(Decimal(0), gross_week - rates.ni_threshold_week) * rates.ni_percent / 100
    pension_week = Decimal(0)
    if gross_week >= rates.pension_trigger_week:
        pension_week = (gross_week - rates.pension_lower_week) * rates.pension_percent / 100
    return CostBreakdown(
        pay=to_pennies(weekly_pay * per_year),
        holiday=to_pennies(holiday_week * per_year),
        national_insurance=to_pennies(ni_week * per_year),
        pension=to_pennies(pension_week * per_year),
        insurance=to_pennies(rates.insurance_year),
        payroll=to_pennies(rates.payroll_month * 12),
    )
