"""The conversation screen's keys that make files and keep reviews: saving the plan, a
review of it (step 7) and the key dates worked out from the family's dates."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

    from planner.dialogue.conversation import Conversation
    from planner.services.session import Session

    _Screen = Screen[None]
else:
    _Screen = object


class FilesAndReviews(_Screen):
    """A mixin of the conversation screen (put first; it has the plan's session)."""

    conv: Conversation
    session: Session
    keyworker: bool

    if TYPE_CHECKING:  # the screen's own

        def t(self, key: str, **params: object) -> str: ...

        async def refresh_view(self, *, side_later: bool = False) -> None: ...

    def action_export(self) -> None:
        """Save the plan as a file: a download in the browser, the Downloads folder here."""
        from planner.i18n import SOURCE_LOCALE
        from planner.services.exporting import choices
        from planner.tui.screens.plan_dialogs import ExportDialog

        locale = self.conv.locale
        offered = choices(locale, notes=self.keyworker)
        dialog = ExportDialog(self.conv, offered, bilingual=locale != SOURCE_LOCALE)
        self.app.push_screen(dialog, self._export)

    def _export(self, value: str | None) -> None:
        from planner.services.exporting import plan_file

        if value:
            self._send(lambda: plan_file(self.session, value))

    def _send(self, make: Any) -> None:
        """Make a file in a worker thread and hand it to the family."""
        from planner.tui.delivery import make_and_send

        texts = self.conv.texts
        self.run_worker(
            lambda: make_and_send(self.app, make, texts),
            thread=True,
            exclusive=True,
            group="export",
        )

    def action_review(self) -> None:
        """Ctrl+R: record a review of the plan (step 7 in use)."""
        from planner.tui.screens.review import ReviewScreen

        screen = ReviewScreen(self.conv.plan, self.conv.texts, date.today())
        self.app.push_screen(screen, self._review_kept)

    def _review_kept(self, review: Any) -> None:
        if review is None:
            return
        self.session.keep_review(review)
        self.notify(self.t("ui.review_kept"), timeout=8)
        self._after_review(review)

    def _after_review(self, review: Any) -> None:
        """After a review: save its summary (offered again for another format), or start the
        next version of the plan from it."""
        from planner.services.exporting import format_choices, review_file
        from planner.tui.screens.plan_dialogs import AfterReviewDialog

        def chosen(value: str | None) -> None:
            conv = self.conv
            if value == "next":
                old = self.session.start_next_version()
                self.notify(self.t("ui.review_new_version", new=old + 1, old=old), timeout=12)
                self.call_later(self.refresh_view)
            elif value:
                self._send(lambda: review_file(conv.plan, review, value, conv.locale))
                self.call_later(lambda: self._after_review(review))

        self.app.push_screen(AfterReviewDialog(self.conv, format_choices()), chosen)

    def action_timeline(self) -> None:
        """Ctrl+T: key dates worked out from the dates the family gives."""
        from planner.tui.screens.plan_dialogs import TimelineDialog, key_dates_text

        dialog = TimelineDialog(self.conv, date.today())

        def done(result: str | None) -> None:
            from planner.tui.screens.dialogs import TextDialog

            if result:
                text = key_dates_text(self.conv, dialog.dates)
                t = self.t
                self.app.push_screen(
                    TextDialog(t("ui.dates_title"), text, t("ui.close"), markdown=True)
                )

        self.app.push_screen(dialog, done)
