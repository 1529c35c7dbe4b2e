"""Showing text that holds the family's words: never read as markup.

A child named ``[/b]`` or an outcome "Amy [Amelia]" must show exactly as typed. Widgets that
show such words take ``markup=False``, or a :func:`plain_text` object, or are put together from
plain parts and styles (as :func:`with_terms` does); markup strings are built only with
:func:`escape` around every piece of text."""

from __future__ import annotations

import re
from functools import cache

from rich.text import Text
from textual.style import Style

from planner.content.knowledge import glossary


def escape(text: str) -> str:
    """``text`` as markup that shows exactly as written: every ``[`` escaped.

    Textual's own ``escape`` (8.2) leaves a bracket before a capital letter alone, so "Amy
    [Amelia]" would lose "[Amelia]" as an unknown tag (Textualize/textual#6525), and it doubles
    backslashes that Textual's markup then shows twice. Escaping each bracket once round-trips
    every text (tests/test_hostile_text.py). A backslash right before a tag would escape the
    tag, so words that end in one get an invisible zero-width space after it.
    """
    escaped = text.replace("[", "\\[")
    return f"{escaped}\u200b" if escaped.endswith("\\") else escaped


def plain_text(text: str) -> Text:
    """Text shown exactly as written (for options, table cells and choices)."""
    return Text(text, end="")


@cache
def _terms(locale: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """A pattern matching every glossary word, and each word's place in the glossary."""
    names: dict[str, int] = {}
    for index, term in enumerate(glossary(locale)):
        for name in (term.term, *term.also):
            if len(name) > 3 or name.isupper():
                names.setdefault(name.lower(), index)
    ordered = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in ordered) + r")\b", re.IGNORECASE)
    return pattern, names


def link(action: str) -> Style:
    """The look of words that can be clicked to run ``action`` (underlined)."""
    return Style(underline=True) + Style.from_meta({"@click": action})


def with_terms(text: str, locale: str) -> list[str | tuple[str, Style]]:
    """``text`` in parts for :meth:`Content.assemble <textual.content.Content.assemble>`, in
    which the first mention of each glossary word opens its meaning. No part is read as markup.
    """
    pattern, names = _terms(locale)
    seen: set[int] = set()
    parts: list[str | tuple[str, Style]] = []
    last = 0
    for match in pattern.finditer(text):
        term = names[match.group(0).lower()]
        if term in seen:
            continue
        seen.add(term)
        parts.append(text[last : match.start()])
        parts.append((match.group(0), link(f"screen.define({term})")))
        last = match.end()
    parts.append(text[last:])
    return parts


def crash_report(screen: str) -> Text:
    """What is printed when the app stops on an error (called while it is being handled):
    where, and which error, from the planner's own code; never the error's message or any
    variable, which may hold a child's name or an answer."""
    import sys
    import traceback
    from pathlib import Path

    error = sys.exc_info()[1]
    if error is None:
        return Text(f"Support Planner stopped on {screen}.")
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if f"{Path('planner')}" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno} in {ours[-1].name}" if ours else ""
    return Text(f"Support Planner stopped on {screen}: {type(error).__name__} at {where}.")
