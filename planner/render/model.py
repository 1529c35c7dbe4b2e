"""The document model every writer walks: a title, status lines, and sections of paragraphs,
lists and tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Table:
    """A table with a caption, a header row and body rows (the first cell names the row)."""

    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    """A titled part of the document. ``level`` 2 is a main section, 3 a part of one."""

    title: str
    level: int = 2
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    parts: list[Section] = field(default_factory=list)
    id: str = ""
    notes: list[str] = field(default_factory=list)
    """Paragraphs shown after the tables."""


@dataclass
class Document:
    """A whole draft support plan."""

    lang: str
    title: str
    status: list[str]
    sections: list[Section]
    english: frozenset[str] = frozenset()
    """In a bilingual document: the lines that are the English copy (shown set apart, and
    marked as English for screen readers)."""


Notes = Sequence[tuple[datetime, str]]
"""A practitioner's notes: when each was written, and what it says."""
