"""Benchmark: every plan format for the largest example family.

Timed warm, with the template engine and writers already loaded (a second export in a session);
the first, cold export (imports included) is reported too. The floor, measured in the same run:
the same content written with the bare libraries (:func:`bench.floors.document_floor`). Target:
all formats together at most 1.5 times their floor.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import date

from bench.floors import document_floor
from planner.domain.models import Plan
from planner.render.export import Format, render
from planner.render.plan_document import build
from planner.services.examples import example_plan, load_examples

TARGET_RATIO = 1.5


def largest_plan() -> Plan:
    """The example plan with the most outcomes, support items, risks and tasks."""
    plans = [example_plan(e) for e in load_examples()]
    return max(
        plans,
        key=lambda p: len(p.outcomes) + len(p.support_items) + len(p.risks) + len(p.actions),
    )


def cold_ms() -> float:
    """One export of all four formats in a fresh process, imports included."""
    code = (
        "import time; t = time.perf_counter()\n"
        "from datetime import date\n"
        "from planner.services.examples import example_plan, find_example\n"
        "from planner.render.export import Format, render\n"
        "p = example_plan(find_example('kai'))\n"
        "t = time.perf_counter()\n"
        "[render(p, f, today=date(2026, 11, 22)) for f in Format]\n"
        "print((time.perf_counter() - t) * 1000)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def run(repeats: int = 15) -> dict[str, float]:
    """Time every format, warm, and its floor, alternately; the figures in milliseconds."""
    plan = largest_plan()
    today = date(2026, 11, 22)
    floor = document_floor(plan, build(plan, "en_GB", today))
    for fmt in Format:
        render(plan, fmt, today=today)
        floor[fmt.value]()
    ours: dict[str, list[float]] = {f.value: [] for f in Format}
    bare: dict[str, list[float]] = {f.value: [] for f in Format}
    for _ in range(repeats):
        for fmt in Format:
            begun = time.perf_counter()
            render(plan, fmt, today=today)
            ours[fmt.value].append((time.perf_counter() - begun) * 1000)
            begun = time.perf_counter()
            floor[fmt.value]()
            bare[fmt.value].append((time.perf_counter() - begun) * 1000)
    figures: dict[str, float] = {}
    for name, timings in ours.items():
        figures[f"documents.{name}.median_ms"] = statistics.median(timings)
        figures[f"documents.{name}.floor_ms"] = statistics.median(bare[name])
    total = [sum(each) for each in zip(*ours.values(), strict=True)]
    total_floor = [sum(each) for each in zip(*bare.values(), strict=True)]
    figures["documents.all.median_ms"] = statistics.median(total)
    figures["documents.all.floor_ms"] = statistics.median(total_floor)
    figures["documents.all.ratio"] = (
        figures["documents.all.median_ms"] / figures["documents.all.floor_ms"]
    )
    figures["documents.all.cold_ms"] = cold_ms()
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.1f}")
