"""Allocation packs: a council's (or an example's) questions, points and bands, as data.

A pack lives in ``content/packs/<name>/pack.yaml``. Each question is an area of need with
answer options worth points; the total points fall into a band with an indicative amount.
Packs carry their own texts per locale, their source and year, and a disclaimer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planner.domain.errors import problem_lines
from planner.domain.models import Money
from planner.domain.vocab import CostBasis, FundingStream, SupportKind
from planner.paths import data_path

Name = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=60)]


class PackModel(BaseModel):
    """Base for pack models: unknown keys are mistakes."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PackOption(PackModel):
    """One answer to an allocation question, and its points."""

    id: Name
    points: int = Field(ge=0, le=10_000)


class PackQuestion(PackModel):
    """One area of need."""

    id: Name
    options: list[PackOption] = Field(min_length=2)


class Band(PackModel):
    """A range of points (inclusive) and its indicative yearly amount.

    ``amount`` is empty for a band the source does not give a figure for.
    """

    name: str = Field(min_length=1, max_length=80)
    low: int = Field(ge=0)
    high: int | None = Field(default=None, ge=0)
    amount: Money | None = None


class CatalogueEntry(PackModel):
    """A kind of support with an example price, to start a support item from."""

    id: Name
    kind: SupportKind
    cost_basis: CostBasis
    price: Money
    year: int = Field(ge=2000, le=2100)


class Pack(PackModel):
    """A whole allocation pack."""

    id: Name
    stream: FundingStream
    source: str = Field(min_length=1)
    year: str = Field(min_length=4, max_length=20)
    example_only: bool = True
    questions: list[PackQuestion] = Field(min_length=1)
    bands: list[Band] = Field(min_length=1)
    catalogue: list[CatalogueEntry] = Field(default_factory=list)
    texts: dict[str, dict[str, str]] = Field(min_length=1)

    def text(self, key: str, locale: str) -> str:
        """A text of the pack in ``locale``, falling back to British English."""
        for name in (locale, "en_GB"):
            found = self.texts.get(name, {}).get(key)
            if found is not None:
                return found
        return key

    def band_name(self, band: Band, locale: str) -> str:
        """A band's name in ``locale`` (text ``band.<n>``, counting from 1), else as written."""
        found = self.text(f"band.{self.bands.index(band) + 1}", locale)
        return band.name if found.startswith("band.") else found

    def source_text(self, locale: str) -> str:
        """Where the figures come from, in ``locale`` (text ``source``), else as written."""
        found = self.text("source", locale)
        return self.source if found == "source" else found

    def max_points(self) -> int:
        """The most points the answers can give."""
        return sum(max(o.points for o in q.options) for q in self.questions)

    def band_for(self, points: int) -> Band | None:
        """The band a total falls in."""
        return next(
            (b for b in self.bands if b.low <= points and (b.high is None or points <= b.high)),
            None,
        )


@dataclass(frozen=True)
class ScoredAnswer:
    """One question, the answer given and its points."""

    question: str
    answer: str
    points: int


@dataclass(frozen=True)
class AllocationResult:
    """The whole working: each answer and its points, the total, the band and the amount."""

    rows: list[ScoredAnswer]
    total: int
    band: Band | None
    complete: bool


def score(pack: Pack, answers: dict[str, str], locale: str) -> AllocationResult:
    """Work out the points, band and amount from the answers given so far."""
    rows = []
    for question in pack.questions:
        chosen = answers.get(question.id)
        option = next((o for o in question.options if o.id == chosen), None)
        if option is None:
            continue
        rows.append(
            ScoredAnswer(
                question=pack.text(f"area.{question.id}", locale),
                answer=pack.text(f"a.{option.id}", locale),
                points=option.points,
            )
        )
    total = sum(r.points for r in rows)
    complete = len(rows) == len(pack.questions)
    return AllocationResult(rows=rows, total=total, band=pack.band_for(total), complete=complete)


