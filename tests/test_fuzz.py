"""Hostile words through every front end and every document: markup, control characters,
very long text and the specials of Markdown and HTML. Nothing crashes, and nothing changes
meaning: what is kept is what was typed (or it is refused with a plain message)."""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.plain.runner import PlainRunner
from planner.render.export import Format, render
from planner.render.jsonio import from_json, to_json
from planner.render.writers import md_inline
from planner.services.examples import find_example
from planner.services.library import Library
from planner.services.session import Session

SPECIALS = [
    "[/b]", "[b]", "[@click=app.quit]", "[red]", "[/]", "\\[", "\x1b[31m", "\x07", "\x00",
    "```", "~~~", "---", "===", "<script>alert(1)</script>", "&amp;", "| a |", "*_`", "# ",
    "1. ", "> ", "{name}", "{0}", "%s", "Zoë", "łąka", "🙂", "\u202e", "\r\n", "\t", "\\",
]  # fmt: skip
words = st.lists(
    st.one_of(st.sampled_from(SPECIALS), st.text(max_size=12)), min_size=1, max_size=10
).map("".join)
long_words = st.one_of(words, st.text(min_size=190, max_size=6000))


def _kai(data_dir: Path | None = None) -> Session:
    example = find_example("kai")
    assert example is not None
    return Library(data_dir).new(example, at="finish")


def _typed(session: Session, node: str, raw: str) -> tuple[bool, str]:
    """Type ``raw`` as the answer to ``node``; whether it was taken, and the message if not."""
    conv = session.conversation
    conv.change(node)
    result = conv.submit(raw)
    return result.ok, result.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=long_words, hope=words)
def test_hostile_answers_are_kept_as_typed_or_refused_plainly_and_every_document_is_whole(
    name: str, hope: str
) -> None:
    assume(name.strip() and hope.strip())
    session = _kai()
    conv = session.conversation
    taken, message = _typed(session, "child_name", name)
    if taken:
        assert conv.plan.child.name == name.strip()  # the same words, not read as markup
    else:
        assert message
        assert not message.startswith("error.")
    _typed(session, "important_to", hope)
    plan = conv.plan
    assert from_json(to_json(plan)) == plan
    for fmt in (Format.MARKDOWN, Format.HTML, Format.DOCX):
        data = render(plan, fmt)
        assert data
    page = render(plan, Format.HTML).decode()
    assert html.escape(plan.child.name, quote=False) in page
    assert "<script>alert" not in page
    markdown = render(plan, Format.MARKDOWN).decode()
    assert md_inline(plan.child.name) in markdown


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=words)
def test_line_mode_takes_hostile_words_without_breaking(name: str) -> None:
    assume(name.strip() and "\n" not in name and "\r" not in name)
    session = Library(None).new()
    out: list[str] = []
    PlainRunner(session, iter(["", "1", name, "quit"]), out.append).run()
    said = "\n".join(out)
    if session.conversation.plan.child.name:
        assert session.conversation.plan.child.name == name.strip()
    assert "Traceback" not in said


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=words, what=words)
def test_the_terminal_and_the_caseload_show_hostile_words_as_written(name: str, what: str) -> None:
    """The app's screens (the same app a browser page runs) with a hostile name and item."""
    import tempfile

    from planner.services.start import Mode, Start
    from planner.tui.app import PlannerApp

    assume(name.strip() and len(name) <= 200)
    folder = Path(tempfile.mkdtemp())
    session = _kai(folder)
    plan = session.conversation.plan
    plan.child.name = name
    shown = plan.child.name  # as the plan keeps it: control characters gone, one line
    assume(shown.strip())
    plan.support_items[0].what = what[:200] or "x"
    session.save_now()

    async def walk() -> None:
        app = PlannerApp(Start(library=Library(folder), session=session))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f5", "f3", "escape", "f9", "escape", "ctrl+r", "escape")
            await pilot.pause()
        caseload = PlannerApp(Start(library=Library(folder), mode=Mode.KEYWORKER))
        async with caseload.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("v", "escape", "o", "escape", "d", "escape", "c")
            await pilot.pause()
            assert any(shown in str(n.message) for n in caseload._notifications)

    asyncio.run(walk())
