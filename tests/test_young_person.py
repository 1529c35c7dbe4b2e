"""A young person planning for themselves (issue 23's first part): after "I am the young
person, planning for myself", every text speaks to them as "you", in line mode, in the
terminal app and in the core, in English and Polish; a parent's route still speaks of the
child by name."""

from __future__ import annotations

import re
from pathlib import Path
from statistics import mean

import pytest

from planner.dialogue.conversation import Conversation
from planner.dialogue.loader import load_flow
from planner.dialogue.prompt import Prompt, Result
from planner.services.examples import Example, apply_example, find_example

from .helpers import TODAY, plain_lines, plain_says

NOT_TO_THEM = {
    "en_GB": re.compile(r"your child|\bthe child\b|\b(she|he|her|his|him)\b", re.IGNORECASE),
    "pl": re.compile(r"twoje dziecko|twojego dziecka|dziecku|dla dziecka", re.IGNORECASE),
}
"""Words that speak of the young person, not to them (besides their name)."""


def _jess() -> Example:
    example = find_example("jess")
    assert example is not None
    assert example.answers["who"] == "2"  # Jess, 17, plans for herself
    return example


def _of_them(line: str, name: str, locale: str = "en_GB") -> bool:
    """Whether a line speaks of the young person rather than to them: "your child", a
    pronoun, or their name other than in "Jess, ..." (said to them)."""
    named = re.search(rf"\b{name}\b(?!,)", line) is not None
    return named or NOT_TO_THEM[locale].search(line) is not None


def test_line_mode_speaks_to_the_young_person_from_start_to_finish(tmp_path: Path) -> None:
    """Jess's whole plan typed into ``planner plain``: once she says the plan is her own,
    no line the planner writes calls her "your child", names her as someone else, or says
    "she"; her own words are not counted."""
    typed = plain_lines(_jess())
    out = plain_says(tmp_path, "\n".join(typed) + "\n")
    said = out.split("I am the young person, planning for myself", 1)[1]
    own = {line.strip() for line in typed}
    shown = [line for line in said.splitlines() if line.strip() and line.strip() not in own]
    assert len(shown) > 200  # the whole route, not a first screen
    assert "Goodbye for now." in out  # the whole plan: line mode said goodbye at the end
    assert [line for line in shown if _of_them(line, "Jess")] == []
    assert "What is important to you?" in said
    assert "Jess, this is your plan" in said


def _texts(prompt: Prompt) -> list[str]:
    return [prompt.text, *(n.text for n in prompt.notices), *(c.label for c in prompt.choices)]


def _walk(example: Example, locale: str) -> tuple[Conversation, list[str]]:
    """The example's answers given in the core, with every text the young person is shown
    once the plan is hers: each question, its notices and its options."""
    conv = Conversation(load_flow(), today=TODAY)
    conv.set_locale(locale)
    shown: list[str] = []
    answer = conv.answer

    def recorded(raw: str) -> Result:
        if conv.plan.by_young_person:
            shown.extend(_texts(conv.prompt()))
        return answer(raw)

    conv.answer = recorded  # type: ignore[method-assign]  # a recording spy
    apply_example(conv, example)
    assert conv.finished
    return conv, shown


@pytest.mark.parametrize("locale", ["en_GB", "pl"])
def test_every_question_on_the_route_speaks_to_them(locale: str) -> None:
    conv, shown = _walk(_jess(), locale)
    assert conv.plan.by_young_person
    assert len(shown) > 100
    assert [text for text in shown if _of_them(text, "Jess", locale)] == []


def test_a_parent_still_hears_about_their_child_by_name() -> None:
    example = find_example("kai")
    assert example is not None
    conv, _ = _walk(example, "en_GB")
    assert not conv.plan.by_young_person
    conv.change("important_to")
    assert conv.prompt().text.startswith("What is important to Kai?")


def test_the_young_persons_route_is_easy_to_read() -> None:
    """Its texts average a reading ease of at least 70 (Flesch), each sentence 25 words at
    most, counted on the texts of ten words or more the route shows."""
    from planner.content.readability import measure

    _, shown = _walk(_jess(), "en_GB")
    readings = [measure("route", text) for text in dict.fromkeys(shown)]
    eases = [r.ease for r in readings if r.ease is not None]
    assert len(eases) > 40
    assert mean(eases) >= 70, mean(eases)
    assert max(r.longest for r in readings) <= 25


