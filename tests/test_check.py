"""``planner check`` passes on the shipped flow and names the problem in broken copies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from planner.dialogue.checker import check_flow
from planner.dialogue.loader import flow_file

from .helpers import broken_copy

SHIPPED = flow_file().read_text(encoding="utf-8")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", "check", *args], capture_output=True, text=True
    )


def test_the_shipped_flow_passes() -> None:
    result = _run()
    assert result.returncode == 0, result.stdout
    assert "All good" in result.stdout


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    return broken_copy(SHIPPED, old, new, tmp_path / "broken.yaml")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    next: [{to: child_name}]",
            "    next: [{to: child_dob}]",
            "node 'child_name' cannot be reached from the start",
        ),
        (
            "{if: no_ehc_plan, to: ehcp_none_info}",
            "{if: no_such_guard, to: ehcp_none_info}",
            "unknown guard 'no_such_guard'",
        ),
        ("text: node.who\n", "text: node.who_is_it\n", "the text 'node.who_is_it' is missing"),
        (
            "store: child.name\n",
            "store: child.nickname\n",
            "'child.nickname', which is not in the plan",
        ),
        (
            "    next:\n      - {if: birth_date_missing, to: child_school_year}\n"
            "      - {to: ehcp_status}",
            "    next:\n      - {if: birth_date_missing, to: child_school_year}",
            "node 'child_dob' has no way on when no condition holds",
        ),
        ("{to: care_budget_status}", "{to: nowhere}", "goes to 'nowhere', which does not exist"),
        (
            "  period: [year, month, week]",
            "  period: [year, month, fortnight]",
            "offers 'fortnight'",
        ),
        (
            "more: step_budget",
            "more: step_budgets",
            "content/en_GB/more/step_budgets.md is missing",
        ),
        ("kind: say\n    step: welcome", "kind: shout\n    step: welcome", "nodes.welcome.kind"),
        ("start: welcome", "start: [oops", "not valid YAML"),
    ],
)
def test_a_broken_copy_fails_naming_the_problem(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    path = _broken(tmp_path, old, new)
    report = check_flow(path)
    assert not report.ok
    assert any(expected in problem for problem in report.problems), report.problems
    result = _run(str(path))
    assert result.returncode == 1
    assert expected in result.stdout


def test_a_missing_flow_file_is_reported(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "absent.yaml"))
    assert result.returncode == 1
    assert "there is no flow file here" in result.stdout
