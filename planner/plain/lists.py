"""Editing a list by typing: ``add``, ``edit 2``, ``remove 2``, ``done`` (in the family's words).

Driven by the same field loop as the terminal app (``conv.items``), one field at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from planner.dialogue.items import settle_into
from planner.dialogue.prompt import Result
from planner.dialogue.schema import ItemField
from planner.dialogue.state import ItemDraft
from planner.plain.commands import Commands, Quit


class Cancelled(Exception):
    """The person typed "cancel" while an item was being asked."""


class Back(Exception):
    """The person typed "back" while an item was being asked: ask the field before."""


class NoMore(Exception):
    """Enter at the first question of the next item, started at once after one was added:
    that was the last one."""


class ListCommand(Exception):
    """``edit 2``, ``remove 2`` or ``add`` typed at the first question of the next item,
    started at once: the list's own command, carried out instead."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


class GoElsewhere(Exception):
    """The person typed ``go`` with a step or question number inside an item: the item is kept
    as a draft, and the ``go`` command is carried out."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


_PLACE = re.compile(r"\d{1,2}(\.\d{1,3})?")

STOPS = (Quit, EOFError, KeyboardInterrupt)
"""Ways a person stops in the middle of an item: typing quit, the end of the input (Ctrl+D)
and Ctrl+C. What they typed is kept as a draft, offered again when they carry on."""


class ListEditor:
    """The items of the current list question, edited line by line."""

    def __init__(self, commands: Commands, read: Callable[[], str]) -> None:
        self.conv = commands.conv
        self.read = read
        self.write = commands.write
        self.said = commands.said
        self.show_choices = commands.show_choices
        self.show_help = commands.help
        self.handle = commands.handle

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
        if self.said(action, "add"):
            text = line.strip().partition(" ")[2].strip()
            self.edit(None, {self._summary(): text} if text else None)
        elif changing and len(words) == 2 and number.isascii() and number.isdigit():
            index = int(number) - 1
            if not 0 <= index < count:
                self.write(self.t("error.list.no_such_item", count=count))
            elif self.said(action, "edit"):
                self.edit(index)
            else:
                self.remove(index)
        elif len(line.strip()) > 2 and not changing:
            self.offer_new(line.strip())
        else:
            self.write(self.t("plain.list_menu"))

    def _summary(self) -> str:
        return self.conv.flow.items[self.conv.node.item or ""].summary_field().name

    def offer_new(self, text: str) -> None:
        """A line that is no command, typed at a list ("Spending time with friends after
        school"): offered as a new item, with the text as its first words, after a yes."""
        self.write(self.t("plain.list_offer", what=text))
        if self.said(self.read().strip(), "yes"):
            self.start_with(text)
        else:
            self.write(self.t("plain.list_menu"))

    def start_with(self, text: str) -> None:
        """Add an item whose first words (its name, what it is) are ``text``."""
        self.edit(None, {self._summary(): text})

    def offer_draft(self) -> bool:
        """If the person stopped part way through an item at this question, offer to carry on
        with what they had typed (read again through the same checks), or to let it go. True
        when the reply was a command instead (``go 2.3``): the draft waits, offered again."""
        draft = self.conv.state.item_draft
        if draft is None or draft.node != self.conv.node_id:
            return False
        if draft.index is not None and draft.index >= len(self.conv.items.all()):
            self.conv.state.item_draft = None
            return False
        item_type = self.conv.flow.items[self.conv.node.item or ""]
        what = draft.typed.get(self._summary()) or next((v for v in draft.typed.values() if v), "")
        self.write(self.t("plain.draft_offer", item=self.t(item_type.title), what=what))
        reply = self.read()
        if self.said(reply.strip(), "yes"):
            self.edit(draft.index, draft.typed)
        elif self.handle(reply):  # a command (go 2.3, help): the draft waits for later
            return True
        else:
            self.conv.state.item_draft = None
            self.write(self.t("plain.draft_dropped"))
        return False

    def edit(self, index: int | None, typed: dict[str, str] | None = None) -> None:
        """Ask each field of an item; on an edit, Enter keeps what was there. ``typed`` is what
        was typed before for some fields (a draft, or the words typed at the list): each is
        read again, and asked if it does not fit. If the person stops part way, what they
        typed is kept as a draft.

        Once an item is added, the next is started at once, where its first question needs
        an answer (Enter there cannot mean anything else): Enter then says that was the last
        one, and the conversation carries on; cancel shows the list to change it."""
        added = self._edit_one(index, typed)
        while added and self.conv.items.next_starts_at_once():
            self.write(self.t("plain.list_next"))
            try:
                added = self._edit_one(None, None, last_on_enter=True)
            except ListCommand as command:
                self.command(command.line)
                return
            except NoMore:  # what the list holds now, then on
                self.show_items(self.conv.items.lines())
                result = self.conv.finish_list()
                if not result.ok:
                    self.write(result.message)
                return

    def show_items(self, lines: list[str]) -> None:
        """The list's heading and its items, numbered (or that there are none yet). The
        question above names what the list holds, so the heading need not: "Outcome so far"
        read wrongly for two outcomes (found in a trial)."""
        self.write(self.t("plain.list_heading"))
        if not lines:
            self.write("  " + self.t("plain.list_empty"))
        for number, line in enumerate(lines, start=1):
            self.write(f"  {number}. {line}")

    def _end_of_list(self, word: str) -> None:
        """At the first question of an item started at once: Enter or ``done`` ends the list
        (:class:`NoMore`); a list command is carried out instead (:class:`ListCommand`)."""
        if not word or self.said(word, "done"):
            raise NoMore
        if self.is_command(word):
            raise ListCommand(word)

    def is_command(self, line: str) -> bool:
        """Whether ``line`` is one of the list's own commands: ``done``, ``add`` (with words
        for the new item or without), ``edit 2``, ``remove 2``."""
        words = line.split()
        if not words:
            return False
        if self.said(words[0], "add"):
            # "a" alone adds, but "a support worker" is an item typed straight in
            return len(words) == 1 or len(words[0]) > 1
        if len(words) == 1:
            return self.said(words[0], "done")
        numbered = len(words) == 2 and words[1].isascii() and words[1].isdigit()
        return numbered and (self.said(words[0], "edit") or self.said(words[0], "remove"))

    def _edit_one(
        self, index: int | None, typed: dict[str, str] | None, *, last_on_enter: bool = False
    ) -> bool:
        """One item asked and saved (see :meth:`edit`); True if an item was added."""
        items = self.conv.items
        existing = items.values(index) if index is not None else {}
        base: dict[str, Any] = {"id": existing["id"]} if "id" in existing else {}
        kept = dict(typed or {})
        adding = index is None
        parsed = self._replay(base, kept, adding)
        asked = [name for name in parsed if name in kept]
        try:
            while (item_field := items.next_field(parsed, adding=adding)) is not None:
                if item_field.name not in asked and self._read_typed(item_field, kept, parsed):
                    asked.append(item_field.name)  # typed already, and it fits
                    continue
                suggested = items.suggested(parsed).get(item_field.name)
                if adding and suggested is None and not (last_on_enter and not asked):
                    suggested = self._same_as_last(item_field.name)  # not where Enter ends
                current = existing.get(item_field.name, suggested)
                settled: dict[str, object] = {}
                try:
                    line, value = self.ask_field(
                        item_field, current, settled, last_on_enter=last_on_enter and not asked
                    )
                except Back:
                    if not asked:
                        self.write(self.t("plain.item_first_field"))
                        continue
                    kept.pop(asked.pop(), None)
                    parsed = self._replay(base, kept, adding)
                    continue
                parsed[item_field.name] = value
                settle_into(parsed, settled)
                asked.append(item_field.name)
                kept[item_field.name] = line
        except Cancelled:
            self.conv.state.item_draft = None
            self.write(self.t("plain.item_cancelled"))
            return False
        except (*STOPS, GoElsewhere) as stopped:
            if any(line.strip() for line in kept.values()):
                self.conv.state.item_draft = ItemDraft(
                    node=self.conv.node_id, index=index, typed=kept
                )
                self.write(self.t("plain.draft_kept"))
            if not isinstance(stopped, GoElsewhere):
                raise
            self.handle(stopped.line)
            return False
        self.conv.state.item_draft = None
        result = items.put(parsed, index)
        self.write(
            self.t("plain.added" if index is None else "plain.changed")
            if result.ok
            else result.message
        )
        for notice in result.notices:
            self.write(notice.text)
        return result.ok and index is None

    def _read_typed(
        self, item_field: ItemField, typed: dict[str, str], parsed: dict[str, Any]
    ) -> bool:
        """Read a field typed before into ``parsed``; False if it was not typed or no longer
        fits (it is asked, then)."""
        if item_field.name not in typed:
            return False
        settled: dict[str, object] = {}
        outcome = self.conv.items.parse(item_field, typed[item_field.name], settled=settled)
        if isinstance(outcome, Result):
            return False
        parsed[item_field.name] = outcome
        settle_into(parsed, settled, typed)
        return True

    def walk(self) -> None:
        """A partial list (how each piece of support is managed, in a mix): ask its fields
        for each item in turn, Enter keeping the answer so far, then carry on. Back goes to
        the item before (from the first, to the question before); cancel keeps the answers
        given so far and carries on. With no items at all, it goes back to add some."""
        items = self.conv.items
        if not items.all():
            self.write(self.t("error.list.empty"))
            self.conv.back()
            return
        index = 0
        while index < len(items.all()):
            self.write(f"{index + 1}. {items.lines()[index]}")
            existing = items.values(index)
            parsed: dict[str, Any] = {}
            try:
                while (item_field := items.next_field(parsed, adding=False)) is not None:
                    parsed[item_field.name] = self.ask_field(
                        item_field, existing.get(item_field.name)
                    )[1]
            except Back:
                if index == 0:
                    self.conv.back()
                    return
                index -= 1
                continue
            except Cancelled:
                break
            except GoElsewhere as going:
                self.handle(going.line)
                return
            result = items.put(parsed, index)
            if not result.ok:
                self.write(result.message)
                continue
            index += 1
        self.command("done")

    def _same_as_last(self, name: str) -> Any:
        """For a new piece of support, the helper and the weeks of the one before: Enter takes
        them ("same as the last one"). Not the helper of an item started at once, where Enter
        ends the list."""
        if name not in ("helper", "weeks_per_year"):
            return None
        before = self.conv.items.all()
        return getattr(before[-1], name, None) or None if before else None

    def _replay(self, base: dict[str, Any], typed: dict[str, str], adding: bool) -> dict[str, Any]:
        """The fields typed before, read again in order, up to the first that no longer fits
        (that one, and the rest, are asked again)."""
        items = self.conv.items
        parsed = dict(base)
        while (item_field := items.next_field(parsed, adding=adding)) is not None:
            if not self._read_typed(item_field, typed, parsed):
                break
        return parsed

    def ask_field(
        self,
        item_field: ItemField,
        current: Any,
        settled: dict[str, object] | None = None,
        *,
        last_on_enter: bool = False,
    ) -> tuple[str, Any]:
        """Ask one field until it is answered: the line typed and its value (``current`` is
        kept on an empty line). Back, help, cancel, quit and go (to a step or a question) work
        here as everywhere. What the answer also says of a later field goes in ``settled``."""
        while True:
            self.write(self.t(item_field.text))
            self.show_choices(item_field)
            if current not in (None, "", []):
                shown = self.conv.show_value(item_field, current)
                self.write(self.t("plain.list_field_keep", answer=shown))
            elif not item_field.required:
                self.write(self.t("plain.optional"))
            line = self.read()
            word = line.strip()
            if self.said(word, "cancel"):
                raise Cancelled
            if self.said(word, "quit"):
                raise Quit
            if self.said(word, "back"):
                raise Back
            first, _, rest = word.partition(" ")
            if self.said(first, "go") and (not rest or _PLACE.fullmatch(rest.strip())):
                raise GoElsewhere(word)
            if self.said(word, "help"):
                self.show_help(item_field.more)
                continue
            if last_on_enter:
                self._end_of_list(word)
            if not word and current not in (None, "", []):
                return line, current
            said_back: list[str] = []
            outcome = self.conv.items.parse(item_field, line, said_back, settled)
            if isinstance(outcome, Result):
                self.write(outcome.message)
                continue
            for text in said_back:
                self.write(text)
            return line, outcome

    def remove(self, index: int) -> None:
        """Take an item out, after the person confirms."""
        what = self.conv.items.lines()[index]
        self.write(self.t("plain.confirm_remove", what=what))
        if self.said(self.read().strip(), "yes"):
            result = self.conv.items.remove(index)
            self.write(self.t("plain.removed") if result.ok else result.message)
            for notice in result.notices:
                self.write(notice.text)
        else:
            self.write(self.t("plain.kept"))
