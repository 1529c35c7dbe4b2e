"""The conversation drawn line by line: the newest lines show, earlier ones are a scroll away,
and its links still open what they name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from rich.segment import Segment
from textual import events
from textual.pilot import Pilot

from planner.services.session import open_session
from planner.services.start import Start
from planner.tui.app import PlannerApp
from planner.tui.widgets.transcript import Transcript

FIRST_QUESTION = "who is filling in this plan"


def _drawn(transcript: Transcript) -> str:
    """The words on the conversation's lines as they are drawn now, joined up."""
    lines = [transcript.render_line(y).text for y in range(transcript.content_size.height)]
    return " ".join(" ".join(line.replace("█", " ").split()) for line in lines)


@asynccontextmanager
async def _five_answers_given() -> AsyncIterator[tuple[PlannerApp, Pilot[str], Transcript]]:
    """A new plan in the app, five answers in: the conversation no longer fits."""
    app = PlannerApp(Start(session=open_session(None)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for keys in (["enter"], ["1"], [*"Kai", "enter"], [*"14/03/2015", "enter"], ["1"]):
            await pilot.press(*keys)
            await pilot.pause()
        yield app, pilot, app.screen.query_one(Transcript)


async def test_the_newest_lines_show_and_earlier_ones_are_a_scroll_away() -> None:
    async with _five_answers_given() as (app, pilot, transcript):
        newest = _drawn(transcript)
        assert "You: Yes, a final EHC plan" in newest
        assert FIRST_QUESTION not in newest

        transcript.focus()
        await pilot.press("pageup")
        await pilot.pause()
        assert FIRST_QUESTION in _drawn(transcript)
        await pilot.press("end")
        await pilot.pause()
        assert _drawn(transcript) == newest

        await pilot._post_mouse_events([events.MouseScrollUp], Transcript, offset=(10, 5))
        assert _drawn(transcript) != newest
        await pilot._post_mouse_events([events.MouseScrollDown], Transcript, offset=(10, 5))
        assert _drawn(transcript) == newest

        await pilot.press("home")  # back to the very start, then an answer: the newest again
        await pilot.pause()
        assert FIRST_QUESTION in _drawn(transcript)
        asked = app.conv.node_id
        await pilot.press("enter")  # the keys stay the answer's
        await pilot.pause()
        assert app.conv.node_id != asked
        assert FIRST_QUESTION not in _drawn(transcript)


async def test_a_glossary_word_in_the_conversation_opens_its_meaning() -> None:
    from planner.tui.screens.glossary import GlossaryScreen

    async with _five_answers_given() as (app, pilot, transcript):
        found = [
            (x, y)
            for y in range(transcript.content_size.height)
            for x, segment in _cells(transcript, y)
            if "screen.define" in str((segment.style.meta if segment.style else {}).get("@click"))
        ]
        assert found, "no glossary word is drawn as a link"
        x, y = found[0]
        await pilot.click(Transcript, offset=(x + transcript.styles.padding.left, y))
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)


def _cells(transcript: Transcript, y: int) -> list[tuple[int, Segment]]:
    """Each segment of a drawn line with the column it starts at."""
    x, found = 0, []
    for segment in transcript.render_line(y):
        found.append((x, segment))
        x += segment.cell_length
    return found


async def test_words_selected_with_the_mouse_can_be_copied_without_the_bars() -> None:
    from textual.geometry import Offset
    from textual.selection import Selection

    async with _five_answers_given() as (app, pilot, transcript):
        transcript.focus()
        await pilot.press("home")  # the oldest lines: a line drawn in row y is line y
        await pilot.pause()
        row = next(y for y in range(30) if FIRST_QUESTION in transcript.render_line(y).text)
        app.screen.selections = {transcript: Selection(Offset(0, row), Offset(60, row))}
        await pilot.pause()
        copied = app.screen.get_selected_text()
        assert copied is not None
        assert FIRST_QUESTION in copied
        assert "█" not in copied
        drawn = transcript.render_line(row)
        selected = app.screen.get_component_rich_style("screen--selection")
        assert any(segment.style and segment.style.bgcolor == selected.bgcolor for segment in drawn)


async def test_the_projector_theme_draws_the_conversation_again_with_more_room() -> None:
    app = PlannerApp(Start(session=open_session(None)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        transcript = app.screen.query_one(Transcript)
        assert transcript.render_line(1).text.startswith("█ Hello")
        for _ in range(5):
            if app.theme == "planner-large":
                break
            await pilot.press("f6")
            await pilot.pause()
        assert app.theme == "planner-large"
        assert transcript.render_line(1).text.strip() == "█"  # a padded bar above the words
        assert transcript.render_line(2).text.startswith("█  Hello")


async def test_a_new_message_shows_on_a_row_that_was_blank_before() -> None:
    """The conversation does not fill the screen yet: each new message is drawn on rows that
    were blank a moment before (a kept blank row must not stand in for it)."""
    app = PlannerApp(Start(session=open_session(None)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        transcript = app.screen.query_one(Transcript)
        assert FIRST_QUESTION not in _drawn(transcript)
        await pilot.press("enter")
        await pilot.pause()
        assert FIRST_QUESTION in _drawn(transcript)
        await pilot.press("1")
        await pilot.pause()
        assert "You: I am a parent or carer" in _drawn(transcript)
        drawn = "".join(
            strip.text for strip in transcript.render_lines(transcript.region.reset_offset)
        )
        assert "You: I am a parent or carer" in drawn  # the rows the screen is given, too


async def test_rows_kept_for_drawing_stay_within_a_few_screens() -> None:
    """A long session keeps the rows it may draw again, not every row it ever drew."""
    app = PlannerApp(Start(session=open_session(None)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        transcript = app.screen.query_one(Transcript)
        for number in range(200):
            transcript.add(f"Message {number}", "note", "en_GB")
            await pilot.pause()
        assert "Message 199" in _drawn(transcript)
        assert len(transcript._rows) <= 4 * transcript.content_size.height
