"""Ask anything: a question in the family's own words, answered from the FAQ and the glossary.

The ranking is BM25 (the ``bm25s`` library) over two fields of each entry: its names (the
question or term, and the other ways people ask for it) and its body (the answer or meaning),
the names weighing more. Words are reduced to their stems with the Snowball stemmers
(``PyStemmer``, English and Polish); a misspelt word is mapped onto the nearest word the content
uses (``rapidfuzz``). The few words families use for things the answers name differently
("nan", "PA", "respite") are data, in ``content/<locale>/ask_words.yaml``.

When nothing matches well the reply says it is not sure and offers the closest topics, rather
than a confident wrong answer. Where an answer touches the family's own plan,
:mod:`planner.content.ask_context` adds what it means for them.

Everything is offline. The index is built on first use (about 0.4 s in a fresh process, most
of it importing NumPy and bm25s), never on the start-up path: the ask screen builds it while the
family types.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from datetime import date
from functools import cache, partial
from typing import TYPE_CHECKING, Any

import yaml

from planner.content.knowledge import faq, glossary
from planner.i18n import SOURCE_LOCALE, fold
from planner.paths import data_path

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    from bm25s import BM25

    from planner.domain.models import Plan

MAX_ANSWERS = 3
NAMES_WEIGHT = 1.0
BODY_WEIGHT = 0.4
"""How much a match in an answer's text counts beside a match in its question or other names."""
MEANING_WEIGHT = 1.5
"""How much a glossary term counts when the question asks what something means..."""
TERM_WEIGHT = 0.7
"""...and when it does not: then a family's question comes before a word's meaning."""
NAMED_WEIGHT = 1.5
"""How much more a glossary term counts when the question asks what it means and names it in
full ("what does personal budget mean" is about that term, not "personal health budget")."""
SURE_COVERAGE = 0.3
"""The share of the question's weight (its rarer words count more) the best answer must match
for the reply to be sure of it..."""
SURE_NAMES = 0.0
"""...and it must match the answer's question, term or other names, not only its text: a
question that only brushes an answer's text is not answered by it."""
SPELLING_CUTOFF = 85
SPELLING_MIN_LENGTH = 5


@dataclass(frozen=True)
class Found:
    """One answer to "ask anything": what it is, its title and its text, and what it means for
    the family's own plan when it touches it."""

    kind: str
    key: str
    title: str
    text: str
    score: float
    yours: str = ""


@dataclass(frozen=True)
class Reply:
    """The answers to one question. ``sure`` is false when nothing matched well: ``found`` then
    holds the closest topics, to offer rather than to answer with."""

    found: tuple[Found, ...] = ()
    sure: bool = False

    def __bool__(self) -> bool:
        return self.sure and bool(self.found)


@dataclass(frozen=True)
class _Words:
    """A locale's word lists: filler words, and family words (stems) with what they mean."""

    stopwords: frozenset[str]
    family: dict[str, tuple[str, ...]]
    phrases: dict[str, str]
    define: tuple[str, ...]

    def asks_meaning(self, text: str) -> bool:
        """Whether ``text`` asks what something means ("what's a nominee")."""
        joined = f" {' '.join(_split(text))} "
        return any(f" {phrase} " in joined for phrase in self.define)


@dataclass
class _Index:
    keys: list[tuple[str, str, str, str]]
    names: BM25
    body: BM25
    documents: list[set[str]]
    idf: dict[str, float]
    vocabulary: list[str]
    known: frozenset[str]
    words: _Words
    stem: Any
    terms: np.ndarray
    term_names: list[frozenset[str]]
    unknown_idf: float


def _stemmer(locale: str) -> Any:
    """The Snowball stemmer for the locale's language (English where Snowball has none)."""
    import Stemmer
    from babel import Locale

    name = Locale(Locale.parse(locale).language).english_name or ""
    return Stemmer.Stemmer(name.lower() if name.lower() in Stemmer.algorithms() else "english")


def _words_file(locale: str) -> dict[str, Any]:
    for candidate in (locale, SOURCE_LOCALE):
        path = data_path("content", candidate, "ask_words.yaml")
        if path.exists():
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
            return loaded if isinstance(loaded, dict) else {}
    return {}


