"""Pinned pictures of the main screens at fixed sizes (pytest-textual-snapshot).

Textual is pinned exactly, so a changed picture means our layout changed. Update with
``pytest tests/test_snapshots.py --snapshot-update`` after looking at the difference.
"""

from __future__ import annotations

from typing import Any

from planner.services.examples import apply_example, find_example
from planner.services.session import open_session
from planner.services.start import Start
from planner.tui.app import PlannerApp

from .helpers import TODAY


def app_at(node: str, example_id: str = "kai") -> PlannerApp:
    example = find_example(example_id)
    assert example is not None
    session = open_session(None, today=TODAY)  # pictures do not change with the date
    apply_example(session.conversation, example, until=node)
    return PlannerApp(Start(session=session))


def test_welcome(snap_compare: Any) -> None:
    start = Start(session=open_session(None, today=TODAY))
    assert snap_compare(PlannerApp(start), terminal_size=(100, 30))


def test_a_choice_at_80_by_24(snap_compare: Any) -> None:
    assert snap_compare(app_at("ehcp_status"), terminal_size=(80, 24))


def test_a_money_question_with_an_error(snap_compare: Any) -> None:
    assert snap_compare(
        app_at("edu_budget_amount"), press=[*"1,2,3", "enter"], terminal_size=(100, 30)
    )


def test_the_support_list_and_plan_so_far(snap_compare: Any) -> None:
    assert snap_compare(app_at("risks"), press=["f5"], terminal_size=(140, 40))


def test_the_item_editor(snap_compare: Any) -> None:
    assert snap_compare(app_at("risks"), press=["a"], terminal_size=(120, 40))


def test_check_your_answers(snap_compare: Any) -> None:
    assert snap_compare(app_at("health_budget_status"), press=["f3"], terminal_size=(100, 30))


def test_high_contrast_theme(snap_compare: Any) -> None:
    assert snap_compare(app_at("known_person"), press=["f6"], terminal_size=(100, 30))
