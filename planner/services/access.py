"""What a front end may show and do, by where it runs: a terminal, or a page served to a browser.

A browser page is reachable by other people on the network, so it never lists other families'
plans: it opens another plan only with that plan's code and passphrase, and the caseload only
with the keyworker's passphrase. Built once per page (``planner.web.page``); a terminal gets the
default, which may do everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.store.database import Database


KEYWORKER_TRIES = "keyworker"
"""Wrong keyworker passphrases are counted under this name."""


@dataclass
class PageAccess:
    """The access policy of one front end."""

    served: bool = False
    """Whether this is a browser page (under ``planner serve``)."""
    keyworker_check: str = ""
    """For a page of ``planner serve --keyworker``: the check value of the keyworker's
    passphrase (never the passphrase itself). Empty: pages never open the caseload."""
    caseload_unlocked: bool = False
    """Whether the keyworker's passphrase has opened the caseload in this page."""
    store: Database | None = None
    """Where wrong tries are counted, across every page (so a new page gives no fresh start)."""

    def may_list_plans(self) -> bool:
        """Whether the saved plans may be listed here."""
        return not self.served or self.caseload_unlocked

    @property
    def asks_keyworker(self) -> bool:
        """Whether opening plans here asks for the keyworker's passphrase (rather than a plan's
        code and passphrase)."""
        return self.served and bool(self.keyworker_check)

    @property
    def can_import(self) -> bool:
        """Whether a plan file on this computer can be brought in (a page has no upload)."""
        return not self.served

    @property
    def offers_lock(self) -> bool:
        """Whether saving offers a passphrase, to open the plan again from another page."""
        return self.served

    def unlock_caseload(self, passphrase: str) -> bool:
        """Open the caseload in this page if ``passphrase`` is the keyworker's. Raises
        ``StoreError`` while too many wrong tries in a row must wait."""
        from planner.store.crypto import passphrase_matches

        if self.store is not None:
            self.store.check_tries(KEYWORKER_TRIES)
        right = bool(self.keyworker_check) and passphrase_matches(self.keyworker_check, passphrase)
        if self.store is not None:
            self.store.note_try(KEYWORKER_TRIES, ok=right)
        self.caseload_unlocked = self.caseload_unlocked or right
        return self.caseload_unlocked

    @property
    def links_opened_plans(self) -> bool:
        """Whether a plan opened here becomes this page's own (a reload opens it again). Not
        one opened from the caseload: the page's address must never open a family's plan
        without the keyworker's passphrase."""
        return not self.caseload_unlocked
