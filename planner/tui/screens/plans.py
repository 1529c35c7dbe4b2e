"""Saved plans: a family's own list at the start, or a keyworker's caseload.

Search and filters work on rows held in memory, so the list stays instant with 1,000 plans.
Every action (open, new, rename, copy, delete, versions, notes, save as JSON, bring in JSON) is a
key and a clickable word; nothing is deleted without a "yes".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from planner.i18n import Texts, format_moment
from planner.services.caseload import (
    FINISHED,
    NOT_STARTED,
    CaseFilter,
    Caseload,
    CaseRow,
    Changed,
    VersionRow,
    filter_rows,
    step_words,
)
from planner.store.files import StoreError
from planner.tui.keys import hint
from planner.tui.text import plain_text

if TYPE_CHECKING:
    from planner.store.schema import Note

ACTIONS: tuple[tuple[str, str, str, bool], ...] = (
    ("enter", "open", "open", False),
    ("n", "new", "new", False),
    ("r", "rename", "rename", False),
    ("c", "copy", "copy", False),
    ("d", "delete", "delete", False),
    ("v", "versions", "versions", False),
    ("o", "notes", "notes", True),
    ("e", "export_json", "export_json", False),
    ("i", "import_json", "import_json", False),
)
"""(key, action, word, keyworker only). Letters work when the list has the focus."""
T = TypeVar("T")

CSS = """
PlansScreen { layout: vertical; }
#plans-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
#plans-intro { padding: 1 1 0 1; height: auto; }
#filters { height: auto; padding: 1 1 0 1; }
#search { width: 1fr; }
#step-filter { width: 26; }
#changed-filter { width: 26; }
#noted { width: auto; }
#cases { height: 1fr; margin: 1 1 0 1; }
#count { height: 1; padding: 0 1; color: $text-muted; }
#plan-keys { height: auto; padding: 0 1; background: $panel; }
"""


class PlansScreen(Screen[None]):
    """The list of saved plans, with search, filters and an action for each key."""

    DEFAULT_CSS = CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, action, word, show=False, id=f"plans.{action}")
            for key, action, word, _ in ACTIONS
            if key != "enter"
        ),
        Binding("slash", "search", "search", show=False, id="plans.search"),
    ]

    @dataclass
    class Open(Message):
        """Open this saved plan."""

        code: str

    class New(Message):
        """Start a new plan."""

    def __init__(
        self, caseload: Caseload | None, texts: Texts, *, keyworker: bool, can_import: bool
    ) -> None:
        super().__init__()
        self.caseload = caseload
        self.texts = texts
        self.keyworker = keyworker
        self.can_import = can_import
        self.rows: list[CaseRow] = []
        self.shown: list[CaseRow] = []
        self.changed: dict[str, Text] = {}
        """Each plan's last change as shown, worked out once per reload (not per keystroke)."""

    def t(self, key: str, **params: object) -> str:
        return self.texts.get(key, **params)

    def compose(self) -> ComposeResult:
        t = self.t
        which = "caseload" if self.keyworker else "plans"
        yield Static(t(f"ui.{which}_title"), id="plans-title", markup=False)
        yield Static(t(f"ui.{which}_intro"), id="plans-intro", markup=False)
        steps = [(t("ui.filter_step_any"), -1), (t("ui.filter_step_0"), NOT_STARTED)]
        steps += [(t("ui.filter_step_n", number=n), n) for n in range(1, 8)]
        steps.append((t("ui.filter_step_8"), FINISHED))
        with Horizontal(id="filters"):
            yield Input(placeholder=t("ui.plans_search"), id="search")
            yield Select(steps, value=-1, allow_blank=False, id="step-filter")
            yield Select(
                [(t(f"ui.filter_changed_{c.value}"), c.value) for c in Changed],
                value=Changed.ANY.value,
                allow_blank=False,
                id="changed-filter",
            )
            if self.keyworker:
                yield Checkbox(t("ui.filter_noted"), id="noted")
        table: DataTable[str] = DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="count", markup=False)
        yield Static(self._hints(), id="plan-keys")

    def _hints(self) -> str:
        hints = []
        for key, action, word, keyworker_only in ACTIONS:
            if keyworker_only and not self.keyworker:
                continue
            if action == "import_json" and not self.can_import:
                continue
            shown = "Enter" if key == "enter" else key.upper()
            hints.append(hint("screen", action, shown, self.t(f"ui.plans_{word}")))
        hints.append(hint("app", "quit_planner", "^Q", self.t("keyname.quit")))
        return "  ".join(hints)

    def on_mount(self) -> None:
        table = self.query_one("#cases", DataTable)
        t = self.t
        table.add_column(t("ui.col_name"), key="name")
        table.add_column(t("ui.col_step"), key="step")
        table.add_column(t("ui.col_changed"), key="changed")
        if self.keyworker:
            table.add_column(t("ui.col_notes"), key="notes")
        self.reload()
        table.focus()  # letters are actions; "/" goes to the search box

    # --- the rows ---------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the saved plans again (after a change) and show them."""
        caseload = self.caseload
        self.rows = (
            [] if caseload is None else self._tried(lambda: caseload.rows(notes=self.keyworker), [])
        )
        locale = self.texts.locale
        self.changed = {r.plan_id: plain_text(format_moment(r.updated, locale)) for r in self.rows}
        self.show(select)

    def current_filter(self) -> CaseFilter:
        step = self.query_one("#step-filter", Select).value
        changed = self.query_one("#changed-filter", Select).value
        noted = self.query("#noted")
        return CaseFilter(
            text=self.query_one("#search", Input).value,
            step=None if not isinstance(step, int) or step < 0 else step,
            changed=Changed(changed) if isinstance(changed, str) else Changed.ANY,
            noted_only=bool(noted) and self.query_one("#noted", Checkbox).value,
        )

    def show(self, select: str | None = None) -> None:
        """Fill the table with the rows that match."""
        table = self.query_one("#cases", DataTable)
        self.shown = filter_rows(self.rows, self.current_filter(), datetime.now(UTC))
        table.clear()
        t = self.t
        no_name = t("word.no_name")
        steps: dict[int, Text] = {}  # a few steps, a thousand rows: each step's words once
        for row in self.shown:
            step = steps.get(row.step)
            if step is None:
                step = steps[row.step] = plain_text(step_words(self.texts, row.step))
            cells = [
                plain_text(row.name or no_name),  # a name is the family's words, never markup
                step,
                self.changed[row.plan_id],
            ]
            if self.keyworker:
                cells.append(plain_text("✎" if row.noted else ""))
            table.add_row(*cells, key=row.plan_id)
        if select is not None and select in {r.plan_id for r in self.shown}:
            table.move_cursor(row=table.get_row_index(select))
        if not self.rows:
            count = t("ui.plans_none")
        else:
            from babel.numbers import format_decimal

            count = self.texts.plural(
                "ui.plans_count",
                len(self.rows),
                shown=format_decimal(len(self.shown), locale=self.texts.locale),
                total=format_decimal(len(self.rows), locale=self.texts.locale),
            )
        self.query_one("#count", Static).update(count)

    @on(Input.Changed, "#search")
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _filter(self) -> None:
        self.show()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        if self.shown:
            self.query_one("#cases", DataTable).focus()

    @on(DataTable.RowSelected, "#cases")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(self.Open(event.row_key.value))

    def chosen(self) -> CaseRow | None:
        """The row under the cursor, if any; else a gentle word."""
        table = self.query_one("#cases", DataTable)
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            self.notify(self.t("ui.plans_choose_first"))
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return next((r for r in self.shown if r.plan_id == key), None)

    # --- the actions ---------------------------------------------------------------------

    def _tried(self, work: Callable[[], T], failed: T) -> T:
        """``work()`` on the saved plans; a problem is said plainly, and ``failed`` comes back."""
        try:
            return work()
        except StoreError as error:
            self.notify(self.t(error.key, **error.params), severity="error", timeout=10)
            return failed

    def _done(self, work: Callable[[], None]) -> bool:
        """Whether ``work()`` on the saved plans was done (a problem is said plainly)."""

        def did() -> bool:
            work()
            return True

        return self._tried(did, False)

    def _for_chosen(self, act: Callable[[Caseload, CaseRow], object]) -> None:
        row = self.chosen()
        if row is not None and self.caseload is not None:
            act(self.caseload, row)

    def _reload_after(self, select: str) -> Callable[[object], None]:
        """When a dialog closes, read the plans again, with ``select`` chosen."""
        return lambda _: self.reload(select)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_open(self) -> None:
        self._for_chosen(lambda _, row: self.post_message(self.Open(row.plan_id)))

    def action_new(self) -> None:
        self.post_message(self.New())

    def action_rename(self) -> None:
        from planner.tui.screens.plans_dialogs import RenameDialog

        self._for_chosen(
            lambda caseload, row: self.app.push_screen(
                RenameDialog(caseload, row, self.texts), self._reload_after(row.plan_id)
            )
        )

    def action_copy(self) -> None:
        def copy(caseload: Caseload, row: CaseRow) -> None:
            code = self._tried(lambda: caseload.copy(row.plan_id), None)
            if code is not None:
                self.notify(self.t("ui.copied", name=row.name or ""))
                self.reload(code)

        self._for_chosen(copy)

    def action_delete(self) -> None:
        from planner.tui.screens.dialogs import ConfirmDialog
        from planner.tui.screens.plans_dialogs import shown_name

        def ask(caseload: Caseload, row: CaseRow) -> None:
            name = shown_name(self.texts, row)

            def confirmed(answer: str | None) -> None:
                if answer == "yes" and self._done(lambda: caseload.delete(row.plan_id)):
                    self.notify(self.t("ui.deleted", name=name))
                    self.reload()

            question = self.t("ui.confirm_delete", name=name)
            dialog = ConfirmDialog(question, self.t("ui.yes_delete"), self.t("ui.no_keep"))
            self.app.push_screen(dialog, confirmed)

        self._for_chosen(ask)

    def action_versions(self) -> None:
        from planner.tui.screens.plans_dialogs import VersionsDialog

        def show(caseload: Caseload, row: CaseRow) -> None:
            no_versions: list[VersionRow] = []
            versions = self._tried(lambda: caseload.versions(row.plan_id), no_versions)
            dialog = VersionsDialog(row, versions, self.texts)
            self.app.push_screen(dialog, lambda number: self._look_at(caseload, row, number))

        self._for_chosen(show)

    def _look_at(self, caseload: Caseload, row: CaseRow, number: str | None) -> None:
        from planner.tui.screens.dialogs import VersionDialog

        if not number:
            return
        text = self._tried(lambda: caseload.version_text(row.plan_id, int(number)), None)
        if text is None:
            return
        t = self.t
        dialog = VersionDialog(
            t("ui.version_title", number=number), text, t("ui.restore"), t("ui.close")
        )

        def chosen(answer: str | None) -> None:
            if answer == "restore" and self._done(
                lambda: caseload.restore(row.plan_id, int(number))
            ):
                self.notify(t("ui.restored", number=number), timeout=10)
                self.reload(row.plan_id)

        self.app.push_screen(dialog, chosen)

    def action_notes(self) -> None:
        from planner.tui.screens.plans_dialogs import NotesDialog

        def show(caseload: Caseload, row: CaseRow) -> None:
            no_notes: list[Note] = []
            found = self._tried(lambda: caseload.notes(row.plan_id), no_notes)
            locale = self.texts.locale
            notes = [(format_moment(n.written, locale), n.text) for n in found]
            dialog = NotesDialog(caseload, row, self.texts, notes)
            self.app.push_screen(dialog, self._reload_after(row.plan_id))

        if self.keyworker:
            self._for_chosen(show)

    def action_export_json(self) -> None:
        from planner.tui.delivery import make_and_send

        def save(caseload: Caseload, row: CaseRow) -> None:
            make = lambda: caseload.plan_json(row.plan_id)  # noqa: E731
            self.run_worker(
                lambda: make_and_send(self.app, make, self.texts), thread=True, group="export"
            )

        self._for_chosen(save)

    def action_import_json(self) -> None:
        from planner.tui.screens.plans_dialogs import ImportDialog

        if not self.can_import or self.caseload is None:
            return
        dialog = ImportDialog(self.caseload, self.texts)

        def done(result: str | None) -> None:
            if result and dialog.brought:
                self.notify(self.t("ui.imported"))
                self.reload(dialog.brought)

        self.app.push_screen(dialog, done)
