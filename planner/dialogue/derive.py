"""What a piece of support's answers leave open, and what follows from them without asking.

A helper named once (people before items) answers what kind of support it is, who gives it,
its price and whether there are employer's costs. When a piece of support is added, three more
things are filled in when only one answer fits: the outcome (there is only one), the funding
stream (the only budget it can come from) and the way of managing it (decided for the whole
budget in step 4, or item by item there when it is a mix). Whether it is given in school is
asked only where that matters: where there can be education money (an EHC plan in place or on
its way) and the family has said some support is at school (asked once, before the support).
An example price picked as the kind gives how it is charged. When a piece of support is
changed, those three are asked, with the answer so far kept on Enter, so a default is never a
trap.
"""

from __future__ import annotations

from typing import Any

from planner.domain.models import Plan
from planner.domain.packs import catalogue_entry
from planner.domain.rules import education_money_possible
from planner.domain.vocab import (
    BudgetStatus,
    CostBasis,
    FundingStream,
    HelperKind,
    ItemManagement,
    ManagementChoice,
    SupportKind,
    YesNoUnsure,
)

NO_HELPER = "none"
"""The option for support given by nobody on the list of helpers (its costs are asked)."""


def derived_support(plan: Plan, values: dict[str, Any], *, adding: bool = True) -> dict[str, Any]:
    """The fields of a piece of support that follow from ``values`` (read so far) and the
    plan, as values ready for the item."""
    found: dict[str, Any] = {}
    helper = plan.helper(str(values.get("helper") or ""))
    if helper is not None:
        found["provider"] = helper.name
        if helper.kind.paid_by_the_hour:
            employed = helper.kind is HelperKind.EMPLOYED
            found.update(
                kind=SupportKind.PERSONAL_ASSISTANT.value,
                cost_basis=CostBasis.PER_HOUR.value,
                unit_cost=helper.rate,
                engaged=helper.kind.value,
                on_costs=(YesNoUnsure.YES if employed else YesNoUnsure.NO).value,
            )
        else:
            found.update(cost_basis=CostBasis.NO_COST.value, unit_cost=helper.value)
    example = catalogue_entry(str(values.get("catalogue") or ""))
    if example is not None:  # an example price: charged its way, unless the price says other
        found["cost_basis"] = example[1].cost_basis.value
    if not education_money_possible(plan) or plan.support_at_school is YesNoUnsure.NO:
        found["in_school"] = YesNoUnsure.NO.value  # nothing in school, or it changes nothing
    if not adding:
        return found
    if len(plan.outcomes) == 1:
        found["outcomes"] = [plan.outcomes[0].id]
    stream = _only_stream(plan, values.get("in_school"))
    if stream is not None:
        found["funding_stream"] = stream.value
    if plan.money.option is not ManagementChoice.MIX:
        found["management"] = ItemManagement.NOT_DECIDED.value
    return found


def _only_stream(plan: Plan, in_school: object) -> FundingStream | None:
    """The one funding stream a piece of support can come from, if only one fits: support in
    school from the education budget when there is one; other support from the only other
    budget the family has."""
    if in_school is None:
        return None
    with_money = [
        stream
        for stream in FundingStream
        if plan.budget.stream(stream).status in (BudgetStatus.KNOWN, BudgetStatus.ESTIMATE)
        and (stream is not FundingStream.EDUCATION or education_money_possible(plan))
    ]
    if str(getattr(in_school, "value", in_school)) == YesNoUnsure.YES.value:
        return FundingStream.EDUCATION if FundingStream.EDUCATION in with_money else None
    others = [stream for stream in with_money if stream is not FundingStream.EDUCATION]
    return others[0] if len(others) == 1 else None
