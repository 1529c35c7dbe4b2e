"""How easy the family-facing texts are to read: Flesch reading ease and sentence length.

Targets: a reading ease of at least 60 for each text, and no sentence over 25 words. Reading
ease means little for a label of a few words, so it is measured on texts of at least
``MIN_WORDS`` words; an option list is measured as one text, as it is read together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from planner.content.options import OPTION_ROWS
from planner.paths import data_path

MIN_EASE = 60.0
MAX_SENTENCE = 25
MIN_WORDS = 10


@dataclass(frozen=True)
class Reading:
    """The figures for one text."""

    source: str
    text: str
    ease: float | None
    longest: int

    @property
    def ok(self) -> bool:
        """Whether the text meets both targets."""
        easy = self.ease is None or self.ease >= MIN_EASE
        return easy and self.longest <= MAX_SENTENCE


def plain_text(markdown: str) -> str:
    """Markdown as sentences: headings, bullets and emphasis removed, each line a sentence."""
    lines = []
    for raw in markdown.splitlines():
        line = re.sub(r"^\s*(#+|[-*]|\d+\.)\s*", "", raw).replace("**", "").replace("*", "")
        line = line.strip()
        if line:
            lines.append(line if line[-1] in ".?!:" else line + ".")
    return " ".join(lines)


def sentences(text: str) -> list[str]:
    """A text split into sentences."""
    cleaned = re.sub(r"\{[a-z_]+\}", "Sam", text)
    parts = re.split(r"(?<=[.?!:])\s+|\n+", cleaned)
    return [p.strip() for p in parts if re.search(r"[A-Za-z0-9]", p)]


def words(sentence: str) -> int:
    """How many words a sentence has (a money amount or a number counts as one)."""
    return len(re.findall(r"[\w£%][\w'’,.£%-]*", sentence))


def measure(source: str, text: str) -> Reading:
    """The reading ease (for longer texts) and the longest sentence of one text."""
    import textstat

    filled = re.sub(r"\{[a-z_]+\}", "Sam", text)
    count = words(filled)
    ease = float(textstat.flesch_reading_ease(filled)) if count >= MIN_WORDS else None
    longest = max((words(s) for s in sentences(text)), default=0)
    return Reading(source=source, text=text, ease=ease, longest=longest)


def content_texts(locale: str = "en_GB") -> Iterator[tuple[str, str]]:
    """Every long text in ``content/<locale>``: explanations, help, glossary and questions."""
    root = data_path("content", locale)
    for path in sorted((root / "more").glob("*.md")):
        yield f"content/{locale}/more/{path.name}", plain_text(path.read_text(encoding="utf-8"))
    help_file = root / "help.md"
    if help_file.exists():
        yield f"content/{locale}/help.md", plain_text(help_file.read_text(encoding="utf-8"))
    yield from _yaml_texts(root / "glossary.yaml", ("short", "more"), "term")
    yield from _yaml_texts(root / "faq.yaml", ("question", "answer", "next"), "id")
    option_fields = tuple(OPTION_ROWS)
    yield from _yaml_texts(root / "options.yaml", option_fields, "id")


def _yaml_texts(path: Path, fields: tuple[str, ...], name: str) -> Iterator[tuple[str, str]]:
    if not path.exists():
        return
    entries: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for entry in entries:
        joined = " ".join(str(entry[f]) for f in fields if f in entry)
        yield f"{path.name}: {entry.get(name, '?')}", joined


def catalog_texts(locale: str = "en_GB") -> Iterator[tuple[str, str]]:
    """Every short text in a catalog; options of one set are joined, as they are read together."""
    from babel.messages.pofile import read_po

    path = data_path("locales", locale, "LC_MESSAGES", "planner.po")
    with path.open("rb") as handle:
        catalog = read_po(handle)
    groups: dict[str, list[str]] = {}
    for message in catalog:
        if not message.id:
            continue
        key = str(message.id[0] if isinstance(message.id, (tuple, list)) else message.id)
        raw = message.string
        strings = [str(s) for s in raw] if isinstance(raw, (tuple, list)) else [str(raw)]
        group = key.rsplit(".", 1)[0] if key.startswith("opt.") else key
        groups.setdefault(group, []).extend(s for s in strings if s)
    for group, texts in groups.items():
        yield f"planner.po: {group}", ". ".join(t.rstrip(".") for t in texts) + "."


def pack_texts(locale: str = "en_GB") -> Iterator[tuple[str, str]]:
    """The texts of every shipped allocation pack."""
    from planner.domain.packs import load_pack, pack_names

    for name in pack_names():
        pack = load_pack(name)
        for key, text in pack.texts.get(locale, {}).items():
            yield f"pack {name}: {key}", text


def family_texts(locale: str = "en_GB") -> list[Reading]:
    """The figures for every family-facing text in a locale."""
    found = [*catalog_texts(locale), *content_texts(locale), *pack_texts(locale)]
    return [measure(source, text) for source, text in found]
