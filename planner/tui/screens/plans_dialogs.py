"""The saved-plans list's dialogs: rename, notes, versions, bring in a file. Each does its work
through the caseload service in its check, and says a refusal in the form."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planner.i18n import Texts, format_moment
from planner.render.jsonio import PlanFileError
from planner.services.caseload import Caseload, CaseRow, VersionRow, step_words
from planner.store.files import StoreError
from planner.tui.screens.dialogs import Field, FormDialog, Row, RowsDialog


def tried(texts: Texts, work: Callable[[], object]) -> str | None:
    """Do ``work``; a refusal comes back as its message, in the family's language."""
    try:
        work()
    except (StoreError, PlanFileError) as error:
        return texts.get(error.key, **error.params)
    return None


def shown_name(texts: Texts, row: CaseRow) -> str:
    """A plan's name as listed, or "No name yet"."""
    return row.name or texts.get("word.no_name")


class RenameDialog(FormDialog):
    """The name a plan is listed under."""

    def __init__(self, caseload: Caseload, row: CaseRow, texts: Texts) -> None:
        t = texts.get

        def check(values: dict[str, str]) -> str | None:
            return tried(texts, lambda: caseload.rename(row.plan_id, values["name"]))

        super().__init__(
            t("ui.rename_title"),
            "",
            [Field("name", t("ui.rename_label"), value=row.name)],
            ok=t("ui.save"),
            close=t("ui.cancel"),
            check=check,
        )


class NotesDialog(FormDialog):
    """A keyworker's notes on a plan, and a box for a new one: kept apart from the plan."""

    def __init__(
        self, caseload: Caseload, row: CaseRow, texts: Texts, notes: list[tuple[str, str]]
    ) -> None:
        t = texts.get
        written = "\n\n".join(f"{when}: {text}" for when, text in notes)
        intro = t("ui.notes_intro") + "\n\n" + (written or t("ui.notes_none"))

        def check(values: dict[str, str]) -> str | None:
            return tried(texts, lambda: caseload.add_note(row.plan_id, values["note"]))

        super().__init__(
            t("ui.notes_title", name=shown_name(texts, row)),
            intro,
            [Field("note", t("ui.notes_new"))],
            ok=t("ui.notes_add"),
            close=t("ui.close"),
            check=check,
        )


class ImportDialog(FormDialog):
    """Bring in a plan from a JSON file on this computer; ``brought`` is its new code."""

    def __init__(self, caseload: Caseload, texts: Texts) -> None:
        t = texts.get
        self.brought: str | None = None

        def check(values: dict[str, str]) -> str | None:
            path = Path(values["path"].strip().strip("'\"")).expanduser()

            def bring() -> None:
                self.brought = caseload.bring_in(path)

            return tried(texts, bring)

        super().__init__(
            t("ui.import_title"),
            t("ui.import_intro"),
            [Field("path", t("ui.import_path"))],
            ok=t("ui.import_ok"),
            close=t("ui.cancel"),
            check=check,
        )


class VersionsDialog(RowsDialog):
    """Every saved version of a plan, each with Look; returns the version's number."""

    def __init__(self, row: CaseRow, versions: list[VersionRow], texts: Texts) -> None:
        t = texts.get
        rows = [
            Row(
                t(
                    "ui.version_line",
                    number=v.number,
                    saved=format_moment(v.saved, texts.locale),
                    step=step_words(texts, v.step),
                ),
                str(v.number),
                t("ui.look"),
            )
            for v in versions
        ]
        title = t("ui.versions_title", name=shown_name(texts, row))
        super().__init__(title, t("ui.versions_intro"), rows, t("ui.close"))
