"""Each family from the advice issue, replayed through ``planner plain``: the right advice where
the decision is made, and in the plan the family takes away."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planner.domain.models import Plan
from planner.domain.vocab import ItemManagement
from planner.render.export import Format, render
from planner.services.examples import Example, example_plan, find_example

from .helpers import TODAY, plain_lines
from .test_plain import plain


def _family(base: str, drop: tuple[str, ...] = (), **answers: Any) -> Example:
    example = find_example(base)
    assert example is not None
    kept = {k: v for k, v in example.answers.items() if k not in drop}
    return example.model_copy(update={"answers": {**kept, **answers}})


def journey(data_dir: Path, example: Example) -> tuple[str, str]:
    """What ``planner plain`` said on the way, and the plan it saved, as Markdown."""
    result = plain(data_dir, plain_lines(example))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    from planner.store import open_store

    store = open_store(data_dir)
    (saved,) = store.saved_plans()
    plan: Plan = store.load(saved.plan_id).plan
    return result.stdout, render(plan, Format.MARKDOWN, today=TODAY).decode()


def _after(said: str, question: str) -> str:
    """Everything said from a question's words on."""
    assert question in said
    return said[said.index(question) :]


def _fit(plan: str, way: str) -> str:
    line = next(line for line in plan.splitlines() if line.startswith(f"#### {way}:"))
    return line.split(":", 1)[1].strip()


def test_a_17_year_old_whose_head_teacher_says_no(tmp_path: Path) -> None:
    """The walk-through of "done": the head says no and the son is 17. The planner explains why
    a direct payment cannot pay for the part in school, says what can, records who decides, and
    the plan says so."""
    kai = _family(
        "kai",
        child_dob="10/03/2009",
        young_person_decides="with_support",
        decides_helped="His dad and his keyworker",
        money_decides="young_person",
        dp_recipient="young_person",
        head_agreement="refused",
    )
    said, plan = journey(tmp_path, kai)
    asked = _after(said, "Has the head teacher or principal agreed")
    assert "Not possible: The head teacher or principal has said no" in asked
    assert "The school, college or council can arrange that part instead." in asked
    assert "Needed first: A mix can still work." in asked
    assert "Kai is past compulsory school age. The law now starts from Kai" in said
    assert "| The plan itself | Kai decides, with help |  |" in plan
    assert "Who helped with the decisions: His dad and his keyworker." in plan
    assert "| Who holds the money | Kai decides |  |" in plan
    assert _fit(plan, "A direct payment") == "not possible for you now"
    assert _fit(plan, "Someone you choose holds the money") == "not possible for you now"
    assert "Not possible: The head teacher or principal has said no" in plan
    assert "Still to do before this plan is ready to share:" in plan


def test_a_court_order_never_leaves_a_direct_payment_suiting_us_well(tmp_path: Path) -> None:
    kai = _family("kai", court_order="yes", drop=("dp_recipient",))
    example = kai.model_copy(update={"answers": {**kai.answers, "dp_recipient": "2"}})
    said, plan = journey(tmp_path, example)
    assert "Needed first: A person under a court order" in _after(said, "court order")
    assert _fit(plan, "A direct payment") == "could work"
    assert "Needed first: A person under a court order" in plan
    assert "Still to do before this plan is ready to share:" in plan


def test_a_child_is_never_offered_as_the_one_who_holds_the_money(tmp_path: Path) -> None:
    """A 14-year-old: the money step offers a parent or a nominee only."""
    kai = _family("kai")
    assert kai.answers["child_dob"] == "03/02/2012", "Kai is 14, not past compulsory school age"
    said, plan = journey(tmp_path, kai)
    asked = _after(said, "Who would receive the direct payment?")
    options = asked.split("\n\n", 1)[0].splitlines()[1:]
    assert [line for line in options if line.startswith("  ")] == [
        "  1. Me, the parent or carer",
        "  2. Someone else we name (a nominee)",
    ]
    assert "- Who receives the direct payment: the parent or carer." in plan


def test_the_four_conditions_of_an_education_direct_payment_are_in_the_plan(
    tmp_path: Path,
) -> None:
    _, plan = journey(tmp_path, _family("kai"))
    assert "the council must be sure of four things" in plan
    assert "It does not harm support for other children. It is good value." in plan


