"""The glossary, the families' questions (FAQ) and "ask anything".

Both live per locale in ``content/<locale>/glossary.yaml`` and ``faq.yaml``, falling back to
British English. :func:`ask` matches a question typed in the family's own words against them
with rapidfuzz, and returns the best one to three answers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from planner.i18n import SOURCE_LOCALE, fold
from planner.paths import data_path

MAX_ANSWERS = 3
GOOD_ENOUGH = 30.0
"""The lowest score shown as an answer: the share of the question's weight matched (0 to 100)."""
PHRASES = {
    "say no": "refuse",
    "said no": "refuse",
    "says no": "refuse",
    "turn down": "refuse",
    "turned down": "refuse",
    "left over": "unspent",
    "leftover": "unspent",
    "used up": "run out",
    "go into hospital": "hospital",
    "move house": "moving",
}

# Words that carry no meaning for matching a question.
STOPWORDS = frozenset(
    """a an the is are was were be been am i me my we our us you your he she it they them his
    her its their this that these those to of in on at for with by from and or but if then so
    do does did can could would should will shall may might must have has had what whats
    which who whom how when where why not no yes any some there here just about into out up
    as get got ok okay please tell explain mean means meaning actually stand stands really
    """.split()  # noqa: SIM905
)
SYNONYMS = {
    "nan": "relative",
    "nana": "relative",
    "gran": "relative",
    "grandma": "relative",
    "grandparent": "relative",
    "mum": "relative",
    "dad": "relative",
    "sister": "relative",
    "brother": "relative",
    "aunt": "relative",
    "family": "relative",
    "pa": "personal assistant",
    "carer": "personal assistant",
    "helper": "personal assistant",
    "ehcp": "ehc plan",
    "isf": "individual service fund",
    "dp": "direct payment",
    "pb": "personal budget",
    "phb": "personal health budget",
    "ras": "resource allocation system",
    "refused": "refuse",
    "refuses": "refuse",
    "turned": "refuse",
    "respite": "short break",
    "sixteen": "16",
    "taxis": "taxi",
    "cigarettes": "tobacco",
    "combine": "mix",
    "combination": "mix",
    "paid": "pay",
    "paying": "pay",
    "wage": "pay",
    "wages": "pay",
}


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


@dataclass(frozen=True)
class Found:
    """One answer to "ask anything": what it is, its title and its text."""

    kind: str
    key: str
    title: str
    text: str
    score: float


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


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


# Polish: filler words, and a rough stem (the start of a word) so that the many endings of one
# word ("płatność", "płatności", "płatnością") match each other.
POLISH_STOPWORDS = frozenset(
    """a aby albo ale bo by co czy do dla gdy i ich ile jak jaki jaka jakie jest jestem
    ja je jego jej juz kiedy kto ma mam mi mnie moge moj moja moje moze na nas nie nic no
    o od oraz po pod przez sa sie so ta tak te to tu w we z za ze zeby czym mozna prosze
    """.split()  # noqa: SIM905
)
POLISH_STEM = 6


def normalise(text: str, locale: str = SOURCE_LOCALE) -> str:
    """Lower case, no punctuation, no filler words, common words mapped to one stem."""
    if not locale.startswith("en"):
        words = re.findall(r"[a-z0-9]+", fold(text))
        return " ".join(w[:POLISH_STEM] for w in words if w not in POLISH_STOPWORDS)
    lowered = " " + " ".join(re.findall(r"[a-z0-9]+", fold(text).replace("'", ""))) + " "
    for phrase, meaning in PHRASES.items():
        lowered = lowered.replace(f" {phrase} ", f" {meaning} ")
    words = lowered.split()
    kept: list[str] = []
    for word in words:
        if word in STOPWORDS:
            continue
        kept.extend(_stem(w) for w in SYNONYMS.get(word, word).split())
    return " ".join(kept)


@dataclass(frozen=True)
class _Entry:
    kind: str
    key: str
    title: str
    text: str
    names: frozenset[str]
    body: frozenset[str]
    term: str


@dataclass(frozen=True)
class _Index:
    entries: tuple[_Entry, ...]
    idf: dict[str, float]


def _entry(  # noqa: PLR0917
    kind: str, key: str, title: str, text: str, names: list[str], body: str, *, locale: str
) -> _Entry:
    name_words = frozenset(w for n in names for w in normalise(n, locale).split())
    return _Entry(
        kind=kind,
        key=key,
        title=title,
        text=text,
        names=name_words,
        body=frozenset(normalise(body, locale).split()) - name_words,
        term=normalise(title, locale) if kind == "term" else "",
    )


@cache
def _index(locale: str) -> _Index:
    make = partial(_entry, locale=locale)
    entries = [
        make("faq", q.id, q.question, f"{q.answer}\n{q.next}", [q.question, *q.also], q.answer)
        for q in faq(locale)
    ]
    entries += [
        make("term", t.term, t.term, f"{t.short}\n{t.more}", [t.term, *t.also], t.short)
        for t in glossary(locale)
    ]
    count = len(entries)
    seen: dict[str, int] = {}
    for entry in entries:
        for word in entry.names | entry.body:
            seen[word] = seen.get(word, 0) + 1
    idf = {word: math.log(1 + count / n) for word, n in seen.items()}
    return _Index(entries=tuple(entries), idf=idf)


def _spelled(words: list[str], index: _Index) -> list[str]:
    """Map misspelt words onto the nearest word the answers use (rapidfuzz)."""
    from rapidfuzz import fuzz, process

    fixed = []
    for word in words:
        if word in index.idf or len(word) < 4:
            fixed.append(word)
            continue
        match = process.extractOne(word, index.idf.keys(), scorer=fuzz.ratio, score_cutoff=80)
        fixed.append(match[0] if match else word)
    return fixed


def _score(words: list[str], entry: _Entry, index: _Index) -> float:
    weights = [index.idf.get(w, 1.0) for w in words]
    total = sum(weights) or 1.0
    gained = sum(
        weight * (1.0 if word in entry.names else 0.35 if word in entry.body else 0.0)
        for word, weight in zip(words, weights, strict=True)
    )
    score = 100.0 * gained / total
    if entry.term and f" {entry.term} " in f" {' '.join(words)} ":
        covered = len(entry.term.split()) / len(words)
        score += 40.0 * covered
    return score


def ask(text: str, locale: str = SOURCE_LOCALE) -> list[Found]:
    """The best one to three answers to a question in the family's own words."""
    index = _index(locale)
    words = _spelled(normalise(text, locale).split(), index)
    if not words:
        return []
    scored = sorted(
        ((_score(words, entry, index), entry) for entry in index.entries),
        key=lambda pair: pair[0],
        reverse=True,
    )
    return [
        Found(kind=e.kind, key=e.key, title=e.title, text=e.text, score=round(s, 1))
        for s, e in scored[:MAX_ANSWERS]
        if s >= GOOD_ENOUGH
    ]