async def test_the_terminal_app_speaks_to_the_young_person(tmp_path: Path) -> None:
    """The same route by keyboard in the app: at every question after the first two, the
    words on screen speak to Jess, not about her."""
    from planner.services.session import open_session
    from planner.services.start import Start
    from planner.tui.app import PlannerApp

    from .test_languages import screen_words
    from .tui_driver import answer_node

    example = _jess()
    app = PlannerApp(Start(session=open_session(tmp_path)))
    seen: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(200):
            if app.conv.finished:
                break
            if app.conv.plan.by_young_person:
                seen.append(screen_words(app))
            before = app.conv.node_id
            await answer_node(pilot, app, example)
            assert app.conv.node_id != before, f"stuck at {before}"
        assert app.conv.finished
    assert len(seen) > 40
    lines = [line for screen in seen for line in screen.splitlines()]
    # Allowed: the window's title and the echo of what she typed (her name), and the welcome,
    # said before she chose, while it stays on screen above the next question.
    ours = ("Support Planner · Jess", "You: Jess")
    welcome = app.conv.texts.get("node.welcome")
    said = [line for line in lines if line not in ours and line != welcome]
    assert [line for line in said if _of_them(line, "Jess")] == []


def test_asking_a_question_answers_the_young_person_about_themselves() -> None:
    """Jess asks what happens at 18 and whether she can decide: the answers about her own
    plan speak to her."""
    from planner.content.ask import ask
    from planner.services.examples import example_plan

    plan = example_plan(_jess(), today=TODAY)
    adult = ask("what happens at 18", plan=plan, today=TODAY).found[0]
    assert adult.yours.startswith("You turn 18 on 15 July 2027.")
    deciding = ask("can I decide for myself", plan=plan, today=TODAY).found[0]
    assert deciding.yours.startswith("You have finished Year 11, so you make these decisions")


DECISIONS = [
    ("budget", "Asking for the personal budget", "capacity"),
    ("plan", "The plan itself", "capacity"),
    ("money", "Who holds the money", "money_capacity"),
]
WAYS = [
    ("young_person", "Jess decides", False),
    ("with_support", "Jess decides, with help", False),
    ("for_them", "Jess cannot make this decision, even with help", True),
    ("not_sure", "We are not sure yet", True),
]


@pytest.mark.parametrize("made", DECISIONS)
@pytest.mark.parametrize("how", WAYS)
def test_each_decision_and_how_it_was_made_is_printed_in_every_format(
    made: tuple[str, str, str], how: tuple[str, str, bool]
) -> None:
    """Each big decision, each way it can be made: the plan prints who made it, and when
    someone else did, why; in every format a family can save."""
    from planner.domain.models import Decisions
    from planner.render.export import Format, render
    from planner.services.examples import example_plan

    (decision, label, why_field), (way, said, someone_else) = made, how
    plan = example_plan(_jess(), today=TODAY)
    why = "We met twice with pictures and a video."
    plan.decisions = Decisions.model_validate({decision: way, why_field: why})
    for fmt in (Format.MARKDOWN, Format.HTML, Format.DOCX, Format.PDF):
        data = render(plan, fmt, today=TODAY)
        text = _as_text(data, fmt)
        assert label in text, fmt
        assert said in text, fmt
        assert (why in text) is someone_else, fmt
    markdown = render(plan, Format.MARKDOWN, today=TODAY).decode()
    table = markdown.split("*Decisions, one at a time*", 1)[1].strip().split("\n\n", 1)[0]
    assert table.splitlines()[2:] == [
        f"| {label} | {said}{table.split(said, 1)[1].split(chr(10))[0]}"
    ]


def _as_text(data: bytes, fmt: object) -> str:
    """A saved plan's words, whatever its format."""
    import io

    from planner.render.export import Format

    if fmt is Format.DOCX:
        import docx

        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if fmt is Format.PDF:
        from pypdf import PdfReader

        pages = PdfReader(io.BytesIO(data)).pages
        return " ".join(" ".join(page.extract_text().split()) for page in pages)
    return data.decode("utf-8")


