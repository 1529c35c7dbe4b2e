"""What a front end may show and do, by where it runs: a terminal, or a page served to a browser.

A browser page is reachable by other people on the network, so it never lists other families'
plans: it opens another plan only with that plan's code and passphrase, and the caseload only
with the keyworker's passphrase. Built once per page (``planner.web.page``); a terminal gets the
default, which may do everything.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        """Open the caseload in this page if ``passphrase`` is the keyworker's."""
        from planner.store.crypto import passphrase_matches

        if self.keyworker_check and passphrase_matches(self.keyworker_check, passphrase):
            self.caseload_unlocked = True
        return self.caseload_unlocked
