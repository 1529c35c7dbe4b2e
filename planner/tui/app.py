"""The Support Planner app: a shell. It starts up, decides which family is on screen, and
holds the keys that work everywhere (help, colours, open, save, reset, stop).

Everything else lives where its keys are: the conversation screen (``screens/main.py``), the
saved plans (``screens/plans.py``), and the dialogs they show. Screens are imported only
inside the methods that show them, so the first frame waits for nothing but Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from planner.i18n import Texts, texts_for
from planner.services.start import Start
from planner.store.files import StoreError
from planner.tui import keys, parsed_css, startup, themes

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation
    from planner.services.session import Session
    from planner.tui.screens.plans import PlansScreen


class PlannerApp(App[str]):
    """A calm conversation that builds a support plan. Returns the plan's code on quitting."""

    TITLE = "Support Planner"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("app")  # Ctrl+Q here saves first

    def __init__(self, start: Start) -> None:
        """Start as ``start`` says: its plan at once, or the welcome first (or the saved plans)."""
        startup.starting()
        super().__init__()
        self.start = start
        self._session = start.session
        self._plan_screen: Screen[None] | None = None
        """The conversation screen, while a plan is shown (under any dialog)."""
        self._carry_on = self._settled = False
        self.register_theme(themes.theme(start.theme))
        self.theme = start.theme  # before the stylesheet is read (later, it is all parsed again)

    @property
    def session(self) -> Session:
        """The open plan's session."""
        assert self._session is not None, "the plan is still being opened"
        return self._session

    @property
    def conv(self) -> Conversation:
        """The open plan's conversation."""
        return self.session.conversation

    def texts(self) -> Texts:
        """The texts in the family's language (English before a plan is open)."""
        return texts_for(self._session.conversation.locale if self._session else "en_GB")

    def get_default_screen(self) -> Screen[Any]:
        """The welcome or the plans' title, in the first frame (pushed, it waited ~12 ms more)."""
        if self._session is not None:
            return super().get_default_screen()
        from planner.tui.screens.first import FirstScreen

        return FirstScreen.at_start(self.start.offers_plans)

    def on_mount(self) -> None:
        if self._session is not None:
            self.show_plan(self._session)

    def on_ready(self) -> None:
        """The first frame is out: offer saved plans, or load the core off the event loop."""
        parsed_css.save_parsed_css()  # the first frame's CSS, for the next start
        if self._session is not None:
            return
        start = self.start
        if start.workshop:
            self.choose_example()
        elif start.offers_plans:  # once the first frame is out: the store takes a while
            self.call_after_refresh(self.show_plans)
        elif start.library is not None:
            self.open_in_worker(start.library.new)

    def on_first_screen_carry_on(self) -> None:
        """ "Carry on" pressed on the welcome before the plan had opened: kept for it."""
        self._carry_on = True

    def _settle(self) -> None:
        """Once a plan or the caseload is shown: ``startup.settled`` (no collection first)."""
        if not self._settled:
            self._settled = True
            startup.settled(self._driver)
            startup.warm_up(self, self.conv.locale if self._session else "en_GB")

    # --- which family is on screen: the only two places that change it ----------------------

    def _clear(self) -> None:
        """Close every screen and notice, so nothing of one family is shown with another's."""
        self.clear_notifications()
        self._plan_screen = None
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def show_plan(self, session: Session) -> None:
        """Show a plan's conversation, and nothing else."""
        from planner.tui.screens.main import MainScreen

        self._clear()
        self._session = session
        if self._carry_on:
            self._carry_on = False
            session.conversation.submit("")
        t = session.conversation.t
        session.on_problem = lambda error: self.notify(
            f"{t('ui.save_error')} {t(error.key, **error.params)}", severity="error", timeout=20
        )
        start = self.start
        self._plan_screen = MainScreen(session, workshop=start.workshop, keyworker=start.keyworker)
        self.push_screen(self._plan_screen)
        self.call_after_refresh(self._settle)

    def show_plans(self) -> None:
        """Show the list of saved plans (or the caseload), and nothing else."""
        from planner.tui.screens.plans import PlansScreen

        start = self.start
        if not start.access.may_list_plans():
            return  # a browser page never lists other families' plans
        texts = self.texts()
        self._clear()
        self._session = None if start.keyworker else self._session
        caseload = start.library.caseload() if start.library is not None else None
        can_import = start.access.can_import
        self.push_screen(
            PlansScreen(caseload, texts, keyworker=start.keyworker, can_import=can_import)
        )
        self.call_after_refresh(self._settle)

    def open_in_worker(self, work: Callable[[], Session]) -> None:
        """Open a plan off the event loop; a problem is said plainly and the screen stays."""

        def run() -> None:
            try:
                session = work()
            except StoreError as error:
                said = self.texts().get(error.key, **error.params)
                self.call_from_thread(self.notify, said, severity="error", timeout=10)
                return
            self.call_from_thread(self.show_plan, session)

        self.run_worker(run, thread=True, exclusive=True, group="open-plan")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notice (a screen's too), never markup: it may hold a child's name, say."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_plans_screen_open(self, message: PlansScreen.Open) -> None:
        library = self.start.library
        if library is not None:
            link = self.start.access.links_opened_plans
            self.open_in_worker(lambda: library.open(message.code, link=link))

    def on_plans_screen_new(self) -> None:
        if self.start.library is not None:
            self.open_in_worker(self.start.library.new)

    def on_main_screen_reopen(self) -> None:
        """The language changed: the old words go with the old screen; the answers stay."""
        self.show_plan(self.session)
        self.notify(self.conv.t("ui.language_changed"), timeout=6)
        startup.warm_up(self, self.conv.locale)  # the new language's dates and numbers

    def choose_example(self) -> None:
        """In a workshop: the facilitator chooses an example family, or starts blank."""
        from planner.services.examples import find_example, load_examples
        from planner.services.library import Library
        from planner.tui.screens.plan_dialogs import ChooseExampleDialog

        library = self.start.library or Library(None)

        def open_example(example_id: str | None) -> None:
            example = find_example(example_id) if example_id else None
            self.open_in_worker(lambda: library.new(example, at="start"))

        if self.start.example:
            open_example(self.start.example)
        else:
            dialog = ChooseExampleDialog(texts_for(), [(e.id, e.title) for e in load_examples()])
            self.push_screen(dialog, open_example)

    # --- the keys that work everywhere ------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A facilitator's keys are there only in a workshop."""
        return self.start.workshop or action not in keys.WORKSHOP_ACTIONS

    def action_help(self) -> None:
        """F1: every key."""
        from planner.tui.screens.dialogs import TextDialog

        texts = self.texts()
        text = keys.help_text(texts, self.start.workshop)
        self.push_screen(TextDialog(texts.get("ui.help_title"), text, texts.get("ui.close")))

    def action_next_theme(self) -> None:
        """F6: change the colours: calm, high contrast, large."""
        for theme in themes.THEMES:  # registered on first use, to keep start-up quick
            if theme.name not in self.available_themes:
                self.register_theme(theme)
        self.theme = themes.next_theme(self.theme)
        texts = self.texts()
        self.notify(texts.get("ui.theme", theme=texts.get(themes.THEME_WORDS[self.theme])))

    def watch_theme(self, theme: str) -> None:
        self.set_class(theme == "planner-large", "-large")

    def action_save(self) -> None:
        """Ctrl+S: save, and show the code to carry on later (in a browser, a passphrase too)."""
        if self._plan_screen is None:
            return
        session = self.session
        session.save_now()
        on_top = self.screen is self._plan_screen
        if not self.start.access.offers_lock or session.store is None or not on_top:
            self.notify(self.texts().get("ui.saved", code=session.code), timeout=10)
            return
        from planner.tui.screens.unlock import LockPlanDialog

        self.push_screen(LockPlanDialog(session, self.texts()))

    def action_open_plans(self) -> None:
        """Ctrl+O: the saved plans here; in a browser, a plan opened with its code and
        passphrase, or the caseload once the keyworker's passphrase is given."""
        start = self.start
        if start.library is None:
            return
        if self._session is not None and self.conv.state.answered:
            self.session.save_now()
        access = start.access
        if access.may_list_plans():
            self.show_plans()
            return
        from planner.tui.screens.unlock import KeyworkerDialog, UnlockPlanDialog

        if access.asks_keyworker and start.keyworker:
            dialog = KeyworkerDialog(access, self.texts())
            self.push_screen(dialog, lambda done: self.show_plans() if done else None)
            return
        unlock = UnlockPlanDialog(start.library, self.texts())
        self.push_screen(unlock, lambda _: self.show_plan(unlock.opened) if unlock.opened else None)

    def action_reset(self) -> None:
        """Ctrl+N in a workshop: clear everything from this session, for the next group."""
        from planner.tui.screens.dialogs import ConfirmDialog

        t = self.texts().get

        def confirmed(answer: str | None) -> None:
            if answer == "yes":
                self._session = None
                self._clear()
                self.choose_example()

        dialog = ConfirmDialog(t("ui.reset_ask"), t("ui.reset_yes"), t("ui.reset_no"))
        self.push_screen(dialog, confirmed)

    def action_quit_planner(self) -> None:
        """Ctrl+Q: save and stop. Nothing is lost. A keyworker goes back to the caseload."""
        if self._session is not None:
            self.session.save_now()
        start = self.start
        if start.keyworker and self._plan_screen is not None and start.access.may_list_plans():
            self.show_plans()
            return
        self.exit(self._session.code if self._session is not None else None)

    def _fatal_error(self) -> None:  # Textual's own report lists local variables: answers
        """A crash report that names the screen and the error, never the family's words."""
        from planner.tui.text import crash_report

        self.panic(crash_report(type(self.screen).__name__))

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """Say plainly that the download did not work."""
        self.notify(self.texts().get("ui.export_failed"), severity="error", timeout=10)