def test_no_education_money_at_the_needs_assessment_stage(tmp_path: Path) -> None:
    """Amira's family is at the needs assessment: the budget step does not ask about education
    money, and says when it can be asked for."""
    said, plan = journey(tmp_path, _family("amira"))
    assert "How much is the education budget" not in said
    assert "once the council decides to write an EHC plan" in said
    assert "once the council decides to write an EHC plan" in plan


def test_the_budget_is_a_duty_refusals_come_in_writing_and_mediation_comes_first(
    tmp_path: Path,
) -> None:
    said, plan = journey(tmp_path, _family("kai", ehcp_status="draft_received"))
    assert "the council must work out a personal budget. This is a duty" in said
    assert "You have at least 15 days to comment on it" in said
    agreeing = _after(said, "Step 3 of 7")
    agreeing = agreeing[: agreeing.index("Step 4 of 7")]
    assert "First get advice about mediation" in agreeing
    assert "it must tell you in writing and give its reasons" in plan


def test_continuing_care_is_a_right_and_the_nhs_arranges_health_money(tmp_path: Path) -> None:
    said, plan = journey(tmp_path, _family("jess"))
    # Jess plans for herself: the rule speaks to her
    assert "You have a right to a personal health budget" in _after(said, "continuing care")
    assert "ask, and it must agree" in plan
    jess = find_example("jess")
    assert jess is not None
    plan_of_jess = example_plan(jess, today=TODAY)
    tablet = plan_of_jess.support_items[1].model_copy(
        update={"management": ItemManagement.NHS_ARRANGED}
    )
    arranged = plan_of_jess.model_copy(
        update={"support_items": [plan_of_jess.support_items[0], tablet]}
    )
    nhs = render(arranged, Format.MARKDOWN, today=TODAY).decode()
    rows = [line for line in nhs.splitlines() if line.startswith(f"| {tablet.what} |")]
    assert any("| Health | The NHS arranges it |" in row for row in rows)


def test_from_the_end_of_year_11_the_plan_says_who_decides_and_how(tmp_path: Path) -> None:
    jess = _family(
        "jess",
        who="1",  # her mum fills in the plan, as Jess cannot make this decision
        young_person_decides="for_them",
        decides_helped="Mum and an advocate",
        decides_capacity="We met twice with pictures; Jess could not weigh up the choices.",
    )
    said, plan = journey(tmp_path, jess)
    assert "How did you check whether Jess could make this decision?" in said
    assert (
        "| The plan itself | Jess cannot make this decision, even with help, so a parent or "
        "other person decides | We met twice with pictures" in plan
    )


def test_paying_a_close_relative_at_home_is_asked_and_needs_the_councils_agreement(
    tmp_path: Path,
) -> None:
    said, plan = journey(tmp_path, _family("kai", pay_relative="yes"))
    asked = _after(said, "Would the direct payment pay one")
    assert "Needed first: A direct payment for care can pay a close relative" in asked
    assert "only if the council agrees this is necessary" in plan


def test_employer_duties_are_complete_and_only_for_employers(tmp_path: Path) -> None:
    _, plan = journey(tmp_path, _family("kai"))
    for duty in (
        "Check their right to work in the UK",
        "Sick pay from the first day off sick",
        "Pay at least the minimum wage for their age",
        "Tell the Pensions Regulator you have done your pension duties",
    ):
        assert duty in plan
    _, jess = journey(tmp_path / "jess", _family("jess"))
    for employer_only in ("Employing someone: our checklist", "the law gives you duties"):
        assert employer_only in plan
        assert employer_only not in jess
    assert "employed by the agency, not by you" in jess


def test_figures_are_dated_estimates_are_called_so_and_readiness_is_honest(
    tmp_path: Path,
) -> None:
    _, plan = journey(tmp_path, _family("kai", edu_budget_amount="300 a year"))
    assert "Budget a year (known or estimated)" in plan
    assert "example figures for the 2026 to 2027 tax year" in plan
    assert "Still to do before this plan is ready to share:" in plan
    assert "Explain why the support costs more than the budget." in plan
