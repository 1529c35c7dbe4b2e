"""Babel extractors for text keys (configured in ``pyproject.toml`` under ``tool.babel``).

Message ids here are text keys (``node.child_name``), so an extractor yields the keys a file
uses, and nothing that merely looks like a string. ``pybabel extract -F pyproject.toml -o
keys.pot .`` lists them; a test checks that each one is in the British English catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any

FAMILIES = (
    "alloc|cli|doc|error|field|fit|flag|item|key|keyname|node|oncost|opt|option_row|page"
    "|plain|question|ready|rule|status|step|summary|timeline|ui|word"
)
KEY = re.compile(rf"^({FAMILIES})\.[a-z0-9_.]+$")
"""A text key: a known family of texts, then a dotted name."""
JOINED = re.compile(rf"(?=(?:{FAMILIES})\.)")
"""Where a second key starts in ``t("a" if x else "b")``, which Babel reads as one string."""

KEYWORDS: Mapping[str, Any] = {"t": None, "get": None, "plural": (1,), "_": None, "N_": None}
"""How code asks for a text: ``t(key)``, ``texts.get(key)``, ``plural(key, n)``."""

Extracted = tuple[int, str | None, str | tuple[str, ...], list[str]]


def extract_python(
    fileobj: IO[bytes], keywords: Sequence[str], comment_tags: Sequence[str], options: Any
) -> Iterator[Extracted]:
    """Keys passed to ``t``, ``get`` or ``plural`` in Python code."""
    from babel.messages.extract import extract_python as python

    for lineno, _, message, comments in python(fileobj, KEYWORDS, comment_tags, options):
        first = message[0] if isinstance(message, tuple) else message
        if not isinstance(first, str):
            continue
        for part in filter(None, JOINED.split(first)):
            if KEY.match(part):
                yield lineno, None, part, list(comments)


def extract_flow(
    fileobj: IO[bytes], keywords: Sequence[str], comment_tags: Sequence[str], options: Any
) -> Iterator[Extracted]:
    """Every key a flow uses: node words, step titles, list fields, and each option's words
    (options named in a set get theirs from the set's name)."""
    from planner.dialogue.loader import parse_flow
    from planner.domain.lawbook import parse_rules

    text = fileobj.read().decode("utf-8")
    lines = text.splitlines()
    if any(line.startswith("rules:") for line in lines):  # the rules table: each reason
        for rule in parse_rules(text, getattr(fileobj, "name", "rules")):
            lineno = next((n for n, line in enumerate(lines, 1) if rule.reason in line), 1)
            yield lineno, None, rule.reason, []
        return
    flow = parse_flow(text, getattr(fileobj, "name", "flow"))
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str) and KEY.match(value):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(flow.model_dump())
    for node in flow.nodes.values():
        if getattr(node, "options", None) is not None:
            walk([option.text for option in flow.options_for(node)])
    for key in sorted(found):
        lineno = next((n for n, line in enumerate(lines, 1) if key in line), 1)
        yield lineno, None, key, []
