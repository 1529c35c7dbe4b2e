"""Saved plans: a family's own list at the start, or a keyworker's caseload.

Search and filters work on rows held in memory, so the list stays instant with 1,000 plans.
Every action (open, new, rename, copy, delete, versions, notes, save as JSON, bring in JSON) is a
key and a clickable word; nothing is deleted without a "yes".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from planner.caseload import FINISHED, NOT_STARTED, CaseFilter, CaseRow, Changed, filter_rows
from planner.i18n import Texts, format_moment

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp

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


def step_words(texts: Texts, step: int) -> str:
    """How far a plan has got, in a few words: "Getting started", "Step 3", "Finished"."""
    if step == NOT_STARTED:
        return texts.get("ui.filter_step_0")
    if step == FINISHED:
        return texts.get("ui.filter_step_8")
    return texts.get("ui.step_short", number=step)


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

    def __init__(self, texts: Texts, *, keyworker: bool, can_import: bool) -> None:
        super().__init__()
        self.texts = texts
        self.keyworker = keyworker
        self.can_import = can_import
        self.rows: list[CaseRow] = []
        self.shown: list[CaseRow] = []
        self.changed: dict[str, str] = {}
        """Each plan's last change as shown, worked out once per reload (not per keystroke)."""

    @property
    def planner(self) -> PlannerApp:
        """The app, typed."""
        from planner.tui.app import PlannerApp

        assert isinstance(self.app, PlannerApp)
        return self.app

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
            hints.append(f"[@click=screen.{action}][b]{shown}[/b] {self.t(f'ui.plans_{word}')}[/]")
        hints.append(f"[@click=app.quit_planner][b]^Q[/b] {self.t('keyname.quit')}[/]")
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
        self.rows = self.planner.plan_rows(notes=self.keyworker)
        locale = self.texts.locale
        self.changed = {r.plan_id: format_moment(r.updated, locale) for r in self.rows}
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
        for row in self.shown:
            cells = [
                row.name or no_name,
                step_words(self.texts, row.step),
                self.changed[row.plan_id],
            ]
            if self.keyworker:
                cells.append("✎" if row.noted else "")
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
            self.planner.open_plan(event.row_key.value)

    def chosen(self) -> CaseRow | None:
        """The row under the cursor, if any; else a gentle word."""
        table = self.query_one("#cases", DataTable)
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            self.notify(self.t("ui.plans_choose_first"))
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return next((r for r in self.shown if r.plan_id == key), None)

    # --- the actions (each one the app carries out) -----------------------------------------

    def _for_chosen(self, act: Callable[[CaseRow], None]) -> None:
        row = self.chosen()
        if row:
            act(row)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_open(self) -> None:
        self._for_chosen(lambda row: self.planner.open_plan(row.plan_id))

    def action_new(self) -> None:
        self.planner.new_plan()

    def action_rename(self) -> None:
        self._for_chosen(self.planner.rename_plan)

    def action_copy(self) -> None:
        self._for_chosen(self.planner.copy_plan)

    def action_delete(self) -> None:
        self._for_chosen(self.planner.delete_plan)

    def action_versions(self) -> None:
        self._for_chosen(self.planner.plan_versions)

    def action_notes(self) -> None:
        row = self.chosen() if self.keyworker else None
        if row:
            self.planner.plan_notes(row)

    def action_export_json(self) -> None:
        self._for_chosen(self.planner.export_plan_json)

    def action_import_json(self) -> None:
        if self.can_import:
            self.planner.import_plan_json()
