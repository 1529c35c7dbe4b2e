"""What the support costs once each person is counted once.

On-costs belong to the person employed, not to each piece of support: a personal assistant who
helps at lunchtimes and in the holidays is one employee, with one payroll, one set of
thresholds for National Insurance and the workplace pension. So the employer's costs are worked
out per person, on everything that person is paid in a year, then shared between their pieces
of support in proportion to the pay (each piece keeps its own funding stream and way of being
managed, so the costs follow the money). Employer's liability insurance covers every employee
of the family, so it is counted once for the plan.

A person is known by the helper an item points at; items entered before helpers were asked
for are matched by the provider's name as typed; an item with neither is a person of its own.

The weekly pay that the thresholds are checked against is the person's yearly pay spread over
the most weeks any one of their items runs: if the weeks overlap that is exact, and if they do
not it over-states the weekly pay a little, so the estimate errs on the side of enough money.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from decimal import ROUND_DOWN, Decimal

from planner.domain.costing import CostBreakdown, OnCostRates, employer_costs
from planner.domain.models import Plan, SupportItem
from planner.domain.money import PENNY, to_pennies


@dataclass(frozen=True)
class Employee:
    """One person the family employs, with every item they work on, and the costs of a year."""

    name: str
    items: list[SupportItem]
    costs: CostBreakdown


@dataclass(frozen=True)
class PlanCosts:
    """The yearly cost of each item (with its share of its person's on-costs) and of each
    person employed."""

    items: dict[str, CostBreakdown] = field(default_factory=dict)
    employees: list[Employee] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        """The yearly cost of the whole plan."""
        return sum((c.total for c in self.items.values()), Decimal(0))


def person_of(plan: Plan, item: SupportItem) -> tuple[str, str]:
    """Who is employed for an item, as a key and a name to show."""
    helper = plan.helper(item.helper)
    if helper is not None:
        return f"helper:{helper.id}", helper.name
    provider = " ".join(item.provider.split()).casefold()
    if provider:
        return f"provider:{provider}", item.provider.strip()
    return f"item:{item.id}", item.what


def plan_costs(plan: Plan) -> PlanCosts:
    """Every item's yearly cost, with employer's costs counted once per person employed.

    A person is employed when any of their items says so (an older plan may have said yes to
    the employer's costs on one item and left the other blank): every hourly item of theirs
    then counts towards the same pay."""
    rates = plan.on_costs
    found = PlanCosts()
    employed = {person_of(plan, item)[0] for item in plan.support_items if plan.employs_for(item)}
    people: dict[str, tuple[str, list[SupportItem]]] = {}
    for item in plan.support_items:
        key, name = person_of(plan, item)
        if key in employed and plan.item_price(item).hourly_help():
            people.setdefault(key, (name, []))[1].append(item)
        else:
            found.items[item.id] = plan.item_price(item).costs(rates)
    insured = False
    for name, items in people.values():
        priced = [plan.item_price(item) for item in items]
        costs = _employee_costs(priced, rates, insure=not insured)
        insured = True
        found.employees.append(Employee(name, items, costs))
        found.items.update(_shares(items, priced, costs))
    return found


def _employee_costs(items: list[SupportItem], rates: OnCostRates, *, insure: bool) -> CostBreakdown:
    pay = sum((to_pennies(_pay(item)) for item in items), Decimal(0))  # = the items' own pay
    weeks = max(item.weeks_per_year or 52 for item in items)
    costs = employer_costs(pay / weeks, weeks, rates)
    return replace(costs, pay=to_pennies(pay), insurance=costs.insurance if insure else Decimal(0))


def _pay(item: SupportItem) -> Decimal:
    per_week = item.units_per_week if item.units_per_week is not None else Decimal(1)
    return item.unit_cost * per_week * (item.weeks_per_year or 52)


def _shares(
    items: list[SupportItem], priced: list[SupportItem], costs: CostBreakdown
) -> dict[str, CostBreakdown]:
    """A person's costs shared between their items in proportion to each item's pay, each
    part to the penny, the pennies left over going to the largest remainders (so the shares
    always add up to the person's costs)."""
    pays = [to_pennies(_pay(item)) for item in priced]
    whole = sum(pays, Decimal(0))
    weights = pays if whole else [Decimal(1)] * len(pays)
    total_weight = sum(weights, Decimal(0))
    shares: list[dict[str, Decimal]] = [{} for _ in items]
    for part in fields(CostBreakdown):
        amount: Decimal = getattr(costs, part.name)
        if part.name == "pay":
            for share, pay in zip(shares, pays, strict=True):
                share["pay"] = pay
            continue
        exact = [amount * weight / total_weight for weight in weights]
        rounded = [e.quantize(PENNY, rounding=ROUND_DOWN) for e in exact]
        left = int((amount - sum(rounded, Decimal(0))) / PENNY)
        order = sorted(range(len(exact)), key=lambda i: exact[i] - rounded[i], reverse=True)
        for i in order[:left]:
            rounded[i] += PENNY
        for share, value in zip(shares, rounded, strict=True):
            share[part.name] = value
    return {item.id: CostBreakdown(**share) for item, share in zip(items, shares, strict=True)}
