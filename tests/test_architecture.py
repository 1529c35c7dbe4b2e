"""The core never imports Textual: the dialogue, domain, texts and store run without a screen."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "planner"
FRONT_ENDS = {"tui", "web"}
LAUNCHERS = {"cli.py", "__main__.py"}


def _core_modules() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in FRONT_ENDS | LAUNCHERS
    ]


def _textual(names: set[str]) -> bool:
    return any(
        n == "textual" or n.startswith(("textual.", "planner.tui", "planner.web")) for n in names
    )


def _imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body if top_level_only else ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_names_textual() -> None:
    offenders = [str(p.relative_to(PACKAGE)) for p in _core_modules() if _textual(_imports(p))]
    assert offenders == []
    assert len(_core_modules()) > 20


def test_the_launcher_loads_the_app_only_when_it_is_asked_for() -> None:
    for name in LAUNCHERS:
        assert not _textual(_imports(PACKAGE / name, top_level_only=True)), name


def test_a_whole_journey_runs_without_loading_textual() -> None:
    script = (
        "import sys\n"
        "from planner.dialogue.conversation import Conversation\n"
        "from planner.dialogue.loader import load_flow\n"
        "from planner.examples import apply_example, load_examples\n"
        "from planner.dialogue.summary import draft_summary\n"
        "c = Conversation(load_flow())\n"
        "apply_example(c, load_examples()[0])\n"
        "draft_summary(c)\n"
        "assert c.finished\n"
        "loaded = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_the_first_frame_does_not_wait_for_the_core() -> None:
    """Starting the app imports the screen code only: the database, the models and the
    document writers load after the first frame."""
    import subprocess
    import sys

    script = (
        "import sys, planner.cli, planner.tui.app, planner.library, planner.store, "
        "planner.tui.screens.first\n"
        "heavy = [m for m in ('sqlalchemy', 'pydantic', 'jinja2', 'docx', 'transitions') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert found == ""
