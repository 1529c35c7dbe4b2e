"""Benchmark: listing and searching 1,000 saved plans. Target: under 100 ms.

Measured on SQLite in a temporary folder, without and with encryption at rest (where each name
must be decrypted to be shown or searched).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from textual.widgets import Input

from planner.dialogue.conversation import Conversation
from planner.dialogue.loader import load_flow
from planner.services.examples import apply_example, load_examples
from planner.store.database import Database
from planner.store.schema import sqlite_url

TARGET_MS = 100.0
PLANS = 1000
NAMES = ["Amira", "Kai", "Jess", "Sam", "Rosa", "Leo", "Maya", "Noah", "Ava", "Zain"]


def fill(store: Database) -> None:
    """1,000 plans at different points, with different names."""
    flow = load_flow()
    examples = load_examples()
    for number in range(PLANS):
        conversation = Conversation(flow)
        apply_example(conversation, examples[number % len(examples)], until="outcomes")
        child = conversation.plan.child.model_copy(
            update={"name": f"{NAMES[number % len(NAMES)]} {number}"}
        )
        conversation.state.plan = conversation.plan.model_copy(update={"child": child})
        store.save(conversation.state)


def timed(store: Database, search: str, repeats: int = 15) -> float:
    """Median milliseconds to list (or search) every plan."""
    store.saved_plans(search)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        store.saved_plans(search)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def on_screen(folder: Path) -> dict[str, float]:
    """The caseload screen with 1,000 plans: opening it, and each keystroke in the search box
    (the table redrawn with the rows that match)."""
    from planner.services.library import Library
    from planner.services.start import Mode, Start
    from planner.tui.app import PlannerApp
    from planner.tui.screens.plans import PlansScreen

    app = PlannerApp(Start(library=Library(folder), mode=Mode.KEYWORKER))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlansScreen)
        assert len(screen.rows) == PLANS
        opening, typing = [], []
        for _ in range(5):
            start = time.perf_counter()
            screen.reload()
            opening.append((time.perf_counter() - start) * 1000)
        search = screen.query_one("#search", Input)
        for _ in range(5):
            for text in ("m", "ma", "may", "maya", "may", "ma", "m", ""):
                search.value = text
                await pilot.pause()
                start = time.perf_counter()
                screen.show()
                typing.append((time.perf_counter() - start) * 1000)
    return {
        "caseload.screen.open_ms": statistics.median(opening),
        "caseload.screen.keystroke_ms": statistics.median(typing),
        "caseload.screen.keystroke_max_ms": max(typing),
    }


def run() -> dict[str, float]:
    """List and search, plain and encrypted; then the caseload screen."""
    import asyncio

    figures: dict[str, float] = {}
    for label, passphrase in (("plain", None), ("encrypted", "a long passphrase for the bench")):
        folder = Path(tempfile.mkdtemp(prefix="planner-caseload-"))
        store = Database(sqlite_url(folder), passphrase)
        fill(store)
        figures[f"caseload.{label}.list_ms"] = timed(store, "")
        figures[f"caseload.{label}.search_ms"] = timed(store, "maya")
        if passphrase is None:
            figures.update(asyncio.run(on_screen(folder)))
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.1f}")
