"""Run every benchmark, print a table of figures against their targets, and save the figures.

    python3 bench/run.py            # everything
    python3 bench/run.py startup    # only the named ones
    python3 bench/run.py --check    # and exit 1 if a figure misses its target

The figures go to ``bench/results/latest.json`` (and a dated copy).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from bench import answers, ask, caseload, documents, journeys, pages, room, startup  # noqa: E402

BENCHES: dict[str, Callable[[], dict[str, float]]] = {
    "startup": startup.run,
    "answers": answers.run,
    "documents": documents.run,
    "caseload": caseload.run,
    "room": room.run,
    "journeys": journeys.run,
    "ask": ask.run,
    "pages": pages.run,
}

TARGETS: dict[str, tuple[str, float, str]] = {
    "startup.ratio": ("<=", startup.TARGET_RATIO, "× a minimal Textual app"),
    "startup.returning.ratio": ("<=", startup.TARGET_RATIO, "× a minimal Textual app"),
    "answer.median.ratio": ("<=", answers.TARGET_MEDIAN_RATIO, "× the minimal app's median"),
    "answer.p95.ratio": ("<=", answers.TARGET_P95_RATIO, "× the minimal app's 95th"),
    "documents.all.ratio": ("<=", documents.TARGET_RATIO, "× the bare libraries"),
    "caseload.screen.ratio": ("<=", caseload.TARGET_RATIO, "× a bare DataTable"),
    "room.ratio": ("<=", room.TARGET_ROOM_RATIO, "× pages × start CPU ÷ cores"),
    "room.start_cpu.ratio": ("<=", room.TARGET_START_CPU_RATIO, "× a page started afresh"),
    "room.memory.ratio": ("<=", room.TARGET_MEMORY_RATIO, "× a minimal served app"),
    "journeys.all.ratio": ("<=", journeys.TARGET_RATIO, "× the answers before"),
    "journeys.amira.ratio": ("<=", journeys.TARGET_RATIO, "× the answers before"),
    "journeys.jess.ratio": ("<=", journeys.TARGET_RATIO, "× the answers before"),
    "journeys.kai.ratio": ("<=", journeys.TARGET_RATIO, "× the answers before"),
    "journeys.leo.ratio": ("<=", journeys.TARGET_RATIO, "× the answers before"),
    "ask.en.top1": (">=", ask.TARGET_TOP1["en"], "share right first"),
    "ask.pl.top1": (">=", ask.TARGET_TOP1["pl"], "share right first"),
    "ask.en.top3": (">=", ask.TARGET_TOP3, "share in the first three"),
    "ask.pl.top3": (">=", ask.TARGET_TOP3, "share in the first three"),
    "ask.answer.p95_ms": ("<", ask.TARGET_ANSWER_MS, "ms"),
    "pages.answer.under_100ms": (">=", pages.TARGET_SHARE, "share of answers under 100 ms"),
    "pages.memory_per_family_mib": ("<", pages.TARGET_MIB, "MiB per family"),
}
"""Each figure with a target: how it compares, the target, and what it is measured against.
Timings are ratios to a floor measured in the same run, so they hold on any machine."""


def verdict(name: str, value: float) -> str:
    """ "met" or "MISSED" for a figure with a target, else blank."""
    if name not in TARGETS:
        return ""
    op, target, _ = TARGETS[name]
    met = {"<=": value <= target, "<": value < target, ">=": value >= target}[op]
    return "met" if met else "MISSED"


def machine() -> str:
    """The CPU model and the cores this process may use."""
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{model}, {len(os.sched_getaffinity(0))} cores"


def main(argv: list[str]) -> int:
    """Run the chosen benchmarks (all by default), print the table and save the figures; with
    ``--check``, exit 1 when a figure misses its target."""
    check = "--check" in argv
    chosen = [name for name in argv if name != "--check"]
    unknown = [name for name in chosen if name not in BENCHES]
    if unknown:
        print(f"no such benchmark: {', '.join(unknown)} (there are {', '.join(BENCHES)})")
        return 2
    figures: dict[str, float] = {}
    for name, bench in BENCHES.items():
        if chosen and name not in chosen:
            continue
        print(f"running {name}…", file=sys.stderr)
        figures.update(bench())
    width = max(len(n) for n in figures)
    print(machine())
    print(f"{'figure':<{width}}  {'value':>10}  {'target':<40} result")
    for name, value in figures.items():
        target = ""
        if name in TARGETS:
            op, goal, unit = TARGETS[name]
            target = f"{op} {goal:g} {unit}"
        print(f"{name:<{width}}  {value:>10.3f}  {target:<40} {verdict(name, value)}")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    when = time.strftime("%Y-%m-%d %H:%M")
    text = json.dumps({"when": when, "machine": machine(), "figures": figures}, indent=2)
    (out / "latest.json").write_text(text + "\n")
    (out / time.strftime("%Y%m%d-%H%M%S.json")).write_text(text + "\n")
    missed = [name for name, value in figures.items() if verdict(name, value) == "MISSED"]
    if check and missed:
        print(f"missed: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
