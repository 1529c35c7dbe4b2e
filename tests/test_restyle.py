"""The answer area's controls between questions: every kind made while the family reads the
first question, and each control's look after the focus moves, put back from the looks it had
before, the same as Textual works out itself, in every theme."""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import Button, OptionList, TextArea

from planner.services.session import open_session
from planner.services.start import Start
from planner.tui.app import PlannerApp
from planner.tui.startup import warmed
from planner.tui.widgets.answer import SHAPES, AnswerArea

from .test_tui import app_at


def _look(control: Widget) -> tuple[dict[str, Any], dict[str, Any]]:
    return dict(control.styles.base._rules), dict(control._component_styles)


def _as_textual_works_it_out(control: Widget) -> tuple[dict[str, Any], dict[str, Any]]:
    """The control's look as Textual works it out from the stylesheet now."""
    control.app.update_styles(control)
    return _look(control)


async def test_a_control_looks_as_textual_would_draw_it_after_each_move_of_the_focus() -> None:
    app = app_at("backup_plan")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#long", TextArea)
        save = app.screen.query_one("#long-save_long", Button)
        themes = []
        for _ in range(3):  # each theme, the focus there and back twice (the second time
            themes.append(app.theme)  # each control's look is put back, not worked out)
            for target in (save, box, save, box):
                target.focus()  # as Tab or a click does
                await pilot.pause()
                assert app.focused is target
                for control in (box, save):
                    shown = _look(control)
                    assert shown == _as_textual_works_it_out(control), (app.theme, control)
            assert getattr(save, "_looks", None) is not None  # kept, not worked out each time
            app.action_next_theme()  # as F6 does
            await pilot.pause()
        assert len(set(themes)) == 3


async def test_every_kind_of_input_is_made_while_the_first_question_is_read() -> None:
    app = PlannerApp(Start(session=open_session(None)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await warmed(app).wait()
        await pilot.pause()
        area = app.screen.query_one(AnswerArea)
        assert set(area._shapes) == set(SHAPES)
        shown = [w for w in area.query(Widget) if all(n.display for n in w.ancestors_with_self)]
        assert [w.id for w in shown if w.id] == ["say-carry_on", "answer-hint"]  # the welcome's
        named = [w.id for w in area.query(Widget) if w.id]  # (one Carry on, one Save each)
        assert len(named) == len(set(named)), "two controls of the answer area share an id"


async def test_a_question_whose_input_is_still_being_made_shows_it_once_made() -> None:
    app = PlannerApp(Start(session=open_session(None)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        area = app.screen.query_one(AnswerArea)
        for step in area.prepare():  # all started at once, none mounted yet
            step()
        await pilot.press("enter")  # the welcome's Carry on: the next question is a choice
        await pilot.pause()
        assert app.conv.node_id == "who"
        choices = app.screen.query("#choice")
        assert len(choices) == 1
        assert choices.first().display
        assert isinstance(app.focused, OptionList)
