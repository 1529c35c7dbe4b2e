"""Benchmark: listing and searching 1,000 saved plans. Target: under 100 ms.

Measured on SQLite in a temporary folder, without and with encryption at rest (where each name
must be decrypted to be shown or searched).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from planner.dialogue.conversation import Conversation
from planner.dialogue.loader import load_flow
from planner.examples import apply_example, load_examples
from planner.store.database import Database, sqlite_url

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


def run() -> dict[str, float]:
    """List and search, plain and encrypted."""
    figures: dict[str, float] = {}
    for label, passphrase in (("plain", None), ("encrypted", "a long passphrase for the bench")):
        folder = Path(tempfile.mkdtemp(prefix="planner-caseload-"))
        store = Database(sqlite_url(folder), passphrase)
        fill(store)
        figures[f"caseload.{label}.list_ms"] = timed(store, "")
        figures[f"caseload.{label}.search_ms"] = timed(store, "maya")
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.1f}")
