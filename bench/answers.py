"""Benchmark: from an answer to the next prompt drawn, over a whole example journey (headless).

Each answer goes through the app exactly as a key press would deliver it (the answer area's
message to the conversation screen), and the clock stops when the next prompt has been drawn.
Targets: median at most 40 ms, 95th percentile at most 80 ms.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from planner.dialogue.schema import InputKind
from planner.services.examples import find_example
from planner.services.session import open_session
from planner.services.start import Start
from planner.tui.app import PlannerApp
from planner.tui.screens.main import MainScreen
from planner.tui.widgets.answer import AnswerArea

TARGET_MEDIAN_MS = 40.0
TARGET_P95_MS = 80.0


async def journey(example_id: str = "kai") -> list[float]:
    """Milliseconds from each answer to the moment the next prompt's frame goes to the terminal."""
    example = find_example(example_id)
    assert example is not None
    app = PlannerApp(Start(session=open_session(None)))
    drawn = asyncio.Event()
    display = app._display

    def timed_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        drawn.set()

    app._display = timed_display  # type: ignore[method-assign]
    timings: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        conv = app.conv
        for _ in range(300):
            if conv.finished:
                break
            before = conv.node_id
            raw = _next_answer(conv, example.answers.get(conv.node_id, ""))
            await pilot.pause()  # settle, so the clock measures this answer only
            drawn.clear()
            start = time.perf_counter()
            await screen._submitted(AnswerArea.Submitted(raw))  # the core, then the new view
            await asyncio.wait_for(drawn.wait(), 5)  # the frame with the next prompt
            timings.append((time.perf_counter() - start) * 1000)
            assert conv.node_id != before, f"the journey stopped at {before}"
    return timings


def _next_answer(conv: Any, answer: object) -> str:
    if conv.node.input is InputKind.LIST:
        if not conv.items.all() and isinstance(answer, list):
            for item in answer:
                conv.items.save(item)
        return ""  # a blank answer finishes a list, as Enter does
    return answer if isinstance(answer, str) else ""


def run() -> dict[str, float]:
    """Median and 95th percentile over the journey."""
    timings = sorted(asyncio.run(journey()))
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return {
        "answer.count": float(len(timings)),
        "answer.median_ms": statistics.median(timings),
        "answer.p95_ms": p95,
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.1f}")
