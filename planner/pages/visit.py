"""One request to a family's pages: their plan, what they sent, and the page's common parts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planner.pages.html import STATIC_ADDRESS, Html, Problems, render

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation
    from planner.dialogue.prompt import Notice
    from planner.services.access import PageAccess
    from planner.services.library import Library
    from planner.services.session import Session

NAVIGATION = (
    ("steps", "page.nav_steps"),
    ("ask", "page.nav_ask"),
    ("glossary", "page.nav_glossary"),
    ("language", "page.nav_language"),
    ("save", "page.nav_save"),
    ("help", "page.nav_help"),
)
"""The links at the top of every page: (the page, its words)."""


@dataclass
class Family:
    """What the pages keep for one family's page session between requests."""

    session: Session
    library: Library | None = None
    """Where their plans are kept (None in a workshop room: memory only)."""
    said: list[Notice] = field(default_factory=list)
    """What the last answer brought up, to show once on the next page."""
    told: int = 0
    """How many of the session's saving problems the family has been told of."""
    access: PageAccess | None = None
    """What this page may do beyond its own plan (the caseload, on a keyworker's server)."""

    def __post_init__(self) -> None:
        self.take(self.session)

    @property
    def in_workshop(self) -> bool:
        """A workshop room's page: its plan is kept in memory only, never saved."""
        return self.library is None

    def take(self, session: Session) -> None:
        """Work on ``session`` from now on (another plan opened, or this one read again): in
        words for web pages, with any saving problem not yet said still to be said."""
        unsaid = self.session.problems[self.told :] if session is not self.session else []
        self.session, self.told = session, 0
        session.conversation.web = True
        session.problems[:0] = unsaid


@dataclass
class Visit:
    """One request: the family's plan, the page's address and what was sent with it."""

    family: Family
    base: str
    """The address of this family's pages, such as ``/p/<token>``."""
    csrf: str
    """The token every form sends back, so only these pages can send them."""
    form: Mapping[str, Sequence[str]] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    static: str = STATIC_ADDRESS

    @property
    def session(self) -> Session:
        return self.family.session

    @property
    def conv(self) -> Conversation:
        return self.family.session.conversation

    def t(self, key: str, **params: object) -> str:
        """A text in the family's language, in its words for web pages."""
        return self.conv.t(key, **params)

    def value(self, name: str) -> str:
        """One field sent with the form (blank when it was not)."""
        found = self.form.get(name, ())
        return found[0] if found else ""

    def values(self, name: str) -> list[str]:
        """Every value sent for a field (the boxes ticked)."""
        return list(self.form.get(name, ()))

    def _navigation(self) -> tuple[tuple[str, str], ...]:
        access = self.family.access
        keyworker = access is not None and access.asks_keyworker
        return (*NAVIGATION, ("caseload", "ui.caseload_title")) if keyworker else NAVIGATION

    def _notice(self, key: str, **params: object) -> Notice:
        from planner.dialogue.prompt import Notice

        return Notice(self.t(key, **params), serious=True)

    def page(
        self,
        template: str,
        title: str,
        *,
        problems: Problems | None = None,
        **context: Any,
    ) -> Html:
        """A page with what every page has: the language, the title (with "Error:" first when
        something needs putting right), the links at the top and the form token."""
        problems = problems or Problems()
        said, self.family.said = self.family.said, []
        failed = self.session.problems[self.family.told :]  # a save refused: said once, plainly
        self.family.told = len(self.session.problems)
        said = [*(self._notice(error.key, **error.params) for error in failed), *said]
        context.setdefault("heading", title)  # the page's <h1>: its title, unless it says
        heading = f"{self.t('page.error_prefix')} {title}" if problems else title
        return render(
            template,
            lang=self.conv.locale.replace("_", "-"),
            title=f"{heading} – {self.t('page.service')}",
            _=self.t,
            base=self.base,
            csrf=self.csrf,
            static=self.static,
            problems=problems,
            said=said,
            node=self.conv.node_id,
            navigation=[(f"{self.base}/{name}", self.t(key)) for name, key in self._navigation()],
            **context,
        )
