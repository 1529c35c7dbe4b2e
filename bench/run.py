"""Run every benchmark, print a table of figures against their targets, and save the figures.

    python3 bench/run.py            # everything
    python3 bench/run.py startup    # only the named ones

The figures go to ``bench/results/latest.json`` (and a dated copy).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from bench import answers, ask, caseload, documents, journeys, room, startup  # noqa: E402

BENCHES: dict[str, Callable[[], dict[str, float]]] = {
    "startup": startup.run,
    "answers": answers.run,
    "documents": documents.run,
    "caseload": caseload.run,
    "room": room.run,
    "journeys": journeys.run,
    "ask": ask.run,
}

TARGETS: dict[str, tuple[str, float, str]] = {
    "startup.ratio": ("<=", startup.TARGET_RATIO, "× a minimal Textual app"),
    "answer.median_ms": ("<=", answers.TARGET_MEDIAN_MS, "ms"),
    "answer.p95_ms": ("<=", answers.TARGET_P95_MS, "ms"),
    "documents.all_four.median_ms": ("<", documents.TARGET_MS, "ms"),
    "caseload.plain.list_ms": ("<", caseload.TARGET_MS, "ms"),
    "caseload.plain.search_ms": ("<", caseload.TARGET_MS, "ms"),
    "caseload.encrypted.list_ms": ("<", caseload.TARGET_MS, "ms"),
    "caseload.encrypted.search_ms": ("<", caseload.TARGET_MS, "ms"),
    "caseload.screen.open_ms": ("<", caseload.TARGET_MS, "ms"),
    "caseload.screen.keystroke_max_ms": ("<", caseload.TARGET_MS, "ms"),
    "room.30.first_frame.p90_s": ("<", room.TARGET_P90_S, "s"),
    "room.30.uss_per_session_mib": ("<", room.TARGET_USS_MIB, "MiB"),
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
}


def verdict(name: str, value: float) -> str:
    """ "met" or "missed" for a figure with a target, else blank."""
    if name not in TARGETS:
        return ""
    op, target, _ = TARGETS[name]
    met = {"<=": value <= target, "<": value < target, ">=": value >= target}[op]
    return "met" if met else "MISSED"


def main(chosen: list[str]) -> int:
    figures: dict[str, float] = {}
    for name, bench in BENCHES.items():
        if chosen and name not in chosen:
            continue
        print(f"running {name}…", file=sys.stderr)
        figures.update(bench())
    width = max(len(n) for n in figures)
    print(f"{'figure':<{width}}  {'value':>10}  {'target':<28} result")
    for name, value in figures.items():
        target = ""
        if name in TARGETS:
            op, goal, unit = TARGETS[name]
            target = f"{op} {goal:g} {unit}"
        print(f"{name:<{width}}  {value:>10.3f}  {target:<28} {verdict(name, value)}")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    text = json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "figures": figures}, indent=2)
    (out / "latest.json").write_text(text + "\n")
    (out / time.strftime("%Y%m%d-%H%M%S.json")).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
