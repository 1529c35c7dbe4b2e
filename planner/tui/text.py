"""Turning plain text into Textual markup: escaped, with glossary words made clickable."""

from __future__ import annotations

import re
from functools import cache

from textual.markup import escape

from planner.content.knowledge import glossary


@cache
def _terms(locale: str) -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for term in glossary(locale):
        for name in (term.term, *term.also):
            if len(name) > 3 or name.isupper():
                names.setdefault(name.lower(), term.term)
    ordered = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in ordered) + r")\b", re.IGNORECASE)
    return pattern, names


def with_terms(text: str, locale: str) -> str:
    """Markup for ``text`` in which the first mention of each glossary word opens its meaning."""
    pattern, names = _terms(locale)
    seen: set[str] = set()
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        term = names[match.group(0).lower()]
        if term in seen:
            continue
        seen.add(term)
        out.append(escape(text[last : match.start()]))
        argument = term.replace("'", "\\'")
        out.append(f"[@click=app.define('{argument}')][u]{escape(match.group(0))}[/u][/]")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)
