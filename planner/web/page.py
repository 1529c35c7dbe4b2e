"""One browser page's app: what the server tells it, and how it starts.

The server and a page meet only through the environment (textual-serve's "the server knows a
command, not the app"): :class:`PageConfig` is the one place that writes and reads it. A page
runs forked from the pre-started launcher, or on its own as ``python -m planner.web.page``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.web.processes import end_with_parent

if TYPE_CHECKING:
    from planner.services.start import Start

TOKEN_ENV = "PLANNER_WEB_SESSION"
DATA_ENV = "PLANNER_PAGE_DATA"
KEYWORKER_ENV = "PLANNER_KEYWORKER_CHECK"

WEB_ENVIRONMENT = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
}
"""What textual-serve gives each app; Textual reads it when imported, so it is set first."""


@dataclass(frozen=True)
class PageConfig:
    """What the server tells one page's app."""

    token: str
    """The page's session token: its plan is linked to it, so a reload finds the same plan."""
    data_dir: Path | None
    """Where plans are saved; None for a workshop room (in memory, gone with the page)."""
    keyworker_check: str = ""
    """For ``serve --keyworker``: the check value of the keyworker's passphrase."""

    def to_env(self) -> dict[str, str]:
        """The page's environment variables."""
        return {
            TOKEN_ENV: self.token,
            DATA_ENV: str(self.data_dir) if self.data_dir is not None else "",
            KEYWORKER_ENV: self.keyworker_check,
        }

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> PageConfig:
        """The page's configuration, read back from its environment."""
        data = env.get(DATA_ENV, "")
        return cls(
            token=env.get(TOKEN_ENV, ""),
            data_dir=Path(data) if data else None,
            keyworker_check=env.get(KEYWORKER_ENV, ""),
        )

    def start(self) -> Start:
        """How the page's app starts: its own plan at once (a page never lists plans)."""
        from planner.services.access import PageAccess
        from planner.services.library import Library
        from planner.services.start import Mode, Start

        if self.data_dir is None:  # a workshop room: its own plan, in memory only
            return Start(session=Library(None).new())
        library = Library(self.data_dir, web_token=self.token)
        access = PageAccess(served=True, keyworker_check=self.keyworker_check, store=library.store)
        mode = Mode.KEYWORKER if self.keyworker_check else Mode.FAMILY
        return Start(library=library, session=library.for_page(), mode=mode, access=access)


def run_page(config: PageConfig) -> int:
    """Run one page's app until the page closes (or the server goes away)."""
    end_with_parent()
    from planner.tui.app import PlannerApp

    PlannerApp(config.start()).run()
    return 0


def main() -> int:
    """Run the page this process's environment describes: forked by the launcher, or started on
    its own (``argv[1]`` then names the data folder only so that it shows in the process list).
    An unexpected error ends the page quietly: the family's answers are already saved, and the
    page's output goes to the server, not to the family. ``PLANNER_DEBUG=1`` raises it."""
    try:
        return run_page(PageConfig.from_env(os.environ))
    except Exception:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        return 1


if __name__ == "__main__":
    os.environ.update(WEB_ENVIRONMENT)
    sys.exit(main())
