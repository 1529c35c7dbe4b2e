"""An answer as the family would say it: labels for choices, pounds for money, dates in full."""

from __future__ import annotations

import re
from decimal import Decimal
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
