"""Benchmark: how many answers each example family types in line mode to reach a draft plan.

The draft plan is ready at the end of step 2 ("Make my plan"), where it is offered as a file to
share before steps 3 to 7; before this work it came only at the very end. The answers to the
end of step 7 are reported beside it (``journeys.<id>.to_finish``).

Counted with :func:`planner.services.examples.typed_lines` (every line typed: answers, "add",
"done", blank optional fields; things said are read, not answered). The figures before people
came before items (issue 19) were measured the same way on commit b81b466, with the same
families written for that flow (Leo, the sparse family, as ``bench/leo_before.yaml``).
Target: at most half of the figure before.
"""

from __future__ import annotations

from planner.services.examples import load_examples, typed_lines

BEFORE = {"amira": 97, "jess": 86, "kai": 172, "leo": 75}
"""Answers per family on commit b81b466 (before this work)."""

TARGET_RATIO = 0.5

DRAFT = "draft_ready"
"""The node where the draft plan is ready and offered as a file."""


def run() -> dict[str, float]:
    """Answers per family now, and as a share of the count before."""
    figures: dict[str, float] = {}
    total_now = total_before = 0
    for example in load_examples():
        now = len(typed_lines(example, until=DRAFT))
        figures[f"journeys.{example.id}.answers"] = float(now)
        figures[f"journeys.{example.id}.to_finish"] = float(len(typed_lines(example)))
        if example.id in BEFORE:
            figures[f"journeys.{example.id}.ratio"] = now / BEFORE[example.id]
            total_now += now
            total_before += BEFORE[example.id]
    figures["journeys.all.ratio"] = total_now / total_before
    return figures
