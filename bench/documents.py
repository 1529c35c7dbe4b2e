"""Benchmark: all four plan formats for the largest example family.

Target: under 150 ms in total, with the template engine and DOCX writer already loaded (a
second export in a session). The first, cold export (imports included) is reported too.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import date

from planner.domain.models import Plan
from planner.render.export import Format, render
from planner.services.examples import example_plan, load_examples

TARGET_MS = 150.0


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


def run(repeats: int = 20) -> dict[str, float]:
    """Time all four formats together, warm; returns the figures in milliseconds."""
    plan = largest_plan()
    today = date(2026, 11, 22)
    for fmt in Format:
        render(plan, fmt, today=today)
    totals = []
    per_format: dict[str, list[float]] = {f.value: [] for f in Format}
    for _ in range(repeats):
        start = time.perf_counter()
        for fmt in Format:
            begun = time.perf_counter()
            render(plan, fmt, today=today)
            per_format[fmt.value].append((time.perf_counter() - begun) * 1000)
        totals.append((time.perf_counter() - start) * 1000)
    figures = {f"documents.{k}.median_ms": statistics.median(v) for k, v in per_format.items()}
    figures["documents.all_four.median_ms"] = statistics.median(totals)
    figures["documents.all_four.cold_ms"] = cold_ms()
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.1f}")
