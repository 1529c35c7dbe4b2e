"""The Support Planner app: wires the screens, the keys and the themes. No domain logic here."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.theme import Theme

from planner.i18n import SOURCE_LOCALE, Texts, format_moment, texts_for
from planner.store.crypto import KEYWORKER_CHECK_ENV, MIN_PASSPHRASE
from planner.store.files import StoreError

if TYPE_CHECKING:
    from planner.caseload import CaseRow
    from planner.dialogue.conversation import Conversation
    from planner.library import Library
    from planner.render.export import Format
    from planner.session import Session
    from planner.store.database import Database
    from planner.store.files import SavedPlan
    from planner.tui.screens.dialogs import Row
    from planner.tui.screens.main import MainScreen

THEMES = (
    Theme(
        name="planner-calm",
        primary="#7FB7BE",
        secondary="#A5C8E4",
        accent="#F2C57C",
        foreground="#E8ECEF",
        background="#15232B",
        surface="#1C2E38",
        panel="#243B47",
        success="#9BD1A3",
        warning="#F2C57C",
        error="#F4A6A6",
        dark=True,
    ),
    Theme(
        name="planner-contrast",
        primary="#FFFF00",
        secondary="#FFFFFF",
        accent="#00FFFF",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#1A1A1A",
        success="#00FF00",
        warning="#FFFF00",
        error="#FF6666",
        dark=True,
    ),
    Theme(
        name="planner-large",
        primary="#FFD866",
        secondary="#FFFFFF",
        accent="#66D9EF",
        foreground="#FFFFFF",
        background="#000000",
        surface="#101010",
        panel="#202020",
        success="#A6E22E",
        warning="#FFD866",
        error="#FF6188",
        dark=True,
    ),
)
THEME_WORDS = {
    "planner-calm": "ui.theme_calm",
    "planner-contrast": "ui.theme_contrast",
    "planner-large": "ui.theme_large",
}


def save_download(data: bytes, name: str) -> Path:
    """Write a file into the Downloads folder, next to (never over) an earlier one.

    In a terminal we write the file ourselves: Textual 8.2.8's terminal delivery opens binary
    files with a text encoding and fails.
    """
    from platformdirs import user_downloads_path

    from planner.store.files import atomic_write

    folder = user_downloads_path()
    stem, _, suffix = name.rpartition(".")
    path = folder / name
    number = 2
    while path.exists():
        path = folder / f"{stem} ({number}).{suffix}"
        number += 1
    atomic_write(path, data)
    return path


def key_label(key: str) -> str:
    """A key as people write it: F1, Esc, Ctrl+L, ?."""
    named = {"escape": "Esc", "question_mark": "?", "tab": "Tab"}
    if key in named:
        return named[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key.removeprefix("ctrl+").upper()
    return key.upper()


def key_hints(texts: Any, workshop: bool = False, width: int | None = None) -> str:
    """One line of keys, each clickable. (Textual's Footer costs ~100 ms to start.)

    With a ``width``, only the keys that fit whole, in order (F1 first: it lists every key),
    so no name is ever cut in half, in any language."""
    hints: list[str] = []
    used = 0
    for key, action, name, _ in KEYS:
        if key == "question_mark" or (action in WORKSHOP_KEYS and not workshop):
            continue
        shown = key_label(key).replace("Ctrl+", "^")
        label = texts.get(f"keyname.{name}")
        cost = cell_len(f"{shown} {label}") + (2 if hints else 0)  # wide letters count twice
        if width is not None and used + cost > width:
            break
        used += cost
        hints.append(f"[@click=app.{action}][b]{shown}[/b] {label}[/]")
    return "  ".join(hints)


KEYS: tuple[tuple[str, str, str, bool], ...] = (
    ("f1", "help", "help", False),
    ("question_mark", "help", "help", False),
    ("escape", "go_back", "back", False),
    ("f2", "glossary", "glossary", False),
    ("f3", "check", "check", False),
    ("f4", "ask", "ask", False),
    ("f5", "toggle_plan", "plan", False),
    ("f6", "next_theme", "theme", False),
    ("f7", "more", "more", False),
    ("f8", "export", "export", False),
    ("f9", "ready", "ready", False),
    ("f10", "facilitator", "facilitator", False),
    ("ctrl+r", "review", "review", True),
    ("ctrl+t", "timeline", "dates", True),
    ("ctrl+n", "reset", "reset", True),
    ("ctrl+l", "language", "language", True),
    ("ctrl+o", "open_plans", "open", True),
    ("ctrl+s", "save", "save", True),
    ("ctrl+q", "quit_planner", "quit", True),
)
"""Every key: (key, action, name, priority). Each becomes a binding with the id
``planner.<name>`` and a description in the family's language (``key.<name>``)."""

PLAN_ACTIONS = frozenset(
    {
        "go_back",
        "glossary",
        "check",
        "ask",
        "toggle_plan",
        "more",
        "export",
        "ready",
        "save",
        "review",
        "timeline",
        "facilitator",
        "language",
    }
)
"""Actions that need an open plan on screen (not the list of saved plans)."""
WORKSHOP_KEYS = frozenset({"facilitator", "reset"})
"""Keys for a facilitator, there only in ``planner workshop``."""
FORMATS = ("docx", "html", "md", "json")
"""The file formats offered, in this order."""


class PlannerApp(App[str]):
    """A calm conversation that builds a support plan. Returns the plan's code on quitting."""

    TITLE = "Support Planner"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        session: Session | None = None,
        *,
        opener: Callable[[], Session] | None = None,
        theme: str = "planner-calm",
        saved: list[SavedPlan] | None = None,
        library: Library | None = None,
        keyworker: bool = False,
        workshop: bool = False,
        example: str | None = None,
    ) -> None:
        """Run with an open ``session``, or with an ``opener`` for a new plan: then the welcome
        is drawn first and the core is loaded straight after.

        ``library`` opens and lists saved plans; ``saved`` lists those there at the start, to
        offer them first. ``keyworker`` starts at the caseload, and keeps practitioner notes.
        """
        super().__init__()
        assert session is not None or opener is not None or library is not None
        self._session = session
        self.opener = opener or (library.new if library is not None else None)
        self.saved = saved or []
        self.library = library
        self.keyworker = keyworker
        self.workshop = workshop
        """A facilitated group session: nothing saved, facilitator notes, a reset."""
        self.example = example
        self.caseload_unlocked = False
        """In a browser page: whether the keyworker's passphrase has opened the caseload."""
        self.start_theme = theme
        self.early_carry_on = False
        self._settled = False
        # Set before the stylesheet is read: setting it later parses all the CSS again.
        self.register_theme(next(t for t in THEMES if t.name == theme))
        self.theme = theme
        texts = texts_for(session.conversation.locale if session else "en_GB")
        # Bound here, not in BINDINGS, so descriptions are in the family's language.
        self._bindings.key_to_bindings.pop("ctrl+q", None)  # ours saves first
        for key, action, name, priority in KEYS:
            self._bindings._add_binding(
                Binding(
                    key,
                    action,
                    texts.get(f"keyname.{name}"),
                    show=key != "question_mark",
                    priority=priority,
                    tooltip=texts.get(f"key.{name}"),
                    id=f"planner.{name}",
                )
            )

    @property
    def session(self) -> Session:
        """The open plan's session."""
        assert self._session is not None, "the plan is still being opened"
        return self._session

    @property
    def conv(self) -> Conversation:
        """The open plan's conversation."""
        return self.session.conversation

    def on_mount(self) -> None:
        if self._session is not None:
            self._show_main()
            return
        from planner.paths import DEFAULT_FLOW, data_path
        from planner.tui.screens.first import FirstScreen, flow_outline

        outline = flow_outline(str(data_path("flows", f"{DEFAULT_FLOW}.yaml")))
        self.push_screen(FirstScreen(texts_for(), outline))

    def on_ready(self) -> None:
        """The first frame is out: offer saved plans, or load the core off the event loop."""
        if self._session is not None:
            return
        if self.workshop:
            self._workshop_start()
        elif self.library is not None and (self.keyworker or self.saved):
            self.show_plans()
        else:
            self.run_worker(self._open, thread=True, name="open-plan")

    def _open(self) -> None:
        """Load the core and open the plan, off the event loop (the welcome is already shown)."""
        assert self.opener is not None
        session = self.opener()
        self.call_from_thread(self._opened, session)

    def _opened(self, session: Session) -> None:
        """Show a plan just opened. Whatever plan was on screen before is closed first, so
        nothing of one family is ever shown with another's."""
        from planner.tui.screens.plans import PlansScreen

        self._session = session
        if self.early_carry_on:
            self.conv.answer("")
            self.early_carry_on = False
        self.clear_notifications()
        while len(self.screen_stack) > 1 and not isinstance(self.screen, PlansScreen):
            self.pop_screen()
        self._show_main()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys for the plan do nothing while no plan is on screen. (Screens are told apart by
        name here: importing them would load the core before the first frame.)"""
        if action in WORKSHOP_KEYS and not self.workshop:
            return False
        if action in PLAN_ACTIONS:
            return (
                self._session is not None
                and any(type(s).__name__ == "MainScreen" for s in self.screen_stack)
                and type(self.screen).__name__ != "PlansScreen"
            )
        return True

    def _show_main(self) -> None:
        from planner.tui.screens.main import MainScreen

        self.session.on_problem = lambda error: self.notify(
            self.conv.t("ui.save_error"), severity="error", timeout=10
        )
        self.push_screen(MainScreen(self.conv))
        if not self._settled:
            self._settled = True
            self.call_after_refresh(self._settle)

    def _settle(self) -> None:
        """Once the first plan is on screen: everything loaded so far lives as long as the app,
        so the garbage collector is told to leave it alone. Its full sweeps of those objects
        otherwise pause an answer now and then by 50 to 100 ms."""
        import gc

        gc.freeze()  # no collection first: in a served page that would copy shared memory

    def watch_theme(self, theme: str) -> None:
        self.set_class(theme == "planner-large", "-large")

    @property
    def main(self) -> MainScreen:
        """The conversation screen."""
        from planner.tui.screens.main import MainScreen

        screen = next(s for s in reversed(self.screen_stack) if isinstance(s, MainScreen))
        return screen

    def t(self, key: str, **params: object) -> str:
        """A text in the family's language (with the child's name as ``{name}``)."""
        return self.conv.t(key, **params)

    # --- moving around ----------------------------------------------------------------------

    def action_go_back(self) -> None:
        """Go back to the last question."""
        if self.conv.back():
            self.call_later(self.main.refresh_view)
        else:
            self.main.say(self.t("ui.at_start"))

    def action_check(self) -> None:
        """Check your answers for this step, with Change beside each."""
        from planner.tui.screens.dialogs import Row, RowsDialog

        conv = self.conv
        step = conv.flow.step_of(conv.node_id) or conv.flow.steps[0]
        rows = [
            Row(
                f"{r.question}\n→ {r.answer}"
                + (f"  ({self.t('status.needs_check')})" if r.needs_check else ""),
                r.node_id,
                self.t("ui.change"),
            )
            for r in conv.summary(step.id)
        ]
        title = self.t("ui.check_title", number=step.number, title=self.t(step.title))
        intro = "" if rows else self.t("ui.check_none")
        self.push_screen(RowsDialog(title, intro, rows, self.t("ui.close")), self._change_to)

    def _change_to(self, node_id: str | None) -> None:
        if node_id:
            self.conv.change(node_id)
            self.call_later(self.main.refresh_view)

    def action_ready(self) -> None:
        """Is the plan ready to share? Each missing part has a Go there button."""
        from planner.domain.readiness import readiness
        from planner.tui.screens.dialogs import Row, RowsDialog

        missing = readiness(self.conv.plan)
        intro = self.t("doc.not_ready") if missing else self.t("doc.ready")
        rows = [Row(self.t(m.key), m.node, self.t("ui.go_there")) for m in missing]
        self.push_screen(
            RowsDialog(self.t("ui.ready_title"), intro, rows, self.t("ui.close")), self._change_to
        )

    # --- information ------------------------------------------------------------------------

    def action_help(self) -> None:
        """List every key."""
        from planner.tui.screens.dialogs import TextDialog

        lines = [self.t("ui.help_intro"), ""]
        for key, action, name, _ in KEYS:
            if action in WORKSHOP_KEYS and not self.workshop:
                continue
            lines.append(f"{key_label(key):>8}  {self.t(f'key.{name}')}")
        lines.append(f"{'1-9':>8}  {self.t('ui.choose_hint')}")
        lines.append(f"{key_label('tab'):>8}  {self.t('key.answer')}")
        self.push_screen(TextDialog(self.t("ui.help_title"), "\n".join(lines), self.t("ui.close")))

    def action_more(self, key: str = "") -> None:
        """Show the longer explanation for this question (or the page named)."""
        from planner.tui.screens.dialogs import TextDialog

        page = key or self.conv.node.more
        text = self.conv.texts.more(page) if page else None
        if text is None:
            self.notify(self.t("plain.help_none"))
            return
        title, _, body = text.partition("\n")
        self.push_screen(
            TextDialog(title.lstrip("# "), body.strip(), self.t("ui.close"), markdown=True)
        )

    def action_define(self, index: int) -> None:
        """Open the glossary at one word (by its place in the glossary)."""
        from planner.content.knowledge import glossary

        terms = glossary(self.conv.locale)
        if 0 <= index < len(terms):
            self.action_glossary(terms[index].term)

    def action_glossary(self, start: str = "") -> None:
        """Words and what they mean, with search."""
        from planner.tui.screens.glossary import GlossaryScreen

        words = {
            "title": self.t("ui.glossary_title"),
            "search": self.t("ui.glossary_search"),
            "close": self.t("ui.close"),
        }
        self.push_screen(GlossaryScreen(self.conv.locale, words, start))

    def action_ask(self) -> None:
        """Ask a question in your own words."""
        from planner.tui.screens.ask import AskScreen

        words = {
            "title": self.t("ui.ask_title"),
            "placeholder": self.t("ui.ask_placeholder"),
            "none": self.t("ui.ask_none"),
            "close": self.t("ui.close"),
        }
        self.push_screen(AskScreen(self.conv.locale, words))

    def action_toggle_plan(self) -> None:
        """Show or hide the plan so far."""
        self.main.show_plan = not self.main.show_plan

    def action_next_theme(self) -> None:
        """Change the colours: calm, high contrast, large."""
        for theme in THEMES:  # registered on first use, to keep start-up quick
            if theme.name not in self.available_themes:
                self.register_theme(theme)
        names = [t.name for t in THEMES]
        following = (
            names[(names.index(self.theme) + 1) % len(names)] if self.theme in names else names[0]
        )
        self.theme = following
        self.notify(self.t("ui.theme", theme=self.t(THEME_WORDS[following])))

    # --- lists ------------------------------------------------------------------------------

    def edit_item(self, index: int | None) -> None:
        """Add (None) or change an item of the current list."""
        from planner.tui.screens.item_editor import ItemEditor

        words = {"save": self.t("ui.save"), "cancel": self.t("ui.cancel")}
        self.push_screen(ItemEditor(self.conv, index, words), self._item_saved)

    def _item_saved(self, saved: bool | None) -> None:
        if saved:
            self.call_later(self.main.refresh_view)

    def remove_item(self, index: int) -> None:
        """Take an item out, after the family confirms."""
        from planner.tui.screens.dialogs import ConfirmDialog

        what = self.conv.item_lines(self.conv.node)[index]

        def confirmed(answer: str | None) -> None:
            if answer == "yes":
                self.conv.remove_item(index)
                self.call_later(self.main.refresh_view)

        dialog = ConfirmDialog(
            self.t("ui.confirm_remove", what=what), self.t("ui.yes_remove"), self.t("ui.no_keep")
        )
        self.push_screen(dialog, confirmed)

    # --- saving and files -------------------------------------------------------------------

    def action_export(self) -> None:
        """Save the plan as a file: a download in the browser, the Downloads folder here."""
        from planner.tui.screens.dialogs import RowsDialog

        rows = self._format_rows()
        if self.keyworker:
            rows += self._format_rows("notes")
        intro = self.t("ui.export_intro")
        if self.conv.locale != SOURCE_LOCALE:  # the language beside English, for the council
            from planner.i18n import language_name

            language = language_name(self.conv.locale, self.conv.locale)
            rows += self._format_rows("bilingual", language=language)
            intro = f"{intro} {self.t('ui.export_bilingual_intro')}"
        dialog = RowsDialog(self.t("ui.export_title"), intro, rows, self.t("ui.close"))
        self.push_screen(dialog, self._export)

    def _export(self, fmt: str | None) -> None:
        if fmt:
            self.run_worker(lambda: self._render(fmt), thread=True, exclusive=True, group="export")

    def _format_rows(self, variant: str = "", **params: object) -> list[Row]:
        """A row for each file format (value ``md``), or for a ``variant`` of the documents
        (value ``md+notes``): the JSON file is the family's plan alone, so it has none."""
        from planner.tui.screens.dialogs import Row

        if not variant:
            return [Row(self.t(f"ui.export_{fmt}"), fmt, self.t("ui.save")) for fmt in FORMATS]
        save = self.t("ui.save")
        return [
            Row(self.t(f"ui.export_{fmt}_{variant}", **params), f"{fmt}+{variant}", save)
            for fmt in FORMATS
            if fmt != "json"
        ]

    def _render(self, fmt: str) -> None:
        from planner.render.export import Format, file_name, render

        value, _, variant = fmt.partition("+")
        chosen = Format(value)
        store = self.session.store
        notes = None
        if variant == "notes" and store is not None:
            notes = [(n.written, n.text) for n in store.notes(self.session.code)]
        plan, locale = self.conv.plan, self.conv.locale
        both = variant == "bilingual"
        self._make_file(
            lambda: render(plan, chosen, locale, notes=notes, with_english=both),
            file_name(plan, chosen, locale if both else ""),
            chosen,
        )

    def _make_file(self, make: Callable[[], bytes], name: str, fmt: Format) -> None:
        """Render a file (in a worker thread) and hand it over; a failure is said plainly."""
        try:
            data = make()
        except OSError:
            self.call_from_thread(
                self.notify, self._texts().get("ui.export_failed"), severity="error"
            )
            return
        self.send_file(data, name, fmt.media_type)

    def send_file(self, data: bytes, name: str, media_type: str) -> None:
        """Hand a file to the family: a download in the browser, the Downloads folder here.
        Safe to call from a worker thread."""
        words = texts_for(self._session.conversation.locale if self._session else "en_GB")
        if not self.is_web:
            try:
                path = save_download(data, name)
            except OSError:
                self.call_from_thread(self.notify, words.get("ui.export_failed"), severity="error")
                return
            self.call_from_thread(self.notify, words.get("ui.exported_terminal", file=str(path)))
            return
        self.call_from_thread(
            self._deliver, data, name, media_type, words.get("ui.exported_browser", file=name)
        )

    def _deliver(self, data: bytes, name: str, media_type: str, said: str) -> None:
        """Start a download in the browser."""
        self.deliver_binary(io.BytesIO(data), save_filename=name, mime_type=media_type)
        self.notify(said, timeout=8)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """Say plainly that the download did not work."""
        self.notify(self.t("ui.export_failed"), severity="error", timeout=10)

    def action_save(self) -> None:
        """Save now and show the code to carry on later. In a browser page, the family can
        also choose a passphrase: with the code, it opens this plan from another page."""
        self.session.save(self.conv.state)
        if not self.served or self.session.store is None:
            self.notify(self.t("ui.saved", code=self.session.code), timeout=10)
            return
        from planner.tui.screens.dialogs import Field, FormDialog

        store, code = self.session.store, self.session.code

        def check(values: dict[str, str]) -> str | None:
            chosen = values["passphrase"]
            if len(chosen) < MIN_PASSPHRASE:
                return self.t("ui.lock_too_short")
            if chosen != values["again"]:
                return self.t("ui.lock_not_same")
            try:
                store.lock(code, chosen)
            except StoreError as error:
                return self.t(error.key, **error.params)
            return None

        def done(result: str | None) -> None:
            if result:
                self.notify(self.t("ui.lock_done", code=code), timeout=15)

        locked = store.is_locked(code)
        dialog = FormDialog(
            self.t("ui.lock_title"),
            self.t("ui.lock_intro_again" if locked else "ui.lock_intro", code=code),
            [
                Field("passphrase", self.t("ui.lock_passphrase"), secret=True),
                Field("again", self.t("ui.lock_again"), secret=True),
            ],
            ok=self.t("ui.lock_ok"),
            close=self.t("ui.close"),
            check=check,
        )
        self.push_screen(dialog, done)

    def action_quit_planner(self) -> None:
        """Save and stop. Nothing is lost. A keyworker goes back to the caseload."""
        from planner.tui.screens.plans import PlansScreen

        if self._session is not None:
            self.session.save(self.conv.state)
        on_plan = not isinstance(self.screen, PlansScreen) and self._session is not None
        if self.keyworker and on_plan and (not self.served or self.caseload_unlocked):
            self.show_plans()
            return
        self.exit(self._session.code if self._session is not None else None)

    # --- saved plans: the list, the caseload, a plan opened from another page ----------------

    @property
    def served(self) -> bool:
        """Whether this app is a browser page's (under ``planner serve``)."""
        return self.library is not None and self.library.web_token is not None

    def _store(self) -> Database | None:
        return self.library.store if self.library is not None else None

    def _texts(self) -> Texts:
        return texts_for(self._session.conversation.locale if self._session else "en_GB")

    def _problem(self, error: StoreError) -> None:
        self.notify(self._texts().get(error.key, **error.params), severity="error", timeout=10)

    def action_open_plans(self) -> None:
        """Ctrl+O: the saved plans here; in a browser, a plan opened with its code and
        passphrase, or the caseload once the keyworker's passphrase is given."""
        if self.library is None:
            return
        if self._session is not None and self.conv.state.answered:
            self.session.save(self.conv.state)
        if not self.served:
            self.show_plans()
        elif os.environ.get(KEYWORKER_CHECK_ENV) and self.keyworker:
            self._ask_keyworker_passphrase()
        else:
            self._ask_code_and_passphrase()

    def show_plans(self) -> None:
        """Close whatever is on screen and show the list of saved plans (or the caseload)."""
        from planner.tui.screens.plans import PlansScreen

        if self.served and not self.caseload_unlocked:
            return  # a browser page never lists other families' plans
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._session = None if self.keyworker else self._session
        can_import = not self.is_web
        self.push_screen(
            PlansScreen(self._texts(), keyworker=self.keyworker, can_import=can_import)
        )

    def plan_rows(self, *, notes: bool) -> list[CaseRow]:
        """The saved plans as rows for the list."""
        from planner.caseload import case_rows
        from planner.dialogue.loader import load_flow

        store = self._store()
        if store is None:
            return []
        try:
            return case_rows(
                store.saved_plans(), load_flow(), store.noted_plans() if notes else set()
            )
        except StoreError as error:
            self._problem(error)
            return []

    def _plans_screen(self) -> Any:
        from planner.tui.screens.plans import PlansScreen

        return next((s for s in self.screen_stack if isinstance(s, PlansScreen)), None)

    def _refresh_plans(self, select: str | None = None) -> None:
        screen = self._plans_screen()
        if screen is not None:
            screen.reload(select)

    def _in_worker(self, work: Callable[[], Session]) -> None:
        """Open a plan off the event loop; a problem is said plainly and the list stays."""

        def run() -> None:
            try:
                session = work()
            except StoreError as error:
                self.call_from_thread(self._problem, error)
                return
            self.call_from_thread(self._opened, session)

        self.run_worker(run, thread=True, exclusive=True, group="open-plan")

    def open_plan(self, code: str) -> None:
        """Open a saved plan from the list."""
        library = self.library
        if library is not None:
            self._in_worker(lambda: library.open(code))

    def new_plan(self) -> None:
        """Start a new plan, with nothing of any other family's on screen."""
        if self.library is not None:
            self._in_worker(self.library.new)

    def _store_problem(self, action: Callable[[Database], object]) -> str | None:
        """Do something with the saved plans; a problem comes back as a plain message."""
        store = self._store()
        if store is None:
            return None
        try:
            action(store)
        except StoreError as error:
            return self._texts().get(error.key, **error.params)
        return None

    def _with_store(self, action: Callable[[Database], object]) -> bool:
        """Do something with the saved plans; a problem is said in a notice."""
        problem = self._store_problem(action)
        if problem:
            self.notify(problem, severity="error", timeout=10)
        return problem is None

    def rename_plan(self, row: CaseRow) -> None:
        """Change the name a plan is listed under."""
        from planner.tui.screens.dialogs import Field, FormDialog

        t = self._texts().get

        def check(values: dict[str, str]) -> str | None:
            if not values["name"].strip():
                return t("error.text.empty")
            return self._store_problem(lambda store: store.rename(row.plan_id, values["name"]))

        dialog = FormDialog(
            t("ui.rename_title"),
            "",
            [Field("name", t("ui.rename_label"), value=row.name)],
            ok=t("ui.save"),
            close=t("ui.cancel"),
            check=check,
        )
        self.push_screen(dialog, lambda _: self._refresh_plans(row.plan_id))

    def copy_plan(self, row: CaseRow) -> None:
        """A copy of a plan under a new code, to use as a starting point."""
        copied: list[str] = []
        self._with_store(lambda store: copied.append(store.duplicate(row.plan_id)))
        if copied:
            self.notify(self._texts().get("ui.copied", name=row.name or ""))
            self._refresh_plans(copied[0])

    def delete_plan(self, row: CaseRow) -> None:
        """Delete a plan for good, after a clear yes."""
        from planner.tui.screens.dialogs import ConfirmDialog

        t = self._texts().get
        name = row.name or t("word.no_name")

        def confirmed(answer: str | None) -> None:
            if answer == "yes" and self._with_store(lambda store: store.delete(row.plan_id)):
                self.notify(t("ui.deleted", name=name))
                self._refresh_plans()

        question = t("ui.confirm_delete", name=name)
        self.push_screen(ConfirmDialog(question, t("ui.yes_delete"), t("ui.no_keep")), confirmed)

    def plan_versions(self, row: CaseRow) -> None:
        """Every saved version of a plan: look at one, and make it the current one."""
        from planner.caseload import step_reached
        from planner.dialogue.loader import load_flow
        from planner.tui.screens.dialogs import Row, RowsDialog
        from planner.tui.screens.plans import step_words

        texts = self._texts()
        t = texts.get
        found: list[Any] = []
        self._with_store(lambda store: found.extend(store.history(row.plan_id)))
        flow = load_flow()
        rows = [
            Row(
                t(
                    "ui.version_line",
                    number=v.number,
                    saved=format_moment(v.saved, texts.locale),
                    step=step_words(texts, step_reached(flow, v.node)),
                ),
                str(v.number),
                t("ui.look"),
            )
            for v in found
        ]
        title = t("ui.versions_title", name=row.name or t("word.no_name"))
        dialog = RowsDialog(title, t("ui.versions_intro"), rows, t("ui.close"))
        self.push_screen(dialog, lambda number: self._look_at(row, number))

    def _look_at(self, row: CaseRow, number: str | None) -> None:
        from planner.render.document import build
        from planner.render.writers import to_markdown
        from planner.tui.screens.dialogs import VersionDialog

        store = self._store()
        if not number or store is None:
            return
        try:
            state = store.version(row.plan_id, int(number))
        except StoreError as error:
            self._problem(error)
            return
        t = self._texts().get
        text = to_markdown(build(state.plan, state.locale))
        dialog = VersionDialog(
            t("ui.version_title", number=number), text, t("ui.restore"), t("ui.close")
        )

        def chosen(answer: str | None) -> None:
            if answer == "restore" and self._with_store(
                lambda s: s.restore(row.plan_id, int(number))
            ):
                self.notify(t("ui.restored", number=number), timeout=10)
                self._refresh_plans(row.plan_id)

        self.push_screen(dialog, chosen)

    def plan_notes(self, row: CaseRow) -> None:
        """A keyworker's notes on a plan: kept apart from the family's plan."""
        from planner.tui.screens.dialogs import Field, FormDialog

        texts = self._texts()
        t = texts.get
        found: list[Any] = []
        self._with_store(lambda store: found.extend(store.notes(row.plan_id)))
        written = "\n\n".join(f"{format_moment(n.written, texts.locale)}: {n.text}" for n in found)
        intro = t("ui.notes_intro") + "\n\n" + (written or t("ui.notes_none"))

        def check(values: dict[str, str]) -> str | None:
            if not values["note"].strip():
                return t("error.text.empty")
            return self._store_problem(lambda store: store.add_note(row.plan_id, values["note"]))

        dialog = FormDialog(
            t("ui.notes_title", name=row.name or t("word.no_name")),
            intro,
            [Field("note", t("ui.notes_new"))],
            ok=t("ui.notes_add"),
            close=t("ui.close"),
            check=check,
        )
        self.push_screen(dialog, lambda _: self._refresh_plans(row.plan_id))

    def export_plan_json(self, row: CaseRow) -> None:
        """Save a plan as a JSON file, to keep or to bring in on another computer."""
        from planner.render.export import Format, file_name, render

        store = self._store()
        if store is None:
            return

        def run() -> None:
            try:
                plan = store.load(row.plan_id).plan
            except StoreError as error:
                self.call_from_thread(self._problem, error)
                return
            self._make_file(
                lambda: render(plan, Format.JSON), file_name(plan, Format.JSON), Format.JSON
            )

        self.run_worker(run, thread=True, group="export")

    def import_plan_json(self) -> None:
        """Bring in a plan from a JSON file on this computer; nothing here is overwritten."""
        from planner.render.jsonio import PlanFileError
        from planner.session import import_plan
        from planner.tui.screens.dialogs import Field, FormDialog

        t = self._texts().get
        store = self._store()
        if store is None:
            return
        brought: list[str] = []

        def check(values: dict[str, str]) -> str | None:
            path = Path(values["path"].strip().strip("'\"")).expanduser()
            try:
                data = path.read_bytes()
            except OSError:
                return t("ui.import_cannot_read", path=str(path))
            try:
                brought.append(import_plan(store, data))
            except (PlanFileError, StoreError) as error:
                return t(error.key, **error.params)
            return None

        def done(result: str | None) -> None:
            if result and brought:
                self.notify(t("ui.imported"))
                self._refresh_plans(brought[0])

        dialog = FormDialog(
            t("ui.import_title"),
            t("ui.import_intro"),
            [Field("path", t("ui.import_path"))],
            ok=t("ui.import_ok"),
            close=t("ui.cancel"),
            check=check,
        )
        self.push_screen(dialog, done)

    def _ask_code_and_passphrase(self) -> None:
        """A browser page opens another plan only with its code and its passphrase."""
        from planner.tui.screens.dialogs import Field, FormDialog

        t = self._texts().get
        store = self._store()
        if store is None or self.library is None:
            return
        library = self.library
        opened: list[Session] = []

        def check(values: dict[str, str]) -> str | None:
            try:
                state = store.unlock(values["code"], values["passphrase"])
            except StoreError as error:
                return t(error.key, **error.params)
            opened.append(library.open_state(state))
            return None

        def done(result: str | None) -> None:
            if result and opened:
                self._opened(opened[0])

        dialog = FormDialog(
            t("ui.unlock_title"),
            t("ui.unlock_intro"),
            [
                Field("code", t("ui.unlock_code")),
                Field("passphrase", t("ui.unlock_passphrase"), secret=True),
            ],
            ok=t("ui.unlock_ok"),
            close=t("ui.close"),
            check=check,
        )
        self.push_screen(dialog, done)

    def _ask_keyworker_passphrase(self) -> None:
        """In a browser page: the caseload opens only with the keyworker's passphrase."""
        from planner.store.crypto import passphrase_matches
        from planner.tui.screens.dialogs import Field, FormDialog

        t = self._texts().get
        if self.caseload_unlocked:
            self.show_plans()
            return
        expected = os.environ.get(KEYWORKER_CHECK_ENV, "")

        def check(values: dict[str, str]) -> str | None:
            if not passphrase_matches(expected, values["passphrase"]):
                return t("ui.keyworker_wrong")
            return None

        def done(result: str | None) -> None:
            if result:
                self.caseload_unlocked = True
                self.show_plans()

        dialog = FormDialog(
            t("ui.keyworker_title"),
            t("ui.keyworker_intro"),
            [Field("passphrase", t("ui.keyworker_passphrase"), secret=True)],
            ok=t("ui.unlock_ok"),
            close=t("ui.close"),
            check=check,
        )
        self.push_screen(dialog, done)

    # --- workshops ---------------------------------------------------------------------------

    def _workshop_start(self) -> None:
        """A facilitator chooses an example family, or starts blank."""
        if self.example:
            self._workshop_open(self.example)
            return
        from planner.examples import load_examples
        from planner.tui.screens.dialogs import Row, RowsDialog

        t = texts_for().get
        rows = [Row(e.title, e.id, t("ui.workshop_use")) for e in load_examples()]
        dialog = RowsDialog(
            t("ui.workshop_title"), t("ui.workshop_intro"), rows, t("ui.workshop_blank")
        )
        self.push_screen(dialog, lambda chosen: self._workshop_open(chosen or ""))

    def _workshop_open(self, example_id: str) -> None:
        """Open the session's plan in memory, with an example family's answers if chosen."""
        from planner.library import Library

        library = self.library or Library(None)

        def work() -> Session:
            session = library.new()
            if example_id:
                from planner.examples import apply_example, find_example

                example = find_example(example_id)
                if example is not None:
                    apply_example(session.conversation, example)
                    session.conversation.go_to_start()
            return session

        self._in_worker(work)

    def action_facilitator(self) -> None:
        """F10: the facilitator's notes for this step."""
        from planner.tui.screens.dialogs import TextDialog

        conv = self.conv
        step = conv.flow.step_of(conv.node_id)
        name = step.id if step else ("finish" if conv.finished else "welcome")
        text = conv.texts.facilitator(name) or conv.texts.facilitator("welcome") or ""
        title, _, body = text.partition("\n")
        self.push_screen(
            TextDialog(title.lstrip("# "), body.strip(), self.t("ui.close"), markdown=True)
        )

    def action_reset(self) -> None:
        """Ctrl+N: clear everything from this session and start again for the next group."""
        from planner.tui.screens.dialogs import ConfirmDialog

        t = self._texts().get

        def confirmed(answer: str | None) -> None:
            if answer == "yes":
                self._session = None
                self.clear_notifications()
                while len(self.screen_stack) > 1:
                    self.pop_screen()
                self._workshop_start()

        self.push_screen(
            ConfirmDialog(t("ui.reset_ask"), t("ui.reset_yes"), t("ui.reset_no")), confirmed
        )

    # --- reviews and key dates --------------------------------------------------------------

    def action_review(self) -> None:
        """Ctrl+R: record a review of the plan (step 7 in use)."""
        from datetime import date

        from planner.tui.screens.review import ReviewScreen

        self.push_screen(
            ReviewScreen(self.conv.plan, self.conv.texts, date.today()), self._review_kept
        )

    def _review_kept(self, review: Any) -> None:
        from planner.domain.review import add_review

        if review is None:
            return
        self.conv.state.plan = add_review(self.conv.plan, review)
        self.session.save(self.conv.state)
        self.notify(self.t("ui.review_kept"), timeout=8)
        self._review_next(review)

    def _review_next(self, review: Any) -> None:
        """After a review: save its summary, or start the next version of the plan from it."""
        from planner.tui.screens.dialogs import Row, RowsDialog

        rows = self._format_rows()
        rows.append(Row(self.t("ui.review_next_version"), "next", self.t("ui.review_start")))
        dialog = RowsDialog(
            self.t("ui.review_done_title"), self.t("ui.review_done_intro"), rows, self.t("ui.close")
        )

        def chosen(value: str | None) -> None:
            if value == "next":
                self._next_version()
            elif value:
                self.run_worker(
                    lambda: self._render_review(review, value), thread=True, group="export"
                )
                self.call_later(lambda: self._review_next(review))

        self.push_screen(dialog, chosen)

    def _render_review(self, review: Any, fmt: str) -> None:
        from planner.render.export import Format, render_review, review_file_name

        chosen = Format(fmt)
        plan, locale = self.conv.plan, self.conv.locale
        self._make_file(
            lambda: render_review(plan, review, chosen, locale),
            review_file_name(plan, review, chosen),
            chosen,
        )

    def _next_version(self) -> None:
        """Start the next version of the plan: the same answers, back to step 1."""
        from planner.domain.review import next_version

        conv = self.conv
        old = conv.plan.version
        conv.state.plan = next_version(conv.plan)
        conv.jump(conv.flow.steps[0].id)
        self.session.save(conv.state)
        self.notify(self.t("ui.review_new_version", new=old + 1, old=old), timeout=12)
        self.call_later(self.main.refresh_view)

    def action_language(self) -> None:
        """Ctrl+L: speak another language from now on; every answer is kept."""
        from planner.i18n import language_choice, shipped_locales
        from planner.tui.screens.dialogs import Row, RowsDialog

        t, here = self.t, self.conv.locale
        rows = [  # each button in its own language, for someone who cannot read this one
            Row(language_choice(code, here), code, texts_for(code).get("ui.language_use"))
            for code in shipped_locales()
        ]
        dialog = RowsDialog(t("ui.language_title"), t("ui.language_intro"), rows, t("ui.close"))
        self.push_screen(dialog, self._language_chosen)

    def _language_chosen(self, locale: str | None) -> None:
        from planner.tui.screens.main import MainScreen

        if not locale or locale == self.conv.locale:
            return
        self.conv.set_locale(locale)
        while any(isinstance(s, MainScreen) for s in self.screen_stack):
            self.pop_screen()  # the old words go with the old screen; the answers stay
        self.clear_notifications()
        self._show_main()
        self.notify(self.conv.t("ui.language_changed"), timeout=6)

    def action_timeline(self) -> None:
        """Ctrl+T: key dates worked out from the dates the family gives."""
        from datetime import date

        from planner.dialogue.inputs import parse_date
        from planner.dialogue.schema import DateRule
        from planner.domain.errors import InputError
        from planner.domain.timeline import key_dates
        from planner.tui.screens.dialogs import Field, FormDialog, TextDialog

        names = (
            "requested",
            "draft_issued",
            "final_issued",
            "plan_started",
            "direct_payment_started",
        )
        found: dict[str, date] = {}

        def check(values: dict[str, str]) -> str | None:
            found.clear()
            for name in names:
                raw = values[name].strip()
                if not raw:
                    continue
                try:
                    found[name] = parse_date(raw, DateRule.ANY, date.today())
                except InputError as error:
                    label = self.t(f"ui.dates_{name}")
                    return f"{label}: {self.t(error.key, **error.params)}"
            return None if found else self.t("ui.dates_none")

        def done(result: str | None) -> None:
            if not result:
                return
            from planner.domain.rules import under_five

            started = found.get("plan_started") or date.today()
            dates = key_dates(**found, under_five=under_five(self.conv.plan, started))
            from babel.dates import format_date

            locale = self.conv.locale
            lines = [
                f"- **{format_date(k.day, 'EEEE d MMMM y', locale=locale)}**: {self.t(k.key)}"
                for k in dates
            ]
            text = "\n".join([*lines, "", self.t("timeline.check")])
            self.push_screen(
                TextDialog(self.t("ui.dates_title"), text, self.t("ui.close"), markdown=True)
            )

        dialog = FormDialog(
            self.t("ui.dates_title"),
            self.t("ui.dates_intro"),
            [Field(name, self.t(f"ui.dates_{name}")) for name in names],
            ok=self.t("ui.dates_ok"),
            close=self.t("ui.close"),
            check=check,
        )
        self.push_screen(dialog, done)
