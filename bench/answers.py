"""Benchmark: from an answer to the next prompt drawn, over a whole example journey (headless).

Each answer goes through the app exactly as a key press would deliver it (the answer area's
message to the conversation screen), and the clock stops when the next prompt has been drawn
(the first frame after the answer, once the app has finished showing it; what the app does
after that frame is not counted).
The first answer is given once the app has warmed up (:mod:`planner.services.warm`), as it has
by the time a family has read the first question, and each answer once nothing has been drawn
for two frames' time (:meth:`bench.floors.Frames.quiet`), as when a family has read the question.
The floor, measured in the same run: a minimal Textual app replacing one ``Static`` with each
of the same prompts' text, timed the same way (:mod:`bench.floors`). Targets: the median at
most 2 times its floor, the 95th percentile at most 3 times. The journey and the floor take
turns, three times each (:data:`ROUNDS`), and the figures are over all their answers.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from bench.floors import Frames, answer_floor
from planner.dialogue.schema import InputKind
from planner.services.examples import find_example
from planner.services.session import open_session
from planner.services.start import Start
from planner.tui.app import PlannerApp
from planner.tui.screens.main import MainScreen
from planner.tui.startup import warmed
from planner.tui.widgets.answer import AnswerArea

TARGET_MEDIAN_RATIO = 2.0
TARGET_P95_RATIO = 3.0


async def journey(example_id: str = "kai", prompts: list[str] | None = None) -> list[float]:
    """Milliseconds from each answer to the moment the next prompt's frame goes to the terminal
    (the text of each prompt reached is added to ``prompts``)."""
    example = find_example(example_id)
    assert example is not None
    app = PlannerApp(Start(session=open_session(None)))
    drawn = Frames(app)
    timings: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await asyncio.wait_for(warmed(app).wait(), 10)  # the family reads the first question
        screen = app.screen
        assert isinstance(screen, MainScreen)
        conv = app.conv
        for _ in range(300):
            if conv.finished:
                break
            before = conv.node_id
            raw = _next_answer(conv, example.answers.get(conv.node_id, ""))
            await pilot.pause()  # settle, so the clock measures this answer only
            await drawn.quiet()  # and the frame timer is idle, as it is when a family answers
            drawn.clear()
            start = time.perf_counter()
            await screen._submitted(AnswerArea.Submitted(raw))  # the core, then the new view
            drawn_at = await drawn.after(time.perf_counter())  # the frame with the next prompt
            timings.append((drawn_at - start) * 1000)
            assert conv.node_id != before, f"the journey stopped at {before}"
            if prompts is not None:
                prompts.append(conv.prompt().text)
    return timings


def _next_answer(conv: Any, answer: object) -> str:
    if conv.node.input is InputKind.LIST:
        if not conv.items.all() and isinstance(answer, list):
            for item in answer:
                conv.items.save(item)
        return ""  # a blank answer finishes a list, as Enter does
    return answer if isinstance(answer, str) else ""


def _p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


ROUNDS = 3
"""The journey and its floor are taken in turn this many times. The machine's pace drifts
within a run: one journey then one floor put the median's ratio anywhere between 1.86 and 2.20
with the same code; taking turns puts both through the same drift."""


def run(rounds: int = ROUNDS) -> dict[str, float]:
    """Median and 95th percentile over the journeys, each beside its floor."""
    timings: list[float] = []
    floor: list[float] = []
    for _ in range(rounds):
        prompts: list[str] = []
        timings += asyncio.run(journey(prompts=prompts))
        floor += answer_floor(prompts)
    figures = {
        "answer.count": float(len(timings)),
        "answer.median_ms": statistics.median(timings),
        "answer.p95_ms": _p95(timings),
        "answer.floor.median_ms": statistics.median(floor),
        "answer.floor.p95_ms": _p95(floor),
    }
    figures["answer.median.ratio"] = figures["answer.median_ms"] / figures["answer.floor.median_ms"]
    figures["answer.p95.ratio"] = figures["answer.p95_ms"] / figures["answer.floor.p95_ms"]
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.1f}")
