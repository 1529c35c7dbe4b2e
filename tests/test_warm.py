"""The warm-up: what a family's first answers would otherwise pay for, done while they read the
first question. It must change nothing they see or keep, and never get in their way."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator

import pytest

from planner.domain.vocab import Role
from planner.services import warm
from planner.services.examples import apply_example, find_example
from planner.services.session import open_session
from planner.services.start import Start
from planner.tui import startup
from planner.tui.app import PlannerApp


def test_after_the_warm_up_no_check_of_the_plan_is_left_to_build() -> None:
    session = open_session(None)
    warm.run_all(session.conversation.locale)
    assert [model.__name__ for model in warm._models()] == []


def test_warming_up_changes_nothing_in_a_plan() -> None:
    conv = open_session(None).conversation
    kai = find_example("kai")
    assert kai is not None
    apply_example(conv, kai, until="like_about")
    before = conv.state.model_dump_json()
    for locale in ("en_GB", "pl"):
        warm.run_all(locale)
    assert conv.state.model_dump_json() == before
    assert conv.node_id == "like_about"


async def test_keys_pressed_while_the_app_warms_up_are_answers_taken_in_order() -> None:
    app = PlannerApp(Start(session=open_session(None)))
    async with app.run_test(size=(100, 30)) as pilot:
        done = startup.warmed(app)
        assert app.conv.node_id == "welcome"
        await pilot.press("enter")  # carry on, at once: the warm-up has only just begun
        await pilot.press("1")  # "I am a parent or carer"
        await asyncio.wait_for(done.wait(), 10)
        await pilot.pause()
        assert app.conv.node_id == "child_name"
        assert app.conv.plan.filled_in_by is Role.PARENT_CARER


async def test_a_step_of_the_warm_up_that_fails_is_left_and_the_family_carries_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    steps = warm.steps

    def broken(locale: str) -> Iterator[Callable[[], None]]:
        def fail() -> None:
            raise OSError("no data for this language")

        yield fail
        yield from steps(locale)

    monkeypatch.setattr(warm, "steps", broken)
    app = PlannerApp(Start(session=open_session(None)))
    async with app.run_test(size=(100, 30)) as pilot:
        await asyncio.wait_for(startup.warmed(app).wait(), 10)
        await pilot.press("enter", "1")
        await pilot.pause()
        assert app.conv.node_id == "child_name"


async def test_what_an_answer_leaves_behind_is_collected_while_the_family_reads() -> None:
    """The collector waits for the pause after an answer, rather than interrupting one; what
    is left over is still collected then, so a long session does not grow."""
    import weakref

    class Left:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the collector frees it

    app = PlannerApp(Start(session=open_session(None)))
    async with app.run_test(size=(100, 30)) as pilot:
        await asyncio.wait_for(startup.warmed(app).wait(), 10)
        left = Left()
        gone = weakref.ref(left)
        del left
        await pilot.press("enter")  # an answer: the next question is drawn, then tidied
        await pilot.pause()
        assert app.conv.node_id == "who"
        assert gone() is None
