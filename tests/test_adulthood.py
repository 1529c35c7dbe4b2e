"""Preparing for adulthood (issue 23): from Year 9 the plan holds a transition plan (hopes,
outcomes in the four areas, the dates ahead, what changes at 18 with its law); and a parent
making the plan for a young person past Year 11 is asked the young person's own words at each
step, which the plan prints."""

from __future__ import annotations

import io
import re

import pytest

from planner.dialogue.conversation import Conversation
from planner.dialogue.prompt import Result
from planner.domain.models import Plan
from planner.render.export import Format, render
from planner.render.plan_document import build
from planner.render.writers import to_markdown
from planner.services.examples import Example, apply_example, example_plan, find_example

from .helpers import TODAY, new_conversation

TITLE = "Preparing for adulthood: the transition plan"
VIEWS = ["views_budget", "views_plan", "views_money", "views_support", "views_life", "views_review"]


def _example(example_id: str) -> Example:
    example = find_example(example_id)
    assert example is not None
    return example


def _markdown(plan: Plan, locale: str = "en_GB") -> str:
    return to_markdown(build(plan, locale, today=TODAY))


def _section(markdown: str, title: str = TITLE) -> str:
    start = markdown.index(f"## {title}")
    end = markdown.find("\n## ", start + 3)
    return markdown[start:end]


def _asked(example: Example) -> tuple[Conversation, list[str]]:
    """The example's answers given in the core, with each question asked, in order."""
    conv = new_conversation()
    asked: list[str] = []
    answer = conv.answer

    def recorded(raw: str) -> Result:
        if conv.node.kind != "say":
            asked.append(conv.node_id)
        return answer(raw)

    conv.answer = recorded  # type: ignore[method-assign]  # a recording spy
    apply_example(conv, example)
    assert conv.finished
    return conv, asked


