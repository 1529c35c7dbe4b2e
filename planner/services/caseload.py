"""The list of saved plans (a family's own, or a keyworker's caseload): rows, search, filters,
and every action on a saved plan.

Pure and quick: the store is read once, and every keystroke in the search box filters the rows
in memory (about a millisecond for 1,000 plans).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from planner.dialogue.schema import Flow
from planner.i18n import Texts, fold
from planner.store.files import SavedPlan, StoreError

if TYPE_CHECKING:
    from pathlib import Path

    from planner.services.exporting import FileOut
    from planner.store.database import Database
    from planner.store.schema import Note

NOT_STARTED = 0
FINISHED = 8
"""Step numbers for a plan still at the welcome, and one past the seventh step."""


class Changed(StrEnum):
    """When a plan was last changed."""

    ANY = "any"
    WEEK = "week"
    MONTH = "month"
    STALE = "stale"
    """Not changed for three months or more: worth a call."""


@dataclass(frozen=True)
class CaseRow:
    """One saved plan as listed."""

    plan_id: str
    name: str
    step: int
    """0 not started, 1 to 7 the step reached, 8 finished."""
    updated: datetime
    noted: bool = False
    key: str = ""
    """The name folded for searching (no case, no accents)."""


@dataclass(frozen=True)
class CaseFilter:
    """What the list is narrowed to."""

    text: str = ""
    step: int | None = None
    changed: Changed = Changed.ANY
    noted_only: bool = False


def step_reached(flow: Flow, node_id: str) -> int:
    """The step a saved plan has reached, from the node it was left at."""
    node = flow.nodes.get(node_id)
    if node is None:
        return NOT_STARTED
    if node.kind == "finish":
        return FINISHED
    step = flow.step_of(node_id)
    return step.number if step is not None else NOT_STARTED


def case_rows(saved: Iterable[SavedPlan], flow: Flow, noted: set[str]) -> list[CaseRow]:
    """Rows for the saved plans, in the order given (most recently changed first)."""
    return [
        CaseRow(
            plan_id=p.plan_id,
            name=p.child_name,
            step=step_reached(flow, p.node),
            updated=p.updated,
            noted=p.plan_id in noted,
            key=fold(p.child_name),
        )
        for p in saved
    ]


def filter_rows(rows: Iterable[CaseRow], wanted: CaseFilter, now: datetime) -> list[CaseRow]:
    """The rows that match the search text and every filter."""
    text = fold(wanted.text.strip())
    newest = {
        Changed.WEEK: now - timedelta(days=7),
        Changed.MONTH: now - timedelta(days=30),
    }.get(wanted.changed)
    oldest = now - timedelta(days=91) if wanted.changed is Changed.STALE else None
    found = []
    for row in rows:
        if text and text not in row.key and not row.plan_id.startswith(wanted.text.strip()):
            continue
        if wanted.step is not None and row.step != wanted.step:
            continue
        if newest is not None and row.updated < newest:
            continue
        if oldest is not None and row.updated > oldest:
            continue
        if wanted.noted_only and not row.noted:
            continue
        found.append(row)
    return found


def step_words(texts: Texts, step: int, flow: Flow | None = None) -> str:
    """How far a plan has got, in a few words: "Getting started", "Step 3", "Finished". With
    the ``flow``, a step is named by its title ("Make my plan")."""
    if step == NOT_STARTED:
        return texts.get("ui.filter_step_0")
    if step == FINISHED:
        return texts.get("ui.filter_step_8")
    if flow is not None:
        return texts.get(flow.steps[step - 1].title)
    return texts.get("ui.step_short", number=step)


@dataclass(frozen=True)
class VersionRow:
    """One saved version of a plan, as listed."""

    number: int
    saved: datetime
    step: int


class Caseload:
    """The saved plans, for the list screen and the caseload: each action raises ``StoreError``
    (a message key) when it cannot be done, and the front end says it in words."""

    def __init__(self, store: Database, flow: Flow | None = None) -> None:
        self.store = store
        self._flow = flow

    @property
    def flow(self) -> Flow:
        """The flow the plans follow (loaded on first use)."""
        if self._flow is None:
            from planner.dialogue.loader import load_flow

            self._flow = load_flow()
        return self._flow

    def rows(self, *, notes: bool) -> list[CaseRow]:
        """Every saved plan as a row, most recently changed first."""
        noted = self.store.noted_plans() if notes else set()
        return case_rows(self.store.saved_plans(), self.flow, noted)

    def rename(self, plan_id: str, name: str) -> None:
        """List a plan under another name (a blank name is refused)."""
        if not name.strip():
            raise StoreError("error.text.empty")
        self.store.rename(plan_id, name)

    def copy(self, plan_id: str) -> str:
        """A copy of a plan under a new code; returns the new code."""
        return self.store.duplicate(plan_id)

    def delete(self, plan_id: str) -> None:
        """Delete a plan for good, with its versions, notes, lock and page links."""
        self.store.delete(plan_id)

    def versions(self, plan_id: str) -> list[VersionRow]:
        """Every saved version of a plan."""
        return [
            VersionRow(v.number, v.saved, step_reached(self.flow, v.node))
            for v in self.store.history(plan_id)
        ]

    def version_text(self, plan_id: str, number: int) -> str:
        """One saved version, as the plan document in Markdown."""
        from planner.render.export import plan_markdown

        state = self.store.version(plan_id, number)
        return plan_markdown(state.plan, state.locale)

    def restore(self, plan_id: str, number: int) -> None:
        """Make an earlier version the current one (kept as a new version: nothing is lost)."""
        self.store.restore(plan_id, number)

    def notes(self, plan_id: str) -> list[Note]:
        """A keyworker's notes on a plan, oldest first."""
        return self.store.notes(plan_id)

    def add_note(self, plan_id: str, text: str) -> None:
        """Add a keyworker's note (a blank one is refused)."""
        if not text.strip():
            raise StoreError("error.text.empty")
        self.store.add_note(plan_id, text)

    def plan_json(self, plan_id: str) -> FileOut:
        """A saved plan as a JSON file."""
        from planner.services.exporting import plan_json

        return plan_json(self.store.load(plan_id))

    def bring_in(self, path: Path) -> str:
        """Bring in a plan from a JSON file on this computer under a code of its own; nothing
        here is overwritten. Raises ``StoreError`` or ``PlanFileError``."""
        from planner.services.session import import_plan

        try:
            data = path.read_bytes()
        except OSError:
            raise StoreError("ui.import_cannot_read", path=str(path)) from None
        return import_plan(self.store, data)
