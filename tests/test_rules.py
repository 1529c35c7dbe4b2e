"""The rules table: one row per case, each a family's answers with the verdict and the reason
the planner must give; and ``planner check`` refusing a rule it cannot trust."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from planner.dialogue.checker import check_rules
from planner.dialogue.loader import load_flow
from planner.domain.fit import FitLevel, assess
from planner.domain.lawbook import Does, RulesError, load_rules, parse_rules, worded
from planner.domain.models import Plan
from planner.domain.readiness import readiness
from planner.i18n import texts_for
from planner.paths import data_path

from .helpers import TODAY, broken_copy

FOURTEEN = "2012-02-03"
SEVENTEEN = "2009-03-10"

DP, ARRANGED, THIRD, MIX = "direct_payment", "arranged", "third_party", "mix"


def item(**fields: Any) -> dict[str, Any]:
    """A piece of support: an out-of-school social care activity unless told otherwise."""
    return {
        "what": "Club with a helper",
        "kind": "activity",
        "cost_basis": "per_year",
        "unit_cost": "1000",
        "funding_stream": "social_care",
        "in_school": "no",
        "outcomes": ["o1"],
        **fields,
    }


PA = {"kind": "personal_assistant", "cost_basis": "per_hour", "unit_cost": "14.50"}
IN_SCHOOL = {"funding_stream": "education", "in_school": "yes", "what": "Lunchtime helper"}


def family(
    *,
    born: str = FOURTEEN,
    ehcp: str | None = "has_plan",
    items: list[dict[str, Any]] | None = None,
    money: dict[str, Any] | None = None,
    **rest: Any,
) -> Plan:
    """A plan from a family's answers, through the plan's own validation (the one path every
    answer takes)."""
    data: dict[str, Any] = {
        "child": {"name": "Sam", "date_of_birth": born},
        "ehcp_status": ehcp,
        "outcomes": [{"id": "o1", "area": "community", "what": "Go to a club"}],
        "support_items": items if items is not None else [item()],
        "money": {"option": ARRANGED, **(money or {})},
        **rest,
    }
    return Plan.model_validate(data)


# Each row: what it shows, the family's answers, the rule, whether it applies, what it does
# (None when it does not apply), words its reason must say, and the fit of each way it names.
Row = tuple[str, Plan, str, Does | None, str, dict[str, FitLevel]]

ROWS: list[Row] = [
    # --- Education money ---------------------------------------------------------------
    (
        "education support with no EHC plan",
        family(ehcp="none", items=[item(funding_stream="education")]),
        "education_needs_ehc_plan",
        Does.WARN,
        "education money needs an EHC plan",
        {},
    ),
    (
        "an education budget while not sure about an EHC plan",
        family(ehcp="not_sure", budget={"education": {"status": "known", "amount": "3000"}}),
        "education_needs_ehc_plan",
        Does.WARN,
        "Ask the council for an EHC needs assessment",
        {},
    ),
    (
        "education support with an EHC plan is fine",
        family(items=[item(funding_stream="education")]),
        "education_needs_ehc_plan",
        None,
        "",
        {},
    ),
    (
        "at the needs assessment, there is no education budget yet",
        family(ehcp="being_assessed"),
        "education_wait_for_decision",
        Does.NOTE,
        "once the council decides to write an EHC plan",
        {},
    ),
    (
        "the council must prepare a budget once it writes a plan",
        family(ehcp="being_written"),
        "budget_must_be_prepared",
        Does.NOTE,
        "the council must work out a personal budget. This is a duty",
        {},
    ),
    (
        "the duty holds at the draft plan",
        family(ehcp="draft_received"),
        "budget_must_be_prepared",
        Does.NOTE,
        "This is a duty, not a favour",
        {},
    ),
    (
        "no duty before anyone has decided to write a plan",
        family(ehcp="being_assessed"),
        "budget_must_be_prepared",
        None,
        "",
        {},
    ),
    (
        "at the draft plan: ask in writing within the 15 days",
        family(ehcp="draft_received"),
        "ask_within_draft_window",
        Does.NOTE,
        "You have at least 15 days to comment on it",
        {},
    ),
    (
        "with a plan in place: ask at the annual review",
        family(),
        "ask_at_review",
        Does.NOTE,
        "at the next annual review",
        {},
    ),
    (
        "the school place is never in the budget",
        family(items=[item(funding_stream="education")]),
        "school_place_not_in_budget",
        Does.NOTE,
        "The school place",
        {},
    ),
    (
        "the four conditions of an education direct payment",
        family(money={"option": DP}, items=[item(funding_stream="education")]),
        "education_direct_payment_conditions",
        Does.NOTE,
        "It does not harm support for other children. It is good value.",
        {},
    ),
    (
        "a third party paying education money is a direct payment too",
        family(money={"option": THIRD}, items=[item(funding_stream="education")]),
        "education_direct_payment_conditions",
        Does.NOTE,
        "best interests",
        {},
    ),
    (
        "no direct payment conditions when the school arranges it",
        family(items=[item(funding_stream="education")]),
        "education_direct_payment_conditions",
        None,
        "",
        {},
    ),
    # --- The head's agreement ----------------------------------------------------------
    (
        "the head said no: a direct payment is ruled out, however much the family wants one",
        family(
            money={
                "option": DP,
                "employ_pa": "yes",
                "known_person": "yes",
                "paperwork": "happy",
                "head_agreement": "refused",
            },
            items=[item(**IN_SCHOOL)],
        ),
        "head_refused",
        Does.BAR,
        "cannot pay for the support at school or college",
        {DP: FitLevel.POOR, THIRD: FitLevel.POOR},
    ),
    (
        "the head said no to a third party's helper in school",
        family(money={"option": THIRD, "head_agreement": "refused"}, items=[item(**IN_SCHOOL)]),
        "head_refused",
        Does.BAR,
        "A third party cannot either",
        {THIRD: FitLevel.POOR},
    ),
    (
        "the head said no, but a mix can move the school part",
        family(
            money={"option": MIX, "head_agreement": "refused"},
            items=[item(**IN_SCHOOL, management=DP), item(management=DP)],
        ),
        "head_refused_mix",
        Does.NEEDS,
        "A mix can still work",
        {MIX: FitLevel.POSSIBLE},
    ),
    (
        "the head not asked yet: possible once they agree, never a good fit before",
        family(
            money={
                "option": DP,
                "employ_pa": "yes",
                "known_person": "yes",
                "paperwork": "happy",
                "head_agreement": "not_asked",
            },
            items=[item(**IN_SCHOOL)],
        ),
        "head_agreement_needed",
        Does.NEEDS,
        "must agree first",
        {DP: FitLevel.POSSIBLE},
    ),
    (
        "a third party in school, head not yet asked",
        family(money={"option": THIRD}, items=[item(**IN_SCHOOL)]),
        "head_agreement_needed",
        Does.NEEDS,
        "a direct payment or a third party",
        {THIRD: FitLevel.POSSIBLE},
    ),
    (
        "the head agreed: the family's wishes decide again",
        family(
            money={
                "option": DP,
                "employ_pa": "yes",
                "known_person": "yes",
                "paperwork": "happy",
                "head_agreement": "agreed",
            },
            items=[item(**IN_SCHOOL)],
        ),
        "head_agreed",
        Does.NOTE,
        "Keep their agreement in writing",
        {DP: FitLevel.GOOD},
    ),
    (
        "a third party's support in school asks for the head's agreement",
        family(money={"option": THIRD}, items=[item(**IN_SCHOOL)]),
        "ask_the_head",
        Does.ASK,
        "so we ask about it",
        {},
    ),
    (
        "support in school arranged by the school needs no head's agreement",
        family(items=[item(**IN_SCHOOL)]),
        "ask_the_head",
        None,
        "",
        {},
    ),
    # --- Who holds the money, and who decides ------------------------------------------
    (
        "a 14-year-old can never hold the money",
        family(money={"option": DP, "dp_recipient": "young_person"}),
        "recipient_too_young",
        Does.NEEDS,
        "Sam is too young to hold the money",
        {DP: FitLevel.POSSIBLE},
    ),
    (
        "a 17-year-old may hold the money",
        family(born=SEVENTEEN, money={"option": DP, "dp_recipient": "young_person"}),
        "recipient_too_young",
        None,
        "",
        {},
    ),
    (
        "a young person who cannot make this decision is not the one to hold the money",
        family(
            born=SEVENTEEN,
            money={"option": DP, "dp_recipient": "young_person"},
            decisions={"money": "for_them", "capacity": "Talked it through twice with pictures."},
        ),
        "recipient_cannot_decide",
        Does.NEEDS,
        "someone else makes this decision for Sam",
        {DP: FitLevel.POSSIBLE},
    ),
    (
        "a court order for drug treatment: someone else must receive it",
        family(
            money={"option": DP, "court_order": "yes", "employ_pa": "yes", "paperwork": "happy"}
        ),
        "court_order",
        Does.NEEDS,
        "cannot receive a direct payment",
        {DP: FitLevel.POSSIBLE},
    ),
    (
        "no court order, no bar",
        family(money={"option": DP, "court_order": "no"}),
        "court_order",
        None,
        "",
        {},
    ),
    (
        "past compulsory school age, the young person decides",
        family(born=SEVENTEEN),
        "young_person_decides",
        Does.NOTE,
        "The law now starts from Sam making each decision",
        {},
    ),
    (
        "at 14, a parent decides",
        family(),
        "young_person_decides",
        None,
        "",
        {},
    ),
    (
        "someone decides for a 17-year-old, with nothing written about capacity",
        family(born=SEVENTEEN, decisions={"plan": "for_them"}),
        "capacity_not_recorded",
        Does.WARN,
        "Write down how you checked whether Sam could make this decision",
        {},
    ),
    (
        "how capacity was considered is written down",
        family(
            born=SEVENTEEN,
            decisions={"plan": "for_them", "capacity": "We used pictures and asked twice."},
        ),
        "capacity_not_recorded",
        None,
        "",
        {},
    ),
    (
        "someone decides who holds a 17-year-old's money, with nothing written about why",
        family(born=SEVENTEEN, decisions={"money": "for_them"}),
        "money_capacity_not_recorded",
        Does.WARN,
        "Write down how it was checked whether Sam could make this decision",
        {},
    ),
    (
        "why someone else decides about the money is written down",
        family(
            born=SEVENTEEN,
            decisions={"money": "for_them", "money_capacity": "We used pictures twice."},
        ),
        "money_capacity_not_recorded",
        None,
        "",
        {},
    ),
    (
        "a refused direct payment comes in writing, with reasons",
        family(money={"option": DP}),
        "refusal_in_writing",
        Does.NOTE,
        "it must tell you in writing and give its reasons",
        {},
    ),
    (
        "mediation advice comes before an appeal",
        family(),
        "mediation_before_appeal",
        Does.NOTE,
        "First get advice about mediation",
        {},
    ),
    # --- Social care money ---------------------------------------------------------------
    (
        "a social care direct payment asks about relatives",
        family(money={"option": DP}),
        "ask_about_relatives",
        Does.ASK,
        "close relatives",
        {},
    ),
    (
        "paying a close relative who lives with you needs the council's agreement",
        family(money={"option": DP, "pay_relative": "yes", "employ_pa": "yes"}),
        "close_relative_in_household",
        Does.NEEDS,
        "only if the council agrees this is necessary",
        {DP: FitLevel.POSSIBLE},
    ),
    (
        "no close relative, no condition",
        family(money={"option": DP, "pay_relative": "no"}),
        "close_relative_in_household",
        None,
        "",
        {},
    ),
    (
        "short breaks by direct payment have limits",
        family(money={"option": DP}, items=[item(kind="short_break")]),
        "residential_short_breaks",
        Does.NOTE,
        "up to 120 days in a year",
        {},
    ),
    (
        "a child's social care may carry a contribution",
        family(),
        "children_contributions",
        Does.NOTE,
        "may ask for a contribution",
        {},
    ),
    (
        "from 18, adult care is means-tested",
        family(born=SEVENTEEN),
        "adult_charging",
        Does.NOTE,
        "Adult care is means-tested",
        {},
    ),
    # --- Health money --------------------------------------------------------------------
    (
        "continuing care brings a right to a health budget",
        family(health_right="continuing_care"),
        "health_budget_right",
        Does.NOTE,
        "Sam has a right to a personal health budget",
        {},
    ),
    (
        "so does section 117 aftercare",
        family(health_right="aftercare"),
        "health_budget_right",
        Does.NOTE,
        "ask, and it must agree",
        {},
    ),
    (
        "anyone else can ask for a health budget",
        family(health_right="neither"),
        "health_budget_ask",
        Does.NOTE,
        "it does not have to agree",
        {},
    ),
    (
        "health money is arranged by the NHS, not the council",
        family(items=[item(funding_stream="health", management="arranged")]),
        "health_arranged_by_nhs",
        Does.WARN,
        "choose: the NHS arranges it",
        {},
    ),
    (
        "choosing the NHS for health money is right",
        family(items=[item(funding_stream="health", management="nhs_arranged")]),
        "health_arranged_by_nhs",
        None,
        "",
        {},
    ),
    (
        "the NHS does not arrange social care or education support",
        family(items=[item(funding_stream="social_care", management="nhs_arranged")]),
        "nhs_arranges_only_health",
        Does.WARN,
        "The NHS only arranges support paid from health money",
        {},
    ),
    (
        "the NHS arranging health support is no warning",
        family(items=[item(funding_stream="health", management="nhs_arranged")]),
        "nhs_arranges_only_health",
        None,
        "",
        {},
    ),
    # --- Employers, agencies and the self-employed ---------------------------------------
    (
        "an employer sees every duty not yet ticked",
        family(
            money={"option": DP, "employ_pa": "yes"},
            items=[item(**PA, engaged="employed")],
            pa_tasks=["contract", "payroll"],
        ),
        "employer_duties",
        Does.WARN,
        "Check their right to work in the UK, Pay at least the minimum wage for their age",
        {},
    ),
    (
        "a family using only an agency has no employer duties",
        family(money={"option": DP, "employ_pa": "yes"}, items=[item(**PA, engaged="agency")]),
        "employer_duties",
        None,
        "",
        {},
    ),
    (
        "every duty ticked",
        family(
            money={"option": DP, "employ_pa": "yes"},
            items=[item(**PA, engaged="employed")],
            pa_tasks=[
                "right_to_work",
                "contract",
                "minimum_wage",
                "payroll",
                "sick_pay",
                "pension",
                "pension_declaration",
                "insurance",
                "dbs",
                "cover",
            ],
        ),
        "employer_duties_done",
        Does.NOTE,
        "Every employer duty on the checklist is ticked",
        {},
    ),
    (
        "an agency helper: the agency's own short checklist",
        family(items=[item(**PA, engaged="agency")]),
        "agency_helpers",
        Does.NOTE,
        "employed by the agency, not by you",
        {},
    ),
    (
        "a self-employed helper: their own short checklist",
        family(items=[item(**PA, engaged="self_employed")]),
        "self_employed_helpers",
        Does.NOTE,
        "must really run their own business",
        {},
    ),
    (
        "an employed helper paid below the minimum wage",
        family(
            money={"option": DP, "employ_pa": "yes"},
            items=[item(**{**PA, "unit_cost": "11.00"}, engaged="employed")],
        ),
        "below_minimum_wage",
        Does.WARN,
        "paid less than £12.71 an hour",
        {},
    ),
    (
        "an agency's price is not a wage",
        family(items=[item(**{**PA, "unit_cost": "11.00"}, engaged="agency")]),
        "below_minimum_wage",
        None,
        "",
        {},
    ),
    (
        "direct payment money is kept apart",
        family(money={"option": MIX}, items=[item(management=DP)]),
        "direct_payment_money",
        Does.NOTE,
        "Keep direct payment money in its own account",
        {},
    ),
]


def _words(plan: Plan, rule_id: str, locale: str = "en_GB") -> str:
    texts = texts_for(locale)
    found = next(r for r in load_rules() if r.id == rule_id)

    def t(key: str, **params: object) -> str:
        return texts.get(key, **{"name": plan.child.name, **params})

    return t(found.reason, **worded(found.words(plan), t))


@dataclass(frozen=True)
class Case:
    """One row of the table."""

    label: str
    plan: Plan
    rule_id: str
    does: Does | None
    says: str
    fits: dict[str, FitLevel]


CASES = [Case(*row) for row in ROWS]


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_each_rule_gives_its_verdict_and_reason(case: Case) -> None:
    label, plan, rule_id, does, says, fits = (
        case.label,
        case.plan,
        case.rule_id,
        case.does,
        case.says,
        case.fits,
    )
    applying = {r.id: r for r in load_rules() if r.applies(plan, TODAY)}
    if does is None:
        assert rule_id not in applying, label
        return
    assert rule_id in applying, label
    assert applying[rule_id].does is does
    assert says in _words(plan, rule_id), label
    levels = {f.option.value: f for f in assess(plan, TODAY)}
    for option, level in fits.items():
        assert levels[option].level is level, (label, option, levels[option].reasons)
        if does in (Does.BAR, Does.NEEDS):
            assert applying[rule_id].reason in [r.key for r in levels[option].reasons]


def test_the_table_has_forty_rows_and_every_rule_has_one() -> None:
    assert len(ROWS) >= 40
    covered = {row[2] for row in ROWS if row[3] is not None}
    assert {r.id for r in load_rules()} <= covered


def test_every_rule_names_its_source_and_reads_the_same_in_polish() -> None:
    for rule in load_rules():
        assert len(rule.source) > 10, rule.id
        plan = family()
        english, polish = _words(plan, rule.id), _words(plan, rule.id, "pl")
        assert english, rule.id
        assert polish, rule.id
        assert english != polish, rule.id


def test_a_legal_bar_makes_the_plan_not_ready_and_says_exactly_why() -> None:
    plan = family(
        money={"option": DP, "head_agreement": "refused"},
        items=[item(**IN_SCHOOL)],
        profile={"important_to": "Friends"},
        risks=[{"what": "Helper ill", "how_managed": "Dad covers"}],
        backup_plan="Dad",
        staying_in_control="We choose",
        actions=[{"task": "Ask the head", "who": "Mum"}],
    )
    missing = [m.key for m in readiness(plan, TODAY)]
    assert "rule.head_refused" in missing
    assert [m.node for m in readiness(plan, TODAY) if m.key == "rule.head_refused"] == [
        "head_agreement"
    ]


def test_an_unexplained_overspend_and_support_tied_to_no_outcome_are_not_ready() -> None:
    """The plan £50,000 over its budget with one outcome that said "all the parts are filled
    in": now it says what is missing."""
    plan = family(
        items=[item(unit_cost="53000", outcomes=[])],
        budget={"social_care": {"status": "known", "amount": "3000"}},
        profile={"important_to": "Friends"},
        risks=[{"what": "Helper ill", "how_managed": "Dad covers"}],
        backup_plan="Dad",
        staying_in_control="We choose",
        actions=[{"task": "Ask", "who": "Mum"}],
    )
    missing = {m.key for m in readiness(plan, TODAY)}
    assert {"ready.gap", "ready.outcome_links"} <= missing
    explained = plan.model_copy(update={"budget_gap": "Two years of need in one."})
    assert "ready.gap" not in {m.key for m in readiness(explained, TODAY)}


