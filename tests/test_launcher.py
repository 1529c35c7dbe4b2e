"""Textual's CSS parsed once: shared by every app in a process (the launcher's pages), and
kept on disk for the next start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import asyncio, json, sys
import textual.css.stylesheet as sheets
from planner.services.session import open_session
from planner.services.start import Start
from planner.tui.app import PlannerApp
from planner.tui.parsed_css import save_parsed_css

parsed = []
real_parse = sheets.parse
def counted(*args, **kwargs):
    parsed.append(1)
    return real_parse(*args, **kwargs)
sheets.parse = counted

async def first_screen(theme):
    app = PlannerApp(Start(session=open_session(None), theme=theme))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        return app.screen.styles.background.hex

seen = []
for theme in sys.argv[1:]:
    before = len(parsed)
    background = asyncio.run(first_screen(theme))
    seen.append({"parsed": len(parsed) - before, "background": background})
save_parsed_css()
print(json.dumps(seen))
"""


def _first_screens(cache: Path, *themes: str) -> list[dict[str, object]]:
    env = {**os.environ, "PLANNER_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *themes],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    seen: list[dict[str, object]] = json.loads(done.stdout)
    return seen


def test_a_second_app_reuses_the_css_parsed_for_the_first_and_a_new_theme_parses_its_own(
    tmp_path: Path,
) -> None:
    first, second, other_theme = _first_screens(
        tmp_path, "planner-calm", "planner-calm", "planner-contrast"
    )
    assert int(str(first["parsed"])) > 10  # the CSS of every widget on screen, and the app's
    assert second["parsed"] == 0  # all of it reused
    assert second["background"] == first["background"]
    assert int(str(other_theme["parsed"])) > 0  # other colours: other variables, parsed afresh
    assert other_theme["background"] != first["background"]


def test_the_next_start_reads_the_parsed_css_from_the_cache_folder(tmp_path: Path) -> None:
    (first,) = _first_screens(tmp_path, "planner-calm")
    assert int(str(first["parsed"])) > 10
    assert list(tmp_path.glob("css-*.pickle"))
    (again,) = _first_screens(tmp_path, "planner-calm")
    assert again == {"parsed": 0, "background": first["background"]}


def test_a_damaged_cache_file_only_means_parsing_again(tmp_path: Path) -> None:
    _first_screens(tmp_path, "planner-calm")
    (kept,) = tmp_path.glob("css-*.pickle")
    kept.write_bytes(b"not a pickle")
    (again,) = _first_screens(tmp_path, "planner-calm")
    assert int(str(again["parsed"])) > 10
