"""Browser pages and passphrases: lock this plan, open another plan with its code and
passphrase, open the caseload with the keyworker's passphrase.

Each dialog is a form whose check does the work through a service; a refusal is shown in the
form, with what was typed kept, and the dialog closes only on success.
"""

from __future__ import annotations

from planner.i18n import Texts
from planner.services.access import PageAccess
from planner.services.library import Library
from planner.services.session import Session
from planner.store.files import StoreError
from planner.tui.screens.dialogs import Field, FormDialog


class LockPlanDialog(FormDialog):
    """Ctrl+S in a browser page: the plan's code, and a passphrase (typed twice) to open it
    from another page."""

    def __init__(self, session: Session, texts: Texts) -> None:
        self.session = session
        self.texts = texts
        t, code = texts.get, session.code
        intro = t("ui.lock_intro_again" if session.is_locked() else "ui.lock_intro", code=code)
        super().__init__(
            t("ui.lock_title"),
            f"{intro}\n\n{t('ui.lock_advice')}",
            [
                Field("passphrase", t("ui.lock_passphrase"), secret=True),
                Field("again", t("ui.lock_again"), secret=True),
            ],
            ok=t("ui.lock_ok"),
            close=t("ui.close"),
            check=self._lock,
        )

    def _lock(self, values: dict[str, str]) -> str | None:
        try:
            self.session.lock(values["passphrase"], values["again"])
        except StoreError as error:
            return self.texts.get(error.key, **error.params)
        self.notify(self.texts.get("ui.lock_done", code=self.session.code), timeout=15)
        return None


class UnlockPlanDialog(FormDialog):
    """Ctrl+O in a browser page: another plan, opened with its code and passphrase. The same
    message, in the same time, for a wrong code and a wrong passphrase."""

    def __init__(self, library: Library, texts: Texts) -> None:
        self.library = library
        self.texts = texts
        self.opened: Session | None = None
        t = texts.get
        super().__init__(
            t("ui.unlock_title"),
            t("ui.unlock_intro"),
            [
                Field("code", t("ui.unlock_code")),
                Field("passphrase", t("ui.unlock_passphrase"), secret=True),
            ],
            ok=t("ui.unlock_ok"),
            close=t("ui.close"),
            check=self._open,
        )

    def _open(self, values: dict[str, str]) -> str | None:
        try:
            self.opened = self.library.open_locked(values["code"], values["passphrase"])
        except StoreError as error:
            return self.texts.get(error.key, **error.params)
        return None


class KeyworkerDialog(FormDialog):
    """Ctrl+O in a page of ``serve --keyworker``: the caseload, with the keyworker's passphrase."""

    def __init__(self, access: PageAccess, texts: Texts) -> None:
        self.access = access
        self.texts = texts
        t = texts.get
        super().__init__(
            t("ui.keyworker_title"),
            t("ui.keyworker_intro"),
            [Field("passphrase", t("ui.keyworker_passphrase"), secret=True)],
            ok=t("ui.unlock_ok"),
            close=t("ui.close"),
            check=self._unlock,
        )

    def _unlock(self, values: dict[str, str]) -> str | None:
        try:
            if not self.access.unlock_caseload(values["passphrase"]):
                return self.texts.get("ui.keyworker_wrong")
        except StoreError as error:
            return self.texts.get(error.key, **error.params)
        return None