def test_someone_deciding_about_the_money_is_asked_why_and_flagged_until_said() -> None:
    """Kai at 17 with his dad deciding about the money: the conversation asks why, and until
    it is written the readiness check names it and goes to that question."""
    from planner.domain.readiness import readiness
    from planner.services.examples import example_plan

    example = find_example("kai")
    assert example is not None
    older = example.model_copy(
        update={"answers": {**example.answers, "child_dob": "10/03/2009", "money_decides": "3"}}
    )
    conv = Conversation(load_flow(), today=TODAY)
    apply_example(conv, older, until="money_capacity")
    assert conv.node_id == "money_capacity"
    assert conv.prompt().text.startswith("Why does someone else decide who holds the money?")
    answers = {**older.answers, "money_capacity": "We talked it through with pictures."}
    plan = example_plan(older.model_copy(update={"answers": answers}), today=TODAY)
    assert plan.decisions.money_capacity == "We talked it through with pictures."
    assert "money_capacity" not in [m.node for m in readiness(plan, TODAY)]
    plan.decisions.money_capacity = ""
    assert "money_capacity" in [m.node for m in readiness(plan, TODAY)]


def test_asking_for_the_budget_is_asked_only_when_the_plan_is_not_theirs_alone() -> None:
    """Jess decides about her plan herself, so she decides about asking for the budget too:
    recorded, not asked again. Kai at 17 decides with his dad's help, so it is asked."""
    jess, _ = _walk(_jess(), "en_GB")
    assert jess.plan.decisions.budget is not None
    assert jess.plan.decisions.budget.value == "young_person"
    assert "budget_decides" not in jess.state.answered
    example = find_example("kai")
    assert example is not None
    older = example.model_copy(update={"answers": {**example.answers, "child_dob": "10/03/2009"}})
    kai = Conversation(load_flow(), today=TODAY)
    apply_example(kai, older, until="budget_decides")
    assert kai.node_id == "budget_decides"
    assert kai.prompt().text.startswith("And who decides whether to ask the council")


def test_a_young_person_signs_their_own_plan_so_no_family_signature_is_asked_for() -> None:
    """Found in a trial as Mo, 17: his finished plan was held up by "Say who signs the plan
    for the family". His own name is printed where he signs; a parent's plan still needs a
    name for the family."""
    from planner.domain.readiness import readiness
    from planner.services.examples import example_plan

    jess = example_plan(_jess())
    unsigned = jess.model_copy(
        update={"agreeing": jess.agreeing.model_copy(update={"family_signs": ""})}
    )
    assert "ready.signs" not in [m.key for m in readiness(unsigned, TODAY)]
    kai = find_example("kai")
    assert kai is not None
    plan = example_plan(kai)
    plan = plan.model_copy(
        update={"agreeing": plan.agreeing.model_copy(update={"family_signs": ""})}
    )
    assert "ready.signs" in [m.key for m in readiness(plan, TODAY)]


@pytest.mark.parametrize("locale", ["en_GB", "pl"])
def test_every_tell_me_more_page_speaks_to_the_young_person(locale: str) -> None:
    """The longer help pages ("help" in line mode, the button in the app) on a young person's
    own route: none calls them "your child" or speaks of them; a parent's route keeps its
    pages (one names "your child")."""
    from planner.dialogue.checker import more_keys

    conv, _ = _walk(_jess(), locale)
    pages = sorted(more_keys(conv.flow))
    assert len(pages) >= 25
    for page in pages:
        text = conv.more_text(page)
        assert text is not None
        assert [line for line in text.splitlines() if _of_them(line, "Jess", locale)] == [], page
    assert "twoje" not in (conv.more_text("outcomes") or "").lower()
    parent = Conversation(load_flow(), today=TODAY)
    apply_example(parent, find_example("kai") or _jess())
    parent.set_locale(locale)
    said = parent.more_text("one_page_profile") or ""
    assert re.search(r"your child|twojego dziecka", said)
