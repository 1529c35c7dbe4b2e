"""How a front end starts: one object, built by the CLI or a web page, handed to the app.

Light to import (the first frame waits for it): the core loads when a plan is opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from planner.services.access import PageAccess

if TYPE_CHECKING:
    from planner.services.library import Library
    from planner.services.session import Session


STARTED = "planner-started"
"""What a browser page's app tells the server that started it once its first screen is drawn
and settled: the server starts pages a few at a time (``planner.web.server``)."""


class Mode(StrEnum):
    """Who the planner is working for."""

    FAMILY = "family"
    KEYWORKER = "keyworker"
    """A keyworker's caseload: every family's plan, with practitioner notes."""
    WORKSHOP = "workshop"
    """A facilitated group session: in memory only, facilitator notes, a reset."""


@dataclass
class Start:
    """Everything the app needs to begin.

    With a ``session``, that plan is shown at once. Otherwise the welcome is drawn first and a
    plan is opened from the ``library`` just after (or the saved plans are offered first).
    """

    library: Library | None = None
    session: Session | None = None
    mode: Mode = Mode.FAMILY
    access: PageAccess = field(default_factory=PageAccess)
    saved: bool = False
    """Plans are already saved here: offer them before starting a new one."""
    example: str | None = None
    """In a workshop: the example family to start with (else the facilitator chooses)."""
    theme: str = "planner-calm"

    @property
    def keyworker(self) -> bool:
        """Whether this is a keyworker's caseload."""
        return self.mode is Mode.KEYWORKER

    @property
    def workshop(self) -> bool:
        """Whether this is a facilitated group session."""
        return self.mode is Mode.WORKSHOP

    @property
    def offers_plans(self) -> str:
        """Which list of saved plans the app shows first ("caseload" for a keyworker, "plans"
        when a family has some saved here), or "" when it starts a plan."""
        if self.library is None or self.session is not None or self.workshop:
            return ""
        return "caseload" if self.keyworker else "plans" if self.saved else ""