def test_overspending_one_funding_stream_needs_explaining_even_if_the_total_is_under() -> None:
    plan = family(
        items=[item(unit_cost="2000"), item(funding_stream="education", unit_cost="100")],
        budget={
            "social_care": {"status": "known", "amount": "1000"},
            "education": {"status": "known", "amount": "5000"},
        },
    )
    assert "ready.gap" in {m.key for m in readiness(plan, TODAY)}


# --- planner check -------------------------------------------------------------------------

SHIPPED = data_path("flows", "rules.yaml").read_text(encoding="utf-8")


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    return broken_copy(SHIPPED, old, new, tmp_path / "rules.yaml")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '    source: "Children and Families Act 2014, s38(2)(b)',
            '    source: ""\n    note: "Children and Families Act 2014, s38(2)(b)',
            "rule 'ask_within_draft_window'",
        ),
        (
            '    source: "Children and Families Act 2014, s38(2)(b)',
            '    unsourced: "Children and Families Act 2014, s38(2)(b)',
            "rule 'ask_within_draft_window'",
        ),
        (
            '      - {answer: money.court_order, in: ["yes"]}',
            '      - {answer: money.court_orders, in: ["yes"]}',
            "rule 'court_order' has a condition on an unknown answer 'money.court_orders'",
        ),
        (
            '      - {answer: money.court_order, in: ["yes"]}',
            '      - {answer: money.court_order, in: ["sometimes"]}',
            "rule 'court_order' compares 'money.court_order' with 'sometimes'",
        ),
        (
            "      - {fact: recipient_too_young}",
            "      - {fact: recipient_much_too_young}",
            "rule 'recipient_too_young' has a condition on an unknown fact",
        ),
        (
            "    reason: rule.court_order\n",
            "    reason: rule.court_order_missing\n",
            "rule 'court_order': the text 'rule.court_order_missing' is missing in en_GB",
        ),
        (
            "    node: pay_relative\n",
            "    node: pay_a_relative\n",
            "rule 'ask_about_relatives' names the question 'pay_a_relative'",
        ),
    ],
)
def test_check_refuses_a_rule_it_cannot_trust_and_names_it(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    path = _broken(tmp_path, old, new)
    problems = list(check_rules(load_flow(), path))
    assert any(expected in p for p in problems), problems
    result = subprocess.run(
        [sys.executable, "-m", "planner", "check", "--rules", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert expected in result.stdout


def test_a_rule_without_a_source_is_named_in_the_message() -> None:
    text = "rules:\n  - {id: x, when: [{fact: uses_direct_payment}], does: note, reason: rule.x}\n"
    with pytest.raises(RulesError) as raised:
        parse_rules(text)
    assert raised.value.problems == [
        "rule 'x' has no source (name the act, regulation or code paragraph)"
    ]
