"""The launcher's warm-up: what it shares with the pages it forks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import asyncio, json
import textual.css.stylesheet as sheets
from planner.services.session import open_session
from planner.services.start import Start
from planner.tui.app import PlannerApp
from planner.web.launcher import share_parsed_css

parsed = []
real_parse = sheets.parse
def counted(*args, **kwargs):
    parsed.append(1)
    return real_parse(*args, **kwargs)
sheets.parse = counted
share_parsed_css()

async def first_screen(theme):
    app = PlannerApp(Start(session=open_session(None), theme=theme))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        return str(app.screen.query_one("#answer").render()), app.screen.styles.background.hex

seen = []
for theme in ("planner-calm", "planner-calm", "planner-contrast"):
    before = len(parsed)
    screen, background = asyncio.run(first_screen(theme))
    seen.append({"parsed": len(parsed) - before, "background": background})
print(json.dumps(seen))
"""


def test_a_second_app_reuses_the_css_parsed_for_the_first_and_a_new_theme_parses_its_own() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    first, second, other_theme = json.loads(done.stdout)
    assert first["parsed"] > 10  # the CSS of every widget on screen, and the app's
    assert second["parsed"] == 0  # all of it reused
    assert second["background"] == first["background"]
    assert other_theme["parsed"] > 0  # other colours: other variables, parsed afresh
    assert other_theme["background"] != first["background"]
