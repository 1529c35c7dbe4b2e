"""The glossary and the families' questions (FAQ).

Both live per locale in ``content/<locale>/glossary.yaml`` and ``faq.yaml``, falling back to
British English. "Ask anything" searches them: see :mod:`planner.content.ask`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from planner.i18n import SOURCE_LOCALE
from planner.paths import data_path


class Term(BaseModel):
    """A glossary term: a one-sentence meaning and a longer explanation."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    term: str = Field(min_length=1)
    also: list[str] = Field(default_factory=list)
    short: str = Field(min_length=1)
    more: str = Field(min_length=1)


class Question(BaseModel):
    """A question families ask, answered with what to do next."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    question: str = Field(min_length=1)
    also: list[str] = Field(default_factory=list)
    answer: str = Field(min_length=1)
    next: str = Field(min_length=1)


def _load(name: str, locale: str) -> Any:
    for candidate in (locale, SOURCE_LOCALE):
        path = data_path("content", candidate, name)
        if path.exists():
            return yaml.safe_load(path.read_text(encoding="utf-8"))
    return []


@cache
def glossary(locale: str = SOURCE_LOCALE) -> tuple[Term, ...]:
    """Every glossary term, in alphabetical order."""
    from planner.cache import cached

    def build() -> tuple[Term, ...]:
        terms = [Term.model_validate(t) for t in _load("glossary.yaml", locale)]
        return tuple(sorted(terms, key=lambda t: t.term.lower()))

    sources = [data_path("content", n, "glossary.yaml") for n in {locale, SOURCE_LOCALE}]
    return cached(f"glossary-{locale}", list(filter(Path.exists, sources)), build)


@cache
def faq(locale: str = SOURCE_LOCALE) -> tuple[Question, ...]:
    """Every question families ask, in file order."""
    return tuple(Question.model_validate(q) for q in _load("faq.yaml", locale))


def find_term(name: str, locale: str = SOURCE_LOCALE) -> Term | None:
    """A glossary term by its name or another word for it."""
    wanted = name.strip().lower()
    for term in glossary(locale):
        if wanted == term.term.lower() or wanted in (a.lower() for a in term.also):
            return term
    return None


def search_glossary(text: str, locale: str = SOURCE_LOCALE) -> list[Term]:
    """Terms whose name, other words or meaning contain ``text`` (for the glossary screen)."""
    wanted = text.strip().lower()
    if not wanted:
        return list(glossary(locale))
    return [
        t
        for t in glossary(locale)
        if wanted in t.term.lower()
        or any(wanted in a.lower() for a in t.also)
        or wanted in t.short.lower()
    ]


@cache
def measure_words(locale: str = SOURCE_LOCALE) -> frozenset[str]:
    """The words that make an outcome checkable in a language ("once", "weekly", "term"), from
    ``content/<locale>/measures.yaml`` (British English where a language has none)."""
    data = _load("measures.yaml", locale)
    return frozenset(str(data.get("words", "") if isinstance(data, dict) else "").split())
