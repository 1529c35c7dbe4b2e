"""Saving a plan, or a review, as a file: one path for the app, line mode and ``planner export``.

A front end shows :func:`choices`, and hands the one chosen to :func:`plan_file`; what comes
back is the file's bytes, name and type, for the front end to deliver (a download in a
browser, the Downloads folder in a terminal, a path given on the command line).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.i18n import SOURCE_LOCALE, language_name

if TYPE_CHECKING:
    from planner.dialogue.state import SessionState
    from planner.domain.models import Plan, PlanReview
    from planner.render.export import Format
    from planner.services.session import Session

FORMATS = ("docx", "pdf", "html", "md", "json")
"""The file formats offered, in this order."""


@dataclass(frozen=True)
class Choice:
    """One way to save: a text key for its words, and the value handed back when chosen."""

    key: str
    value: str
    params: dict[str, object]


@dataclass(frozen=True)
class FileOut:
    """A file ready to hand to the family."""

    data: bytes
    name: str
    media_type: str


def format_choices(variant: str = "", **params: object) -> list[Choice]:
    """A choice for each format (value ``md``), or for a ``variant`` of the documents (value
    ``md+notes``): the JSON file is the family's plan alone, so it has no variants."""
    if not variant:
        return [Choice(f"ui.export_{fmt}", fmt, {}) for fmt in FORMATS]
    return [
        Choice(f"ui.export_{fmt}_{variant}", f"{fmt}+{variant}", params)
        for fmt in FORMATS
        if fmt != "json"
    ]


def choices(locale: str, *, notes: bool) -> list[Choice]:
    """Every way to save a plan here: each format; with a keyworker's ``notes``; and, in a
    language other than English, with the English beside it for the council."""
    found = format_choices()
    if notes:
        found += format_choices("notes")
    if locale != SOURCE_LOCALE:
        found += format_choices("bilingual", language=language_name(locale, locale))
    return found


def plan_file(session: Session, value: str) -> FileOut:
    """The plan as the file chosen (a :class:`Choice` value such as ``docx+bilingual``)."""
    from planner.dialogue.state import Place
    from planner.render.export import Format, file_name, render

    fmt, _, variant = value.partition("+")
    chosen = Format(fmt)
    conv = session.conversation
    notes = None
    if variant == "notes" and session.store is not None:
        notes = [(n.written, n.text) for n in session.store.notes(session.code)]
    both = variant == "bilingual"
    place = Place.of(conv.state) if chosen is Format.JSON else None
    data = render(conv.plan, chosen, conv.locale, notes=notes, with_english=both, place=place)
    return FileOut(
        data, file_name(conv.plan, chosen, conv.locale if both else ""), chosen.media_type
    )


def review_file(plan: Plan, review: PlanReview, fmt: str, locale: str) -> FileOut:
    """A review's summary in one format."""
    from planner.render.export import Format, render_review, review_file_name

    chosen = Format(fmt)
    data = render_review(plan, review, chosen, locale)
    return FileOut(data, review_file_name(plan, review, chosen), chosen.media_type)


def plan_json(state: SessionState) -> FileOut:
    """A saved plan as a JSON file, to keep or to bring in on another computer: it opens
    again at the question the family was at."""
    from planner.dialogue.state import Place
    from planner.render.export import Format, file_name, render

    data = render(state.plan, Format.JSON, place=Place.of(state))
    return FileOut(data, file_name(state.plan, Format.JSON), "application/json")


def write_plan(
    plan: Plan,
    fmt: Format,
    language: str,
    output: Path,
    *,
    with_english: bool = False,
    state: SessionState | None = None,
) -> None:
    """Write the plan to ``output`` atomically (raises ``OSError``); a JSON file of a saved
    plan (``state``) says where the family was, so it opens again at the same question."""
    from planner.dialogue.state import Place
    from planner.files import atomic_write
    from planner.render.export import render

    place = Place.of(state) if state is not None else None
    atomic_write(output, render(plan, fmt, language, with_english=with_english, place=place))


def save_download(data: bytes, name: str) -> Path:
    """Write a file into the Downloads folder, next to (never over) an earlier one.

    The terminal app and line mode both save here (Textual 8.2.8's own terminal delivery
    opens binary files with a text encoding and fails).
    """
    from platformdirs import user_downloads_path

    from planner.files import atomic_write, unique_path

    path = unique_path(user_downloads_path(), name)
    atomic_write(path, data)
    return path
