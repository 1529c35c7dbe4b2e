"""Editing a list by typing: ``add``, ``edit 2``, ``remove 2``, ``done`` (in the family's words).

Driven by the same field loop as the terminal app (``conv.items``), one field at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.dialogue.prompt import Result
from planner.dialogue.schema import ItemField
from planner.plain.commands import Commands


class Cancelled(Exception):
    """The person typed "cancel" while an item was being asked."""


class ListEditor:
    """The items of the current list question, edited line by line."""

    def __init__(self, commands: Commands, read: Callable[[], str]) -> None:
        self.conv = commands.conv
        self.read = read
        self.write = commands.write
        self.said = commands.said
        self.show_choices = commands.show_choices
        self.show_help = commands.help

    def t(self, key: str, **params: object) -> str:
        return self.conv.t(key, **params)

    def command(self, line: str) -> None:
        """Add, edit, remove or finish the items of a list question."""
        words = line.strip().lower().split()
        if not words or (len(words) == 1 and self.said(words[0], "done")):
            result = self.conv.finish_list()
            if not result.ok:
                self.write(result.message)
            return
        action, number = words[0], words[1] if len(words) > 1 else ""
        changing = self.said(action, "edit") or self.said(action, "remove")
        count = len(self.conv.items.all())
        if self.said(action, "add") and len(words) == 1:
            self.edit(None)
        elif changing and len(words) == 2 and number.isascii() and number.isdigit():
            index = int(number) - 1
            if not 0 <= index < count:
                self.write(self.t("error.list.no_such_item", count=count))
            elif self.said(action, "edit"):
                self.edit(index)
            else:
                self.remove(index)
        else:
            self.write(self.t("plain.list_menu"))

    def edit(self, index: int | None) -> None:
        """Ask each field of an item; on an edit, Enter keeps what was there."""
        items = self.conv.items
        existing = items.values(index) if index is not None else {}
        parsed: dict[str, Any] = {"id": existing["id"]} if "id" in existing else {}
        try:
            while (item_field := items.next_field(parsed)) is not None:
                suggested = items.suggested(parsed).get(item_field.name)
                current = existing.get(item_field.name, suggested)
                parsed[item_field.name] = self.ask_field(item_field, current)
        except Cancelled:
            self.write(self.t("plain.item_cancelled"))
            return
        result = items.put(parsed, index)
        self.write(
            self.t("plain.added" if index is None else "plain.changed")
            if result.ok
            else result.message
        )

    def ask_field(self, item_field: ItemField, current: Any) -> Any:
        """Ask one field until it is answered; ``current`` is kept on an empty line."""
        while True:
            self.write(self.t(item_field.text))
            self.show_choices(item_field)
            if current not in (None, "", []):
                shown = self.conv.show_value(item_field, current)
                self.write(self.t("plain.list_field_keep", answer=shown))
            elif not item_field.required:
                self.write(self.t("plain.optional"))
            line = self.read()
            if self.said(line.strip(), "cancel"):
                raise Cancelled
            if self.said(line.strip(), "help"):
                self.show_help(item_field.more)
                continue
            if not line.strip() and current not in (None, "", []):
                return current
            outcome = self.conv.items.parse(item_field, line)
            if isinstance(outcome, Result):
                self.write(outcome.message)
                continue
            return outcome

    def remove(self, index: int) -> None:
        """Take an item out, after the person confirms."""
        what = self.conv.items.lines()[index]
        self.write(self.t("plain.confirm_remove", what=what))
        if self.said(self.read().strip(), "yes"):
            result = self.conv.items.remove(index)
            self.write(self.t("plain.removed") if result.ok else result.message)
        else:
            self.write(self.t("plain.kept"))