def _split(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text).replace("'", "").replace("\u2019", ""))


def _load_words(locale: str, stem: Any) -> _Words:
    data = _words_file(locale)
    stopwords = frozenset(_split(str(data.get("stopwords", ""))))
    family: dict[str, tuple[str, ...]] = {}
    phrases: dict[str, str] = {}
    for said, meaning in (data.get("family_words") or {}).items():
        spoken = _split(str(said))
        meant = tuple(stem.stemWord(w) for w in _split(str(meaning)) if w not in stopwords)
        if len(spoken) == 1:
            family[stem.stemWord(spoken[0])] = meant
        elif spoken:
            meant_words = [w for w in _split(str(meaning)) if w not in stopwords]
            phrases[" ".join(spoken)] = " ".join(meant_words)
    define = tuple(" ".join(_split(str(p))) for p in data.get("define_words") or [])
    return _Words(stopwords=stopwords, family=family, phrases=phrases, define=define)


def _stems(text: str, words: _Words, stem: Any) -> list[str]:
    """Stems of the meaningful words of an entry's text."""
    return [stem.stemWord(w) for w in _split(text) if w not in words.stopwords]


Group = tuple[tuple[str, ...], ...]
"""One word of a question: its ways of being said, each a run of stems; a family word has two
(itself, and what it means), and the best of them counts, once."""


def _question(text: str, index: _Index) -> list[Group]:
    """The meaningful words of a question, one group each: the word's stem, and the stems of
    what it means when it is a family word. Misspelt words are mended first; a family phrase
    ("said no") adds a group of its own."""
    words, stem = index.words, index.stem
    raw = _split(text)
    joined = f" {' '.join(raw)} "
    groups: list[Group] = [
        (tuple(stem.stemWord(w) for w in meaning.split()),)
        for phrase, meaning in words.phrases.items()
        if meaning and f" {phrase} " in joined
    ]
    for word in _mend([w for w in raw if w not in words.stopwords], index):
        stemmed = stem.stemWord(word)
        meaning = words.family.get(stemmed)
        groups.append(((stemmed,), meaning) if meaning else ((stemmed,),))
    return groups


def _mend(words: list[str], index: _Index) -> list[str]:
    """Map misspelt words onto the nearest word the content uses ("seperate" to "separate").
    Short words are left alone: too many real words are one letter from another."""
    from rapidfuzz import fuzz, process

    mended = []
    for word in words:
        if word in index.known or len(word) < SPELLING_MIN_LENGTH or word.isdigit():
            mended.append(word)
            continue
        match = process.extractOne(
            word, index.vocabulary, scorer=fuzz.ratio, score_cutoff=SPELLING_CUTOFF
        )
        mended.append(match[0] if match else word)
    return mended


def _entries(locale: str) -> list[tuple[tuple[str, str, str, str], str, str]]:
    """(kind, key, title, text), names and body of every FAQ entry and glossary term."""
    rows = [
        (
            ("faq", q.id, q.question, f"{q.answer}\n{q.next}"),
            " ".join([q.question, *q.also]),
            q.answer,
        )
        for q in faq(locale)
    ]
    rows += [
        (("term", t.term, t.term, f"{t.short}\n{t.more}"), " ".join([t.term, *t.also]), t.short)
        for t in glossary(locale)
    ]
    return rows


_lock = threading.Lock()