class PackError(Exception):
    """A pack that cannot be used; ``problems`` lists each thing wrong."""

    def __init__(self, name: str, problems: list[str]) -> None:
        super().__init__(f"{name}: " + "; ".join(problems))
        self.problems = problems


def parse_pack(text: str, source: str) -> Pack:
    """A pack from YAML text, checked; :class:`PackError` lists every problem."""
    try:
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise PackError(source, [f"the file is not valid YAML: {error}"]) from None
    if not isinstance(raw, dict):
        raise PackError(source, ["the file is empty or is not a pack"])
    try:
        pack = Pack.model_validate(raw)
    except ValidationError as error:
        raise PackError(source, problem_lines(error, "pack")) from None
    problems = list(pack_problems(pack))
    if problems:
        raise PackError(source, problems)
    return pack


def pack_problems(pack: Pack) -> Iterator[str]:
    """Everything wrong with a pack's bands, points and texts."""
    expected_low = 0
    last_amount: Decimal | None = None
    for index, band in enumerate(pack.bands):
        if band.low != expected_low:
            kind = (
                "overlaps the one before" if band.low < expected_low else "leaves a gap before it"
            )
            yield (
                f"band '{band.name}' starts at {band.low} points and {kind} "
                f"(expected {expected_low})"
            )
        if band.high is None and index != len(pack.bands) - 1:
            yield f"band '{band.name}' has no top, so only the last band may leave it open"
        if band.high is not None and band.high < band.low:
            yield f"band '{band.name}' ends ({band.high}) before it starts ({band.low})"
        if band.amount is not None:
            if last_amount is not None and band.amount < last_amount:
                yield f"band '{band.name}' gives less money than the band before it"
            last_amount = band.amount
        expected_low = (band.high if band.high is not None else band.low) + 1
    top = pack.bands[-1].high
    if top is not None and top < pack.max_points():
        yield f"the answers can score {pack.max_points()} points, but the bands stop at {top}"
    yield from _text_problems(pack)


def _text_problems(pack: Pack) -> Iterator[str]:
    needed = {"title", "intro", "disclaimer"}
    needed |= {f"q.{q.id}" for q in pack.questions}
    needed |= {f"area.{q.id}" for q in pack.questions}
    needed |= {f"a.{o.id}" for q in pack.questions for o in q.options}
    needed |= {f"c.{c.id}" for c in pack.catalogue}
    for locale, texts in pack.texts.items():
        for key in sorted(needed - set(texts)):
            if locale == "en_GB":
                yield f"the text '{key}' is missing in {locale}"
    if "en_GB" not in pack.texts:
        yield "the pack has no British English (en_GB) texts"


def pack_file(name: str) -> Path:
    """The file of a shipped pack."""
    return data_path("content", "packs", name, "pack.yaml")


@cache
def load_pack(name: str) -> Pack:
    """A shipped pack by name (cached)."""
    path = pack_file(name)
    if not path.exists():
        raise PackError(name, [f"there is no pack called '{name}'"])
    return parse_pack(path.read_text(encoding="utf-8"), name)


def pack_names() -> list[str]:
    """Every pack folder shipped under ``content/packs``."""
    root = data_path("content", "packs")
    return sorted(p.parent.name for p in root.glob("*/pack.yaml"))


def catalogue() -> list[tuple[Pack, CatalogueEntry]]:
    """Every example price from every shipped pack that loads cleanly."""
    found: list[tuple[Pack, CatalogueEntry]] = []
    for name in pack_names():
        try:
            pack = load_pack(name)
        except PackError:
            continue
        found.extend((pack, entry) for entry in pack.catalogue)
    return found


def catalogue_entry(value: str) -> tuple[Pack, CatalogueEntry] | None:
    """The example price chosen as ``<pack>__<entry>``, if it exists."""
    pack_name, _, entry_id = value.partition("__")
    return next(((p, e) for p, e in catalogue() if p.id == pack_name and e.id == entry_id), None)
