"""Budgets: costing support, converting periods, allocation bands and totals, with exact figures."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.dialogue.conversation import Conversation
from planner.domain.budget import totals
from planner.domain.costing import OnCostRates, employer_costs
from planner.domain.errors import InputError
from planner.domain.models import Plan, SupportItem
from planner.domain.money import from_yearly, parse_money, to_yearly
from planner.domain.packs import PackError, load_pack, pack_file, parse_pack, score
from planner.domain.people import plan_costs
from planner.domain.vocab import (
    BudgetStatus,
    CostBasis,
    FundingStream,
    ItemManagement,
    Period,
    SupportKind,
    YesNoUnsure,
)
from planner.services.examples import apply_example, find_example

from .helpers import new_conversation

D = Decimal


def item(**values: object) -> SupportItem:
    return SupportItem.model_validate({"what": "Support", **values})


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"cost_basis": "per_hour", "unit_cost": "13.80", "units_per_week": "3"}, "2152.80"),
        (
            {
                "cost_basis": "per_hour",
                "unit_cost": "12.21",
                "units_per_week": "2.5",
                "weeks_per_year": 38,
            },
            "1159.95",
        ),
        (
            {
                "cost_basis": "per_session",
                "unit_cost": "45",
                "units_per_week": "1",
                "weeks_per_year": 26,
            },
            "1170.00",
        ),
        ({"cost_basis": "per_week", "unit_cost": "19.99"}, "1039.48"),
        ({"cost_basis": "per_week", "unit_cost": "10", "weeks_per_year": 6}, "60.00"),
        ({"cost_basis": "per_year", "unit_cost": "2800"}, "2800.00"),
        ({"cost_basis": "one_off", "unit_cost": "250"}, "250.00"),
        # rounded once, on the yearly figure: 0.15 x 0.5 h x 52 = 3.90
        ({"cost_basis": "per_hour", "unit_cost": "0.15", "units_per_week": "0.5"}, "3.90"),
    ],
)
def test_yearly_cost_of_each_way_of_paying(values: dict[str, object], expected: str) -> None:
    assert item(**values).yearly_cost() == D(expected)


def test_a_price_with_fractions_of_a_penny_is_refused() -> None:
    with pytest.raises(ValueError, match="decimal"):
        item(cost_basis="per_hour", unit_cost="0.333")


@pytest.mark.parametrize(
    ("rate", "hours", "weeks", "parts"),
    [
        # £12 x 10 h = £120 a week. Holiday 12.07% = 14.484/wk -> 753.17 a year.
        # NI 15% of (134.484 - 96) = 5.7726/wk -> 300.18. Under £192/wk: no pension.
        ("12", "10", 52, ("6240.00", "753.17", "300.18", "0.00", "61.00", "315.00", "7669.35")),
        # £15 x 20 h = £300/wk; holiday 36.21/wk -> 1882.92; gross 336.21.
        # NI 15% of 240.21 = 36.0315 -> 1873.64; pension 3% of 216.21 = 6.4863 -> 337.29.
        (
            "15",
            "20",
            52,
            ("15600.00", "1882.92", "1873.64", "337.29", "61.00", "315.00", "20069.85"),
        ),
        # £14.50 x 4 h x 45 wk: £58/wk, under both thresholds.
        ("14.50", "4", 45, ("2610.00", "315.03", "0.00", "0.00", "61.00", "315.00", "3301.03")),
    ],
)
def test_employing_someone_adds_each_on_cost(
    rate: str, hours: str, weeks: int, parts: tuple[str, ...]
) -> None:
    costs = employer_costs(D(rate) * D(hours), weeks, OnCostRates())
    shown = (
        costs.pay,
        costs.holiday,
        costs.national_insurance,
        costs.pension,
        costs.insurance,
        costs.payroll,
        costs.total,
    )
    assert shown == tuple(D(p) for p in parts)


def test_on_costs_only_apply_to_a_personal_assistant_paid_by_the_hour() -> None:
    values = {
        "cost_basis": "per_hour",
        "unit_cost": "12",
        "units_per_week": "10",
        "on_costs": "yes",
    }
    assert item(kind="personal_assistant", **values).yearly_cost() == D("7669.35")
    assert item(kind="activity", **values).yearly_cost() == D("6240.00")
    no = {**values, "on_costs": "no"}
    assert item(kind="personal_assistant", **no).yearly_cost() == D("6240.00")


def test_changed_on_cost_figures_are_used() -> None:
    pa = item(
        kind="personal_assistant",
        cost_basis="per_hour",
        unit_cost="12",
        units_per_week="10",
        on_costs="yes",
    )
    rates = OnCostRates(ni_percent=D("0"), insurance_year=D("0"), payroll_month=D("0"))
    assert pa.yearly_cost(rates) == D("6993.17")  # 6240 + 753.17 holiday


@pytest.mark.parametrize(
    ("amount", "period", "yearly"),
    [
        ("100", Period.WEEK, "5200.00"),
        ("250", Period.MONTH, "3000.00"),
        ("2800", Period.YEAR, "2800.00"),
        ("19.23", Period.WEEK, "999.96"),
    ],
)
def test_converting_to_a_year(amount: str, period: Period, yearly: str) -> None:
    assert to_yearly(D(amount), period) == D(yearly)


@pytest.mark.parametrize(
    ("yearly", "period", "amount"),
    [
        ("1000", Period.WEEK, "19.23"),
        ("1000", Period.MONTH, "83.33"),
        ("5200", Period.WEEK, "100.00"),
        ("0.26", Period.WEEK, "0.01"),  # 0.005 rounds half up
    ],
)
def test_converting_from_a_year(yearly: str, period: Period, amount: str) -> None:
    assert from_yearly(D(yearly), period) == D(amount)


money = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)


@given(money, st.sampled_from(list(Period)))
def test_converting_to_yearly_and_back_gives_the_same_money(
    amount: Decimal, period: Period
) -> None:
    assert from_yearly(to_yearly(amount, period), period) == amount


items = st.builds(
    lambda basis, cost, units, weeks, stream, pa: item(
        cost_basis=basis,
        unit_cost=cost,
        units_per_week=units,
        weeks_per_year=weeks,
        funding_stream=stream,
        kind="personal_assistant" if pa else "activity",
        on_costs="yes" if pa else "no",
    ),
    st.sampled_from(list(CostBasis)),
    st.decimals(min_value=0, max_value=500, places=2),
    st.decimals(min_value=0, max_value=168, places=1),
    st.integers(1, 52),
    st.sampled_from([None, *FundingStream]),
    st.booleans(),
)


@given(st.lists(items, max_size=12))
def test_totals_always_equal_the_sum_of_their_items(support: list[SupportItem]) -> None:
    plan = Plan(support_items=support)
    found = totals(plan)
    costs = plan_costs(plan)
    each = [costs.items[i.id].total for i in support]
    assert found.cost == sum(each, D(0)) == costs.total
    assert sum((s.cost for s in found.streams), D(0)) == found.cost
    assert sum(found.by_management.values(), D(0)) == found.cost
    for part in costs.items.values():
        assert part.total == part.pay + part.on_costs
    people = sum((person.costs.total for person in costs.employees), D(0))
    assert people == sum((costs.items[i.id].total for i in support if plan.employs_for(i)), D(0))


def test_kais_totals_by_stream_and_by_way_of_managing() -> None:
    example = find_example("kai")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example)
    found = totals(conv.plan)
    by_stream = {s.stream: (s.budget, s.cost, s.gap) for s in found.streams}
    # Sam's £4,536.04 (one employee) follows his two pieces of support: 3,189.40 from social
    # care and 1,346.64 from education, both as a direct payment.
    assert by_stream[FundingStream.SOCIAL_CARE] == (D("4000.00"), D("3189.40"), D("-810.60"))
    assert by_stream[FundingStream.EDUCATION] == (D("3100.00"), D("2546.64"), D("-553.36"))
    assert by_stream[FundingStream.HEALTH] == (None, D("0"), None)
    assert found.by_management == {
        ItemManagement.DIRECT_PAYMENT: D("4536.04"),
        ItemManagement.ARRANGED: D("1200.00"),
    }
    assert found.gap == D("-1363.96")


@pytest.mark.parametrize(
    ("pack_name", "edges"),
    [
        (
            "example_social_care",
            [
                (0, "0"),
                (69, "0"),
                (70, "500"),
                (115, "500"),
                (116, "1000"),
                (130, "1000"),
                (131, "1500"),
                (145, "1500"),
                (146, "2800"),
                (160, "2800"),
                (161, "4000"),
                (170, "4000"),
                (171, "6000"),
                (185, "6000"),
                (186, None),
                (216, None),
            ],
        ),
        (
            "example_education",
            [
                (0, "0"),
                (2, "0"),
                (3, "1600"),
                (5, "1600"),
                (6, "3100"),
                (8, "3100"),
                (9, "4500"),
                (10, "4500"),
                (11, None),
                (12, None),
            ],
        ),
    ],
)
def test_band_edges(pack_name: str, edges: list[tuple[int, str | None]]) -> None:
    pack = load_pack(pack_name)
    for points, amount in edges:
        band = pack.band_for(points)
        assert band is not None, points
        assert band.amount == (D(amount) if amount else None), points


def test_the_result_shows_each_answer_its_points_the_band_and_the_amount() -> None:
    pack = load_pack("example_social_care")
    answers = {q.id: "some" for q in pack.questions}
    result = score(pack, answers, "en_GB")
    assert result.complete
    assert [r.points for r in result.rows] == [8] * 9
    assert result.total == 72
    assert result.band is not None
    assert (result.band.name, result.band.amount) == ("Small 1", D("500"))


def test_an_estimate_sets_the_budget_and_follows_a_changed_answer() -> None:
    example = find_example("amira")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example, until="health_right")
    assert conv.plan.budget.social_care.amount == D("2800")
    assert conv.plan.allocations.social_care.points == 152
    assert conv.plan.allocations.social_care.band == "Some 1"
    conv.back()
    text = conv.prompt().text
    for expected in (
        "Communicating: Help nearly all the time, 24 points.",
        "Total: 152 points.",
        "£2,800.00 a year",
        "Example only, not your council's figures.",
    ):
        assert expected in text
    conv.change("care_estimate__health")
    assert conv.answer("4").ok  # help nearly all the time: +16 points, 168 -> "Some 2"
    assert conv.plan.budget.social_care.amount == D("4000")
    assert "care_estimate__result" in conv.needs_check()


def test_the_top_band_gives_no_amount_and_says_so() -> None:
    example = find_example("amira")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example, until="care_estimate__communication")
    for _ in range(9):
        assert conv.answer("4").ok
    assert conv.plan.budget.social_care.amount is None
    assert "Your council works it out for each child." in conv.prompt().text


def test_on_cost_figures_can_be_changed_and_blank_keeps_the_example() -> None:
    example = find_example("kai")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example, until="oncosts_info")
    assert "Holiday pay: 12.07% on top of pay." in conv.prompt().text
    conv.answer("")
    assert conv.answer("yes").ok
    assert conv.answer("").ok  # holiday: keep the example
    assert not conv.answer("150").ok  # NI over 100%
    assert conv.answer("0").ok
    assert conv.answer("").ok
    assert conv.answer("£80").ok
    assert conv.answer("").ok
    assert conv.node_id == "risks"
    rates = conv.plan.on_costs
    assert (rates.holiday_percent, rates.ni_percent, rates.insurance_year) == (
        D("12.07"),
        D("0"),
        D("80.00"),
    )
    assert conv.plan.support_items[0].yearly_cost(rates) == D("3320.03")


@pytest.mark.parametrize("raw", ["-5", "1.2.3", "£1,2,3", "1e9", "10000000", "£1,000,000.01"])
def test_bad_amounts_are_refused(raw: str) -> None:
    with pytest.raises(InputError):
        parse_money(raw)


def test_more_than_168_hours_a_week_is_refused() -> None:
    example = find_example("kai")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example, until="support_items")
    before = conv.plan
    result = conv.items.save(
        {
            "helper": "2",  # someone else
            "what": "Helper",
            "kind": "1",
            "cost_basis": "1",
            "unit_cost": "12",
            "units_per_week": "169",
            "in_school": "no",
        }
    )
    assert not result.ok
    assert result.message == "Please type a number from 0 to 168."
    assert conv.plan == before


SHIPPED = pack_file("example_social_care").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("low: 70, high: 115", "low: 60, high: 115", "overlaps the one before"),
        ("low: 116, high: 130", "low: 120, high: 130", "leaves a gap before it"),
        ('high: 130, amount: "1000"', 'high: 130, amount: "400"', "gives less money than"),
        ("{id: lots, points: 16}", "{id: lots}", "points: Field required"),
        ('  - {name: "Lots or exceptional", low: 186}\n', "", "the bands stop at 185"),
        (
            '    q.sleep: "How much extra help does {name} need at night?"\n',
            "",
            "the text 'q.sleep' is missing",
        ),
        ("stream: social_care", "stream: housing", "stream: Input should be"),
    ],
)
def test_broken_packs_are_refused_naming_the_problem(old: str, new: str, expected: str) -> None:
    assert old in SHIPPED
    with pytest.raises(PackError) as caught:
        parse_pack(SHIPPED.replace(old, new, 1), "broken")
    assert any(expected in p for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize("text", ["", "   \n", "[]", "id: nothing_else"])
def test_an_empty_pack_is_refused(text: str) -> None:
    with pytest.raises(PackError):
        parse_pack(text, "empty")


def test_in_school_and_stream_defaults_do_not_hide_items_from_totals() -> None:
    plan = Plan(support_items=[item(cost_basis="per_year", unit_cost="100")])
    found = totals(plan)
    assert found.streams[-1].stream is None
    assert found.streams[-1].cost == D("100.00")
    assert found.by_management == {ItemManagement.NOT_DECIDED: D("100.00")}
    assert SupportKind.OTHER is plan.support_items[0].kind
    assert plan.support_items[0].in_school is YesNoUnsure.NO


def test_planner_check_validates_a_councils_pack_file(tmp_path: Path) -> None:
    good = subprocess.run(
        [sys.executable, "-m", "planner", "check", "--pack", str(pack_file("example_education"))],
        capture_output=True,
        text=True,
    )
    assert good.returncode == 0
    assert "All good: pack 'example_education' has 4 questions, 5 bands" in good.stdout
    broken = tmp_path / "pack.yaml"
    broken.write_text(SHIPPED.replace("low: 70, high: 115", "low: 60, high: 115"))
    bad = subprocess.run(
        [sys.executable, "-m", "planner", "check", "--pack", str(broken)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "overlaps the one before" in bad.stdout


def test_an_example_price_from_the_pack_fills_in_a_support_item() -> None:
    """The examples come after the kinds of support: one picked gives its kind, and its price
    and how it is charged are the answers kept on Enter."""
    example = find_example("kai")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example, until="support_items")
    field = next(f for f in conv.items.fields() if f.name == "kind")
    labels = [c.label for c in conv.choices(field)]
    assert labels[len(SupportKind)] == (
        "Example: a helper you employ, for one hour. This is a typical wage in 2026, before the "
        "extra costs of being an employer."
    )
    someone_else = str(len(conv.plan.helpers) + 1)
    pa_hour = str(len(SupportKind) + 1)
    typed = {
        "helper": someone_else,
        "what": "A helper on Saturdays",
        "kind": pa_hour,
        "units_per_week": "3",
        "in_school": "no",
    }
    result = conv.items.save(typed)
    assert result.ok, result.message
    (added,) = conv.items.all()
    assert (added.kind, added.cost_basis, added.unit_cost) == (
        SupportKind.PERSONAL_ASSISTANT,
        CostBasis.PER_HOUR,
        D("14.50"),
    )
    assert added.catalogue == "example_social_care__pa_hour"
    assert added.yearly_cost() == D("2262.00")  # 14.50 x 3 hours x 52 weeks
    own = conv.items.save({**typed, "what": "Sam on Saturdays", "unit_cost": "£15 a session"})
    assert own.ok
    sam = conv.items.all()[1]
    assert (sam.what, sam.unit_cost, sam.cost_basis) == (
        "Sam on Saturdays",
        D("15.00"),
        CostBasis.PER_SESSION,  # the price said how it is charged: that wins over the example
    )


def _at_care_budget() -> Conversation:
    example = find_example("amira")
    assert example is not None
    conv = new_conversation()
    apply_example(conv, example, until="care_budget_status")
    return conv


def test_the_amount_typed_at_do_you_know_the_budget_answers_all_three_questions() -> None:
    conv = _at_care_budget()
    result = conv.answer("£2,400 a year")
    assert result.ok, result.message
    care = conv.plan.budget.social_care
    assert (care.status, care.amount, care.period) == (
        BudgetStatus.KNOWN,
        Decimal("2400.00"),
        Period.YEAR,
    )
    assert conv.node_id == "health_right"
    conv.back()  # back passes over what the amount answered, to the question it was typed at
    assert conv.node_id == "care_budget_status"


def test_an_amount_with_i_think_before_it_is_still_the_amount_and_is_said_back() -> None:
    """Found trying the planner as a 17-year-old: "i think 3000 a year" at "do you know how
    much?" was refused as not an option; it is the amount, said back to be checked."""
    conv = _at_care_budget()
    result = conv.answer("i think 3000 a year")
    assert result.ok
    care = conv.plan.budget.social_care
    assert (care.status, care.amount, care.period) == (
        BudgetStatus.KNOWN,
        Decimal("3000.00"),
        Period.YEAR,
    )
    assert any("£3,000.00" in notice.text for notice in result.notices)


def test_an_amount_without_a_period_leaves_only_the_period_to_ask() -> None:
    conv = _at_care_budget()
    assert conv.answer("1200 pounds").ok
    assert conv.node_id == "care_budget_period"
    assert conv.plan.budget.social_care.amount == Decimal("1200.00")


def test_a_number_at_do_you_know_the_budget_is_still_an_option_and_words_are_refused() -> None:
    conv = _at_care_budget()
    refused = conv.answer("lots")
    assert not refused.ok
    assert "number" in refused.message
    assert conv.node_id == "care_budget_status"
    assert conv.answer("2").ok  # "I don't know yet"
    assert conv.plan.budget.social_care.status is BudgetStatus.UNKNOWN