@cache
def _built(locale: str) -> _Index:
    import bm25s

    stem = _stemmer(locale)
    words = _load_words(locale, stem)
    rows = _entries(locale)
    names = [_stems(n, words, stem) for _, n, _ in rows]
    bodies = [_stems(b, words, stem) for _, _, b in rows]
    indexes = []
    for corpus in (names, bodies):
        bm25 = bm25s.BM25()
        bm25.index(corpus, show_progress=False)
        indexes.append(bm25)
    documents = [set(n) | set(b) for n, b in zip(names, bodies, strict=True)]
    count = len(documents)
    seen: dict[str, int] = {}
    for document in documents:
        for token in document:
            seen[token] = seen.get(token, 0) + 1
    idf = {token: math.log(1 + count / n) for token, n in seen.items()}
    vocabulary = sorted(
        {w for _, n, b in rows for w in _split(f"{n} {b}") if w not in words.stopwords}
        | {w for said in _words_file(locale).get("family_words") or {} for w in _split(str(said))}
    )
    import numpy as np

    return _Index(
        keys=[key for key, _, _ in rows],
        terms=np.array([key[0] == "term" for key, _, _ in rows]),
        term_names=[
            frozenset(_stems(key[2], words, stem)) if key[0] == "term" else frozenset()
            for key, _, _ in rows
        ],
        names=indexes[0],
        body=indexes[1],
        documents=documents,
        idf=idf,
        vocabulary=vocabulary,
        known=frozenset(vocabulary),
        words=words,
        stem=stem,
        unknown_idf=max(idf.values()),
    )


def stems(text: str, locale: str = SOURCE_LOCALE) -> list[str]:
    """The stems of every word of ``text`` ("babci" and "Babcia" both give "babc")."""
    with _lock:
        stem = _built(locale).stem
    return [stem.stemWord(word) for word in _split(text)]


def prepare(locale: str = SOURCE_LOCALE) -> None:
    """Build the index for ``locale`` now (the ask screen calls this while the family types)."""
    with _lock:
        _built(locale)


def _coverage(groups: Sequence[Group], document: set[str], index: _Index) -> float:
    """The share of the question's weight an entry matches: each word weighs its rarity in the
    content (a word the content never uses weighs as much as the rarest one), and counts as
    matched when it, or what it means, is in the entry."""
    total = matched = 0.0
    for group in groups:
        weight = index.idf.get(group[0][0], index.unknown_idf)
        total += weight
        if any(token in document for said in group for token in said):
            matched += weight
    return matched / total if total else 0.0


def _scores(groups: Sequence[Group], bm25: BM25, size: int) -> np.ndarray:
    """Each entry's BM25 score for the question: per word, the best of its ways of being said
    (a run of stems scores its average), added up."""
    import numpy as np

    total = np.zeros(size, dtype=np.float32)
    for group in groups:
        ways = [np.mean([bm25.get_scores([token]) for token in said], axis=0) for said in group]
        total += np.max(ways, axis=0)
    return total


def ask(
    text: str,
    locale: str = SOURCE_LOCALE,
    *,
    plan: Plan | None = None,
    today: date | None = None,
) -> Reply:
    """The best one to three answers to a question in the family's own words; with the family's
    plan, what each answer means for them."""
    with _lock:
        index = _built(locale)
    groups = _question(text, index)
    if not groups:
        return Reply()
    size = len(index.keys)
    by_names = _scores(groups, index.names, size)
    scores = NAMES_WEIGHT * by_names + BODY_WEIGHT * _scores(groups, index.body, size)
    meaning = index.words.asks_meaning(text)
    scores = scores * (1 + ((MEANING_WEIGHT if meaning else TERM_WEIGHT) - 1) * index.terms)
    said = {token for group in groups for way in group for token in way}
    for position, name in enumerate(index.term_names):
        if meaning and name and name <= said:
            scores[position] *= NAMED_WEIGHT
    ranked = sorted(range(len(index.keys)), key=lambda i: float(scores[i]), reverse=True)
    best = [i for i in ranked[:MAX_ANSWERS] if scores[i] > 0]
    if not best:
        return Reply()
    sure = (
        _coverage(groups, index.documents[best[0]], index) >= SURE_COVERAGE
        and float(by_names[best[0]]) > SURE_NAMES
    )
    found = []
    for position in best:
        kind, key, title, answer = index.keys[position]
        yours = None
        if plan is not None and sure:
            from planner.content.ask_context import for_your_plan

            yours = for_your_plan(
                kind,
                key,
                text,
                plan=plan,
                today=today or date.today(),
                locale=locale,
                stems=partial(stems, locale=locale),
            )
        found.append(
            Found(kind, key, title, answer, round(float(scores[position]), 2), yours or "")
        )
    return Reply(found=tuple(found), sure=sure)
