"""An answer as the family would say it: labels for choices, pounds for money, dates in full."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from planner.dialogue.prompt import Notice
from planner.dialogue.schema import InputKind, Question

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation


def shown(conv: Conversation, question: Question, value: Any) -> str:
    """A stored value as the family would say it."""
    if value is None or value in ("", []):
        return conv.t("word.no_answer")
    kind = question.input
    if kind in (InputKind.CHOICE, InputKind.YES_NO_UNSURE, InputKind.CHOICES):
        labels = {c.value: c.label for c in conv.choices(question)}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    if kind is InputKind.MONEY:
        from planner.domain.money import format_money

        return format_money(value, conv.locale)
    if kind is InputKind.DATE:
        from planner.i18n import format_day

        return format_day(value, conv.locale)
    if kind is InputKind.LIST:
        return conv.texts.plural("word.items", len(value))
    if kind is InputKind.NUMBER:
        return f"{Decimal(str(value)).normalize():f}"
    return str(value)


def read_as(conv: Conversation, question: Question, value: object) -> Notice:
    """How a guessed answer ("£1.2k", "next September") was read, said back to the family so
    that a wrong reading is seen and changed at once."""
    key = "notice.read_as_plain" if conv.typed else "notice.read_as"
    return Notice(conv.t(key, value=shown(conv, question, value)), serious=False)


def rippled_notice(conv: Conversation, node_ids: list[str]) -> Notice:
    """What a changed answer has put in doubt, named for the family: the answers now marked
    to check (each by its question's first sentence), so a change never passes unseen."""
    named = []
    for node_id in node_ids:
        words = conv.node_text(conv.flow.nodes[node_id]).split("\n")[0]
        first = re.split(r"(?<=[.?!])\s", words, maxsplit=1)[0]
        named.append(first if len(first) <= 80 else first[:79] + "…")
    key = "notice.rippled_plain" if conv.typed else "notice.rippled"
    return Notice(conv.t(key, which="; ".join(named)), serious=False)


def worded_for(conv: Conversation, key: str) -> str:
    """The key of a node's words as said where the family reads them: on web pages, typed in
    line mode, or with nothing saved (``<key>_web_unsaved``, ``_web``, ``_plain``,
    ``_unsaved``; the first this text has), else ``key`` itself."""
    variants = (
        ("web_unsaved", conv.web and not conv.kept),
        ("web", conv.web),
        ("plain", conv.typed),
        ("unsaved", not conv.kept),
    )
    found = (f"{key}_{name}" for name, on in variants if on)
    return next((k for k in found if conv.texts.known(k)), key)


def raw_value(value: Any) -> str:
    """A stored value as the text a form holds for it (a choice's value, an amount's digits)."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    if isinstance(value, date):
        return str(value.strftime("%d/%m/%Y"))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def answer_text(conv: Conversation, question: Question) -> str:
    """The answer so far to a question, as the text a form holds for it (blank if none)."""
    from planner.domain.access import get_at

    return raw_value(get_at(conv.plan, question.store)) if question.store else ""
