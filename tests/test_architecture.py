"""The shape of the code: layers a tool checks, no module too big to live in, and a core that
runs without a screen. See docs/architecture.md.

import-linter reads the static import graph, so it cannot tell an import at the top of a module
from one deferred into the function that needs it; the start-up tests here run the imports in a
fresh interpreter and look at what really loaded.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "planner"
MAX_LINES = 400
MAX_APP_LINES = 300
FRONT_ENDS = {"tui", "web", "cli"}


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the package under ``root`` with the contracts in its pyproject."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--config",
            str(root / "pyproject.toml"),
            "--no-cache",
        ],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


def test_every_layer_contract_holds() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def lint_with(tmp_path: Path, module: str, line: str) -> subprocess.CompletedProcess[str]:
    """import-linter on a copy of the package where ``module`` (a path under ``planner/``)
    has ``line`` added at its end."""
    shutil.copytree(PACKAGE, tmp_path / "planner", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    changed = tmp_path / "planner" / module
    changed.write_text(changed.read_text() + f"\n{line}  # noqa: E402\n")
    return _lint_imports(tmp_path)


@pytest.mark.slow
def test_a_domain_module_that_imports_the_terminal_app_breaks_the_contracts(
    tmp_path: Path,
) -> None:
    result = lint_with(tmp_path, "domain/money.py", "from planner.tui import keys")
    assert result.returncode != 0
    assert "planner.domain.money -> planner.tui.keys" in result.stdout


@pytest.mark.slow
def test_a_simple_page_with_a_rule_of_its_own_breaks_the_contracts(tmp_path: Path) -> None:
    """The pages reach the plan through the dialogue core only: a page that imports the rules
    (to hold its own copy of one) fails the build."""
    result = lint_with(tmp_path, "pages/question.py", "from planner.domain import rules")
    assert result.returncode != 0
    assert "The web pages hold no rules of their own" in result.stdout
    assert "planner.pages.question -> planner.domain.rules" in result.stdout


def modules_over(folder: Path, limit: int) -> list[str]:
    """The Python modules under ``folder`` with more than ``limit`` lines."""
    return sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*.py")
        if len(path.read_text(encoding="utf-8").splitlines()) > limit
    )


def test_no_module_is_over_400_lines_and_the_app_is_a_shell() -> None:
    assert modules_over(PACKAGE, MAX_LINES) == []
    app = (PACKAGE / "tui" / "app.py").read_text(encoding="utf-8").splitlines()
    assert len(app) < MAX_APP_LINES


def test_the_size_check_catches_a_401_line_module(tmp_path: Path) -> None:
    (tmp_path / "fine.py").write_text("x = 1\n" * MAX_LINES)
    (tmp_path / "big.py").write_text("x = 1\n" * (MAX_LINES + 1))
    assert modules_over(tmp_path, MAX_LINES) == ["big.py"]


def test_every_folder_of_modules_is_a_package() -> None:
    """A folder without ``__init__.py`` falls out of the import graph the tool checks."""
    folders = {path.parent for path in PACKAGE.rglob("*.py") if "_data" not in path.parts}
    assert [str(f) for f in folders if not (f / "__init__.py").exists()] == []


def _imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body if top_level_only else ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_names_textual_even_in_a_function() -> None:
    core = [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in FRONT_ENDS]
    textual = [
        str(p.relative_to(PACKAGE))
        for p in core
        if any(n == "textual" or n.startswith(("textual.", "planner.tui")) for n in _imports(p))
    ]
    assert textual == []
    assert len(core) > 40


def _loaded_after(statement: str) -> set[str]:
    script = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_a_whole_journey_runs_without_loading_textual() -> None:
    loaded = _loaded_after(
        "from planner.dialogue.summary import draft_summary\n"
        "from planner.services.examples import load_examples\n"
        "from planner.services.library import Library\n"
        "s = Library(None).new(load_examples()[0], at='finish')\n"
        "draft_summary(s.conversation)\n"
        "assert s.conversation.finished"
    )
    assert not [m for m in loaded if m == "textual" or m.startswith("textual.")]


def test_the_first_frame_does_not_wait_for_the_core() -> None:
    """Starting the app imports the screen code only: the database, the models and the
    document writers load after the first frame."""
    loaded = _loaded_after(
        "import planner.cli, planner.tui.app, planner.services.library, planner.store, "
        "planner.services.start, planner.tui.keys, planner.tui.themes, "
        "planner.tui.screens.first"
    )
    heavy = {"sqlalchemy", "pydantic", "jinja2", "docx", "transitions", "bm25s", "numpy"}
    assert sorted(heavy & loaded) == []
    screens = {"planner.tui.screens.main", "planner.tui.screens.plans"}
    assert sorted(screens & loaded) == []


def test_a_family_coming_back_is_not_kept_waiting_for_the_store(tmp_path: Path) -> None:
    """With plans saved here (and no passphrase), what the command line does before the app
    starts (is a passphrase needed? are there plans to offer?) loads neither the database code
    nor the plan models: they load after the first frame, when the list opens."""
    from planner.services.library import Library

    Library(tmp_path).new().save_now()
    loaded = _loaded_after(
        "from planner.cli.parser import build_parser\n"
        "from planner.cli.run import _start\n"
        "from planner.cli.unlock import unlock_store\n"
        "from planner.services.start import Mode\n"
        f"args = build_parser().parse_args(['--data-dir', {str(tmp_path)!r}, 'app'])\n"
        "assert unlock_store(args, 'app') is None\n"
        "start = _start(args, Mode.FAMILY)\n"
        "assert start is not None and start.offers_plans == 'plans'"
    )
    assert sorted({"sqlalchemy", "pydantic"} & loaded) == []


def test_the_search_index_loads_only_when_a_question_is_asked() -> None:
    """ "Ask anything" costs nothing until it is used: opening the main screen, the ask screen
    and line mode's commands loads neither the BM25 library, NumPy nor the stemmers."""
    loaded = _loaded_after(
        "import planner.tui.screens.main, planner.tui.screens.ask, planner.plain.commands"
    )
    assert sorted({"bm25s", "numpy", "Stemmer"} & loaded) == []
    asked = _loaded_after("from planner.content.ask import ask\nask('can we pay nan')")
    assert {"bm25s", "Stemmer"} <= asked


def test_importing_the_services_package_loads_none_of_its_modules() -> None:
    loaded = _loaded_after("import planner.services")
    assert sorted(m for m in loaded if m.startswith("planner.services.")) == []