@pytest.mark.parametrize("fmt", [f for f in Format if f is not Format.JSON])
def test_a_year_9_plan_holds_a_transition_plan_in_every_format(fmt: Format) -> None:
    """Ellie, in Year 9: the plan has the part on preparing for adulthood, with her four
    outcomes each under its area of adult life (in every format with tables)."""
    data = render(example_plan(_example("ellie")), fmt, "en_GB", today=TODAY)
    if fmt is Format.PDF:
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        text = re.sub(r"\s+", " ", text)
    elif fmt is Format.DOCX:
        import docx

        document = docx.Document(io.BytesIO(data))
        cells = [" | ".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
        text = "\n".join([p.text for p in document.paragraphs] + cells)
    else:
        text = data.decode("utf-8")
    assert TITLE in text
    for area, outcome in [
        ("Work, college or training", "Ellie will try a week of work experience in a café"),
        ("Living on my own more", "Ellie will make a simple meal on her own"),
        ("Friends and local life", "Ellie will walk to her dance class on her own"),
        ("Good health", "Ellie will know how to book her own doctor"),
    ]:
        assert area in text
        assert outcome in text
    assert "Ellie wants to work in a café" in text
    assert "Ellie turns 18" in text


def test_the_transition_plan_gives_the_dates_ahead_and_each_change_with_its_law() -> None:
    """The dates still to come, in order (Year 9 has started, so it is left out), and each
    change at 18 with where it comes from."""
    part = _section(_markdown(example_plan(_example("ellie"))))
    assert "Year 9 starts" not in part
    order = ["29 June 2029 | Year 11 ends", "15 May 2030 | Ask for the transition assessment"]
    order.append("15 May 2031 | Ellie turns 18")
    assert [part.index(row) for row in order] == sorted(part.index(row) for row in order)
    changes = [line for line in part.splitlines() if line.startswith("- ")]
    assert len(changes) == 7  # no health item: Ellie has no NHS continuing care
    assert all("Where this comes from: " in line for line in changes)
    assert any("transition assessment" in line and "Care Act 2014, s58" in line for line in changes)
    assert any("means-tested" in line and "s14 and s17" in line for line in changes)
    assert any(
        "up to 25" in line and "Children and Families Act 2014, s45" in line for line in changes
    )
    assert "continuing healthcare" not in part


def test_what_changes_at_18_follows_the_plan() -> None:
    """Continuing care brings the health item; without an EHC plan there is no line about the
    plan going on to 25."""
    jess = example_plan(_example("jess"))
    assert "Adult NHS continuing healthcare" in _section(_markdown(jess))
    ellie = example_plan(_example("ellie"))
    no_plan = ellie.model_copy(update={"ehcp_status": "none"})
    assert "up to 25" in _section(_markdown(ellie))
    assert "up to 25" not in _section(_markdown(no_plan))


def test_before_year_9_there_is_no_transition_plan_and_no_question_about_adult_life() -> None:
    """Leo is 9: no part on adulthood in his plan, and no question about adult life; Ellie, in
    Year 9, is asked."""
    assert TITLE not in _markdown(example_plan(_example("leo")))
    _, asked = _asked(_example("leo"))
    assert "adult_life" not in asked
    _, asked = _asked(_example("ellie"))
    assert "adult_life" in asked


def test_a_young_persons_own_transition_plan_speaks_to_them() -> None:
    """Jess's own plan: the dates and changes say "you", as she read them."""
    part = _section(_markdown(example_plan(_example("jess"))))
    assert "You turn 18" in part
    assert "After a check of your money, you may be asked to pay" in part
    assert "Jess turns 18" not in part


def test_the_transition_plan_in_polish() -> None:
    part = _section(
        _markdown(example_plan(_example("ellie")), "pl"),
        "Przygotowanie do dorosłości: plan przejścia",
    )
    assert "Ellie kończy 18 lat" in part
    assert "Poproś radę na piśmie o ocenę przejścia" in part
    assert "What changes at 18" not in part
    assert "Not written yet" not in part


def _jess_by_mum(words: dict[str, str]) -> Example:
    """Jess's answers, but her mum makes the plan for her."""
    jess = _example("jess")
    answers = {**jess.answers, "who": "1", **words}
    return jess.model_copy(update={"answers": answers})


def test_a_parent_of_a_young_person_is_asked_their_own_words_first_at_each_step() -> None:
    """Mum makes the plan for Jess, 17: each of six steps starts by asking what Jess says,
    and the plan prints her words step by step under her name."""
    words = {node: f"Jess said this in step {n}." for n, node in enumerate(VIEWS, 1)}
    conv, asked = _asked(_jess_by_mum(words))
    assert [node for node in asked if node.startswith("views_")] == VIEWS
    for node in VIEWS:
        step = conv.flow.nodes[node].step
        first = next(n for n in asked if conv.flow.nodes[n].step == step)
        assert first == node  # before any other question of that step
    conv.change("views_money")
    assert conv.prompt().text.startswith("Ask Jess first: who do they want to hold the money")
    part = _markdown(conv.plan)
    start = part.index("*What Jess said at each step*")
    table = part[start : part.index("\n\n", start + 40)]
    steps = ["Set my personal budget", "Make my plan", "Organise my money"]
    steps += ["Organise my support", "Live my life", "See how it's working"]
    rows = [line for line in table.splitlines() if line.startswith("| ")][2:]
    assert [row.split(" | ")[0].strip("| ") for row in rows] == steps
    assert "| Live my life | Jess said this in step 5. |" in table


def test_own_words_can_be_left_empty_and_are_then_left_out() -> None:
    conv, asked = _asked(_jess_by_mum({}))
    assert "views_plan" in asked  # asked, and Enter went on
    assert "What Jess said at each step" not in _markdown(conv.plan)


def test_a_young_person_planning_for_themselves_or_a_younger_child_is_not_asked() -> None:
    """Jess's own plan has only her words already; Ellie, 13, is not past Year 11."""
    for example_id in ("jess", "ellie"):
        _, asked = _asked(_example(example_id))
        assert not [node for node in asked if node.startswith("views_")]
