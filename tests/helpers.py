"""Shared helpers for the tests: fresh conversations, example families as typed lines, and
ports and servers on loopback."""

from __future__ import annotations

import socket
import time
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

from planner.dialogue.conversation import Conversation
from planner.dialogue.items import field_applies
from planner.dialogue.loader import load_flow
from planner.dialogue.prompt import Result
from planner.dialogue.schema import InputKind
from planner.services.examples import Example

TODAY = date(2026, 11, 22)


def new_conversation(today: date = TODAY) -> Conversation:
    """A conversation at the welcome, on the shipped flow."""
    return Conversation(load_flow(), today=today)


def plain_lines(example: Example, until: str | None = None, today: date = TODAY) -> list[str]:
    """The lines a person would type in ``planner plain`` to give the example's answers, up to
    the finish or to the node ``until``.

    A conversation is driven alongside, so only the questions actually reached are answered.
    """
    conv = new_conversation(today)
    lines: list[str] = []
    while not conv.finished and conv.node_id != until:
        node = conv.node
        answer = example.answers.get(conv.node_id)
        if node.kind == "say":
            lines.append("")
            conv.answer("")
        elif node.input is InputKind.LIST:
            assert isinstance(answer, list), conv.node_id
            existing = len(conv.items.all())
            for index, item in enumerate(answer):
                editing = index < existing
                lines.append(f"edit {index + 1}" if editing else "add")
                lines.extend(_item_lines(conv, item))
                result = conv.items.save(item, index if editing else None)
                assert result.ok, result.message
            lines.append("done")
            assert conv.finish_list().ok
        else:
            raw = answer if isinstance(answer, str) else ""
            lines.append(raw)
            result = conv.answer(raw)
            assert result.ok, (conv.node_id, result.message)
    return lines


def _item_lines(conv: Conversation, item: dict[str, str]) -> list[str]:
    parsed: dict[str, Any] = {}
    lines = []
    for item_field in conv.flow.items[conv.node.item or ""].fields:
        if not field_applies(item_field, parsed):
            continue
        raw = item.get(item_field.name, "")
        lines.append(raw)
        value = conv.items.parse(item_field, raw)
        assert not isinstance(value, Result), (item_field.name, value)
        if value is not None:
            parsed[item_field.name] = value
    return lines


def free_port() -> int:
    """A port on loopback that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def is_serving(url: str) -> bool:
    """Whether ``url`` answers before long: a server says it is ready by serving."""
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)
            return True
        except OSError:
            time.sleep(0.1)
    return False


def broken_copy(shipped: str, old: str, new: str, path: Path) -> Path:
    """A copy of a shipped data file with one change (to show what the checker says of it)."""
    assert old in shipped
    path.write_text(shipped.replace(old, new, 1), encoding="utf-8")
    return path
