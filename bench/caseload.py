"""Benchmark: listing and searching 1,000 saved plans, and the caseload screen showing them.

Measured on SQLite in a temporary folder, without and with encryption at rest (where each name
must be decrypted to be shown or searched). The floor for opening the screen, measured in the
same run: a minimal screen filling a bare ``DataTable`` with the same rows
(:func:`bench.floors.table_floor`). Target: opening at most 2 times its floor.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import update
from textual.widgets import DataTable, Input

from bench.floors import Frames, table_floor
from planner.dialogue.conversation import Conversation
from planner.dialogue.loader import load_flow
from planner.i18n import forget_formatted_moments
from planner.services.examples import apply_example, load_examples
from planner.store.database import Database
from planner.store.schema import plans, sqlite_url

TARGET_RATIO = 2.0
PLANS = 1000
NAMES = ["Amira", "Kai", "Jess", "Sam", "Rosa", "Leo", "Maya", "Noah", "Ava", "Zain"]


def fill(store: Database) -> None:
    """1,000 plans at different points, with different names, last changed at moments spread
    over two years (as a keyworker's caseload is, so no two rows share a date and time)."""
    flow = load_flow()
    examples = load_examples()
    now = datetime.now(UTC)
    for number in range(PLANS):
        conversation = Conversation(flow)
        apply_example(conversation, examples[number % len(examples)], until="outcomes")
        child = conversation.plan.child.model_copy(
            update={"name": f"{NAMES[number % len(NAMES)]} {number}"}
        )
        conversation.state.plan = conversation.plan.model_copy(update={"child": child})
        store.save(conversation.state)
        moment = now - timedelta(minutes=number * 1051 + number % 7)
        with store.engine.begin() as db:
            db.execute(
                update(plans).where(plans.c.id == conversation.plan.id).values(updated=moment)
            )


def timed(store: Database, search: str, repeats: int = 15) -> float:
    """Median milliseconds to list (or search) every plan."""
    store.saved_plans(search)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        store.saved_plans(search)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def on_screen(folder: Path, shown: list[list[str]]) -> dict[str, float]:
    """The caseload screen with 1,000 plans: opening it, and each keystroke in the search box,
    each until the frame with the rows that match is drawn. The rows it shows are added to
    ``shown``."""
    from planner.services.library import Library
    from planner.services.start import Mode, Start
    from planner.tui.app import PlannerApp
    from planner.tui.screens.plans import PlansScreen

    app = PlannerApp(Start(library=Library(folder), mode=Mode.KEYWORKER))
    drawn = Frames(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlansScreen)
        assert len(screen.rows) == PLANS
        opening, typing = [], []
        for _ in range(9):
            forget_formatted_moments()  # as opened for the first time in this process
            await pilot.pause()
            drawn.clear()
            start = time.perf_counter()
            screen.reload()
            opening.append((await drawn.wait() - start) * 1000)  # the frame with the rows
        table = screen.query_one("#cases", DataTable)
        shown.extend([str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count))
        search = screen.query_one("#search", Input)
        for _ in range(5):
            for text in ("m", "ma", "may", "maya", "may", "ma", "m", ""):
                search.value = text
                await pilot.pause()
                drawn.clear()
                start = time.perf_counter()
                screen.show()
                typing.append((await drawn.wait() - start) * 1000)
    return {
        "caseload.screen.open_ms": statistics.median(opening),
        "caseload.screen.keystroke_ms": statistics.median(typing),
        "caseload.screen.keystroke_max_ms": max(typing),
    }


def run() -> dict[str, float]:
    """List and search, plain and encrypted; then the caseload screen."""
    figures: dict[str, float] = {}
    for label, passphrase in (("plain", None), ("encrypted", "a long passphrase for the bench")):
        folder = Path(tempfile.mkdtemp(prefix="planner-caseload-"))
        store = Database(sqlite_url(folder), passphrase)
        fill(store)
        figures[f"caseload.{label}.list_ms"] = timed(store, "")
        figures[f"caseload.{label}.search_ms"] = timed(store, "maya")
        if passphrase is None:
            rows: list[list[str]] = []
            figures.update(asyncio.run(on_screen(folder, rows)))
            figures["caseload.screen.floor_ms"] = table_floor(rows)
            figures["caseload.screen.ratio"] = (
                figures["caseload.screen.open_ms"] / figures["caseload.screen.floor_ms"]
            )
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.1f}")
