"""Where a front end's plans are kept. Light to import: the core loads on first use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.dialogue.state import SessionState
    from planner.services.caseload import Caseload
    from planner.services.examples import Example
    from planner.services.session import Session
    from planner.store.database import Database


def _open_session(data_dir: Path | None, **options: Any) -> Session:
    from planner.services.session import open_session

    return open_session(data_dir, **options)


@dataclass
class Library:
    """Where a front end's plans are kept: it opens new and saved plans, and lists them.

    ``data_dir`` None keeps everything in memory. ``web_token`` names a browser page, which is
    linked to whichever plan it has open.
    """

    data_dir: Path | None
    web_token: str | None = None
    _store: Database | None = None

    @property
    def store(self) -> Database | None:
        """The plans database (opened on first use), or None in memory."""
        if self._store is None and self.data_dir is not None:
            from planner.store import open_store

            self._store = open_store(self.data_dir)
        return self._store

    def caseload(self) -> Caseload | None:
        """The saved plans, to list and act on (None in memory)."""
        from planner.services.caseload import Caseload

        store = self.store
        return Caseload(store) if store is not None else None

    def new(self, example: Example | None = None, *, at: str = "start") -> Session:
        """A new plan; with an ``example``, filled in with that family's answers.

        ``at="start"`` goes back to the welcome with every answer kept (a workshop walks
        through them); ``at="finish"`` stays at the end, where the draft plan is.
        """
        session = self._for_page(_open_session(self.data_dir, store=self.store))
        if example is not None:
            from planner.services.examples import apply_example

            apply_example(session.conversation, example)
            if at == "start":
                session.conversation.go_to_start()
        return session

    def for_page(self) -> Session:
        """A browser page's plan: the one its token is linked to, else a new one (linked from
        its first save). A linked plan that cannot be read gives a new one, never an error."""
        from planner.store.files import StoreError

        try:
            return self._for_page(
                _open_session(self.data_dir, web_token=self.web_token, store=self.store)
            )
        except StoreError:
            return self.new()

    def open(self, code: str, *, link: bool = True) -> Session:
        """A saved plan, by its code; ``link`` False keeps it from becoming a page's own."""
        session = _open_session(self.data_dir, resume=code, store=self.store)
        return self._for_page(session) if link else session

    def _for_page(self, session: Session) -> Session:
        session.web_token = self.web_token  # linked to the page from its first save
        return session

    def open_state(self, state: SessionState) -> Session:
        """A plan already read (one unlocked with its passphrase, say)."""
        session = self._for_page(_open_session(self.data_dir, store=self.store, state=state))
        if self.web_token and session.store is not None:
            session.store.link_session(self.web_token, state.plan.id)
        return session

    def open_locked(self, code: str, passphrase: str) -> Session:
        """A plan opened from another page with its code and passphrase. Raises ``StoreError``
        with the same message, in the same time, for a wrong code and a wrong passphrase."""
        store = self.store
        if store is None:
            from planner.store.files import StoreError

            raise StoreError("error.store.wrong_passphrase")
        return self.open_state(store.unlock(code, passphrase))
