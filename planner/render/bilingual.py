"""A bilingual document: the family's language with the English under each part, for the
council."""

from __future__ import annotations

from planner.i18n import SOURCE_LOCALE, language_name, texts_for
from planner.render.model import Document, Section, Table


def bilingual(family: Document, english: Document) -> Document:
    """The family's document with the English beside each part, for the council.

    Both are built from the same plan, so they have the same shape; a line that reads the
    same in both (a name, an amount, the family's own words) is shown once.
    """
    added: set[str] = set()

    def pair(mine: str, theirs: str) -> str:
        return mine if mine == theirs else f"{mine} / {theirs}"

    def lines(mine: list[str], theirs: list[str]) -> list[str]:
        if len(mine) != len(theirs):  # a list that differs by language (words used): both
            added.update(b for b in theirs if b not in mine)
            return [*mine, *(b for b in theirs if b not in mine)]
        out: list[str] = []
        for a, b in zip(mine, theirs, strict=True):
            out.append(a)
            if a != b:
                out.append(b)
                added.add(b)
        return out

    def table(mine: Table, theirs: Table) -> Table:
        if len(mine.rows) != len(theirs.rows):
            return Table(pair(mine.caption, theirs.caption), mine.header, mine.rows)
        return Table(
            pair(mine.caption, theirs.caption),
            [pair(a, b) for a, b in zip(mine.header, theirs.header, strict=True)],
            [
                [pair(a, b) for a, b in zip(row, other, strict=True)]
                for row, other in zip(mine.rows, theirs.rows, strict=True)
            ],
        )

    def section(mine: Section, theirs: Section) -> Section:
        return Section(
            pair(mine.title, theirs.title),
            mine.level,
            lines(mine.paragraphs, theirs.paragraphs),
            lines(mine.items, theirs.items),
            [table(a, b) for a, b in zip(mine.tables, theirs.tables, strict=True)],
            [section(a, b) for a, b in zip(mine.parts, theirs.parts, strict=True)]
            if len(mine.parts) == len(theirs.parts)
            else mine.parts,
            mine.id,
            lines(mine.notes, theirs.notes),
        )

    locale = family.lang.replace("-", "_")
    note = texts_for(locale).get("doc.bilingual_note", language=language_name(locale, locale))
    english_note = texts_for().get(
        "doc.bilingual_note", language=language_name(locale, SOURCE_LOCALE)
    )
    return Document(
        lang=family.lang,
        title=pair(family.title, english.title),
        status=[*lines(family.status, english.status), *lines([note], [english_note])],
        sections=[section(a, b) for a, b in zip(family.sections, english.sections, strict=True)],
        english=frozenset(added),
    )
