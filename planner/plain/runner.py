"""``planner plain``: the conversation one line at a time, for screen readers and scripts.

Prompts go to standard output and answers come from standard input, one a line. It works over
a pipe with no terminal. At the end of the input it saves, says how to carry on, and exits 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from planner.dialogue.conversation import Conversation, Result, SummaryRow, field_applies
from planner.dialogue.schema import InputKind, ItemField, Question
from planner.dialogue.state import SessionState
from planner.dialogue.summary import draft_summary
from planner.i18n import SOURCE_LOCALE, fold, language_choice, shipped_locales, texts_for
from planner.store.database import Database
from planner.store.files import StoreError

COMMANDS = (
    "back", "help", "steps", "quit", "ask", "glossary", "advice", "ready", "done", "cancel",
    "step", "check", "change", "yes", "add", "edit", "remove", "language",
)  # fmt: skip
"""Plain-mode commands. The words for each are texts (``cmd.<name>``, the words separated by
spaces), so they are typed in the family's language; the English words always work too."""


@cache
def command_words(locale: str) -> dict[str, frozenset[str]]:
    """The words (folded: no accents, lower case) that give each command in ``locale``: its
    own and the English ones; the word for "language" in every language."""

    def words(name: str, *locales: str) -> frozenset[str]:
        return frozenset(fold(w) for loc in locales for w in texts_for(loc).get(name).split())

    found = {name: words(f"cmd.{name}", locale, SOURCE_LOCALE) for name in COMMANDS}
    found["language"] = words("cmd.language", *shipped_locales())  # found in any language
    return found


class EndOfInput(Exception):
    """Standard input has ended (or the person asked to stop)."""


class PlainRunner:
    """Runs one conversation over lines of text."""

    def __init__(
        self,
        conversation: Conversation,
        lines: Iterator[str],
        write: Callable[[str], None],
        store: Database | None = None,
    ) -> None:
        self.conv = conversation
        conversation.typed = True  # its texts say "type language", not "press Ctrl+L"
        self.lines = lines
        self.write = write
        self.store = store
        self.shown_step: str | None = None
        self.last_check: list[SummaryRow] = []
        self.save_problem_shown = False
        conversation.on_change = self._save

    def t(self, key: str, **params: object) -> str:
        """A text in the family's language."""
        return self.conv.t(key, **params)

    def said(self, word: str, command: str) -> bool:
        """Whether ``word`` is one of the words for ``command`` (in either language)."""
        return fold(word) in command_words(self.conv.locale)[command]

    def _save(self, state: SessionState) -> None:
        if self.store is None:
            return
        try:
            self.store.save(state)
        except StoreError as error:
            if not self.save_problem_shown:
                self.write(self.t(error.key, **error.params))
                self.save_problem_shown = True

    def read(self) -> str:
        """The next line typed, or :class:`EndOfInput`."""
        try:
            line = next(self.lines)
        except StopIteration:
            raise EndOfInput from None
        return line.rstrip("\r\n")

    # --- the main loop --------------------------------------------------------------------

    def run(self) -> int:
        """Go through the conversation until it finishes or the input ends. Returns 0."""
        self.write(self.t("plain.how_to"))
        try:
            while not self.conv.finished:
                self.show_prompt()
                line = self.read()
                if not self.command(line):
                    self.respond(line)
        except EndOfInput:
            return self.stop()
        self.write("")
        self.write(self.t(self.conv.node.text))
        for line in draft_summary(self.conv):
            self.write(line)
        self.ready()
        return self.stop()

    def stop(self) -> int:
        """Save, say how to carry on, and finish."""
        self._save(self.conv.state)
        self.write("")
        if self.store is not None and not self.save_problem_shown:
            self.write(self.t("plain.saved"))
            self.write(self.t("plain.resume", code=self.conv.plan.id))
        self.write(self.t("plain.goodbye"))
        return 0

    def respond(self, line: str) -> None:
        """Treat a line as the answer to the current node."""
        node = self.conv.node
        if node.input is InputKind.LIST:
            self.list_command(line)
            return
        if node.kind == "ask" and not line.strip() and node_id_answered(self.conv):
            result = self.conv.keep()
        else:
            result = self.conv.answer(line)
        if not result.ok:
            self.write(result.message)

    # --- showing --------------------------------------------------------------------------

    def show_prompt(self) -> None:
        """Print the current node: its step, its words, its options and any earlier answer."""
        prompt = self.conv.prompt()
        self.write("")
        if prompt.step is not None and prompt.step.id != self.shown_step:
            self.shown_step = prompt.step.id
            self.write(
                self.t("plain.step_heading", number=prompt.step.number, title=prompt.step_title)
            )
            self.write("")
        self.write(prompt.text)
        if prompt.input is InputKind.LIST:
            self.show_items(prompt.item_title, prompt.items)
        else:
            self.show_choices(self.conv.node)
            if prompt.kind == "ask" and not prompt.required:
                self.write(self.t("plain.optional"))
            if prompt.current:
                self.write(self.t("plain.current", answer=prompt.current))
            if prompt.needs_check:
                self.write(self.t("plain.needs_check"))
        if prompt.more:
            self.write(self.t("plain.more_hint"))
        if prompt.kind == "say":
            self.write(self.t("plain.press_enter"))

    def show_choices(self, question: Question) -> None:
        """Print numbered options, if the question has any."""
        for number, choice in enumerate(self.conv.choices(question), start=1):
            self.write(f"  {number}. {choice.label}")

    def show_items(self, title: str, items: list[str]) -> None:
        """Print a list question's items and what can be done with them."""
        self.write(self.t("plain.list_heading", title=title))
        if not items:
            self.write("  " + self.t("plain.list_empty"))
        for number, line in enumerate(items, start=1):
            self.write(f"  {number}. {line}")
        if self.conv.prompt().needs_check:
            self.write(self.t("plain.needs_check"))
        self.write(self.t("plain.list_menu"))

    # --- commands -------------------------------------------------------------------------

    def command(self, line: str) -> bool:
        """Handle back, help, steps, step N, check, change N, language and quit, in the words
        of the family's language or in English. False for an answer."""
        words = line.strip().lower().split()
        if not words:
            return False
        first, rest = words[0], words[1:]
        single: dict[str, Callable[[], object]] = {
            "back": lambda: self.conv.back() or self.write(self.t("plain.back_at_start")),
            "help": lambda: self.help(self.conv.node.more),
            "steps": self.show_steps,
            "ready": self.ready,
            "advice": lambda: self.write(self.conv.texts.more_page("help") or ""),
        }
        handlers: dict[str, Callable[[list[str]], None]] = {
            "step": self.go_to_step,
            "check": self.check,
            "change": self.change,
        }
        if len(words) == 1 and self.said(first, "quit"):
            raise EndOfInput
        for name, action in single.items():
            if len(words) == 1 and self.said(first, name):
                action()
                return True
        if self.said(first, "language") and len(rest) <= 1 and self.language(rest):
            return True
        question = self._question_in(line)
        if question is not None:
            self.ask(question)
            return True
        if self.said(first, "glossary"):
            self.glossary(" ".join(rest))
            return True
        numbers = len(rest) <= 1 and all(w.isascii() and w.isdigit() for w in rest)
        for name, handler in handlers.items():
            if numbers and self.said(first, name):
                handler(rest)
                return True
        return False

    def language(self, rest: list[str]) -> bool:
        """``language`` lists the languages; ``language 2`` or ``language polski`` changes to
        one, keeping every answer. False when the words name no language (an answer, then)."""
        codes = shipped_locales()
        names = [language_choice(code, self.conv.locale) for code in codes]
        if not rest:
            for number, name in enumerate(names, start=1):
                self.write(f"  {number}. {name}")
            self.write(self.t("plain.language_hint"))
            return True
        wanted = fold(rest[0])
        for number, (code, name) in enumerate(zip(codes, names, strict=True), start=1):
            if wanted == str(number) or wanted in re.findall(r"\w+", fold(name)):
                self.conv.set_locale(code)
                self.shown_step = None  # the step's title again, in the new language
                self.write(self.t("ui.language_changed"))
                self.write(self.t("plain.how_to"))  # the commands' words in this language
                return True
        return False

    def _question_in(self, line: str) -> str | None:
        """The question in a line meant for "ask anything", or None for an answer.

        ``? question`` always asks. ``ask question`` asks, except where free text is expected
        ("Ask me first" can be an answer). A line ending in ``?`` asks, except in long text.
        """
        text = line.strip()
        free_text = self.conv.node.input in (InputKind.SHORT_TEXT, InputKind.LONG_TEXT)
        if text.startswith("?") and len(text) > 1:
            return text[1:].strip()
        first, _, rest = text.partition(" ")
        if self.said(first, "ask") and rest and not free_text:
            return rest
        if text.endswith("?") and self.conv.node.input is not InputKind.LONG_TEXT:
            return text
        return None

    def ask(self, question: str) -> None:
        """Answer a question in the family's own words from the FAQ and glossary."""
        from planner.content.knowledge import ask

        found = ask(question, self.conv.locale) if question.strip() else []
        if not found:
            self.write(self.t("plain.ask_none"))
            return
        self.write(self.t("plain.ask_found"))
        for number, answer in enumerate(found, start=1):
            self.write(f"{number}. {answer.title}")
            text = answer.text if number == 1 else answer.text.split("\n")[0]
            for line in text.splitlines():
                self.write(f"   {line}")
        self.write(self.t("plain.ask_back"))

    def glossary(self, word: str) -> None:
        """Show what a word means, or list the glossary."""
        from planner.content.knowledge import find_term, glossary, search_glossary

        term = find_term(word, self.conv.locale) if word else None
        if term is not None:
            self.write(f"{term.term}: {term.short}")
            self.write(term.more)
            return
        matches = (
            search_glossary(word, self.conv.locale) if word else list(glossary(self.conv.locale))
        )
        if not matches:
            self.write(self.t("plain.glossary_none", word=word))
            return
        for found in matches:
            self.write(f"{found.term}: {found.short}")

    def ready(self) -> None:
        """Say whether the plan is ready to share; list what is missing, each one changeable."""
        from planner.domain.readiness import readiness

        missing = readiness(self.conv.plan)
        if not missing:
            self.write(self.t("doc.ready"))
            return
        self.write(self.t("doc.not_ready"))
        self.last_check = []
        for number, item in enumerate(missing, start=1):
            self.write(f"  {number}. {self.t(item.key)}")
            node = self.conv.flow.nodes[item.node]
            self.last_check.append(
                SummaryRow(
                    item.node, self.conv.node_text(node), "", answered=False, needs_check=False
                )
            )
        self.write(self.t("plain.ready_hint"))

    def help(self, more: str | None) -> None:
        """Print the longer explanation for the current question."""
        text = self.conv.texts.more(more) if more else None
        self.write(text or self.t("plain.help_none"))
        self.write(self.t("plain.help_more"))

    def show_steps(self) -> None:
        """Print the seven steps with their status."""
        self.write(self.t("plain.steps_heading"))
        for progress in self.conv.progress():
            status = self.t(f"status.{progress.status.value}")
            self.write(
                self.t(
                    "plain.step_line",
                    number=progress.step.number,
                    title=progress.title,
                    status=status,
                )
            )
        self.write(self.t("plain.steps_hint"))

    def _step_by_number(self, words: list[str]) -> Any:
        number = int(words[0]) if words else None
        if number is None:
            here = self.conv.flow.step_of(self.conv.node_id)
            return here or self.conv.flow.steps[0]
        found = [s for s in self.conv.flow.steps if s.number == number]
        if not found:
            self.write(self.t("plain.no_such_step"))
            return None
        return found[0]

    def go_to_step(self, words: list[str]) -> None:
        """Jump to the start of a step."""
        if not words:
            self.show_steps()
            return
        step = self._step_by_number(words)
        if step is not None:
            self.conv.jump(step.id)

    def check(self, words: list[str]) -> None:
        """Print the answers of a step, numbered, so one can be changed."""
        step = self._step_by_number(words)
        if step is None:
            return
        rows = self.conv.summary(step.id)
        self.last_check = rows
        self.write(self.t("plain.check_heading", number=step.number, title=self.t(step.title)))
        if not rows:
            self.write(self.t("plain.check_none"))
            return
        for number, row in enumerate(rows, start=1):
            mark = " (" + self.t("status.needs_check") + ")" if row.needs_check else ""
            self.write(f"  {number}. {row.question}")
            self.write(f"     {row.answer}{mark}")
        self.write(self.t("plain.check_hint"))

    def change(self, words: list[str]) -> None:
        """Go to an answer listed by the last check, to change it."""
        if not words or not 1 <= int(words[0]) <= len(self.last_check):
            self.write(self.t("plain.no_such_answer"))
            return
        self.conv.change(self.last_check[int(words[0]) - 1].node_id)

    # --- list editing ---------------------------------------------------------------------

    def list_command(self, line: str) -> None:
        """Add, edit, remove or finish the items of a list question."""
        words = line.strip().lower().split()
        if not words or (len(words) == 1 and self.said(words[0], "done")):
            result = self.conv.answer("done")
            if not result.ok:
                self.write(result.message)
            return
        action, number = words[0], words[1] if len(words) > 1 else ""
        changing = self.said(action, "edit") or self.said(action, "remove")
        if self.said(action, "add") and len(words) == 1:
            self.edit_item(None)
        elif changing and len(words) == 2 and number.isascii() and number.isdigit():
            index = int(number) - 1
            if not 0 <= index < len(self.conv.items()):
                self.write(self.t("error.list.no_such_item", count=len(self.conv.items())))
            elif self.said(action, "edit"):
                self.edit_item(index)
            else:
                self.remove_item(index)
        else:
            self.write(self.t("plain.list_menu"))

    def edit_item(self, index: int | None) -> None:
        """Ask each field of an item; on an edit, Enter keeps what was there."""
        existing = self.conv.item_values(index) if index is not None else {}
        item = self.conv.node.item or ""
        parsed: dict[str, Any] = {"id": existing["id"]} if "id" in existing else {}
        for item_field in self.conv.flow.items[item].fields:
            if not field_applies(item_field, parsed):
                continue
            suggested = self.conv.item_defaults(parsed).get(item_field.name)
            current = existing.get(item_field.name, suggested)
            value = self.ask_field(item_field, current)
            if value is CANCELLED:
                self.write(self.t("plain.item_cancelled"))
                return
            if value is not None:
                parsed[item_field.name] = value
        result = self.conv.put_item(parsed, index)
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
                return CANCELLED
            if self.said(line.strip(), "help"):
                self.help(item_field.more)
                continue
            if not line.strip() and current not in (None, "", []):
                return current
            outcome = self.conv.parse_field(item_field, line)
            if isinstance(outcome, Result):
                self.write(outcome.message)
                continue
            return outcome

    def remove_item(self, index: int) -> None:
        """Take an item out, after the person confirms."""
        what = self.conv.item_lines(self.conv.node)[index]
        self.write(self.t("plain.confirm_remove", what=what))
        if self.said(self.read().strip(), "yes"):
            result = self.conv.remove_item(index)
            self.write(self.t("plain.removed") if result.ok else result.message)
        else:
            self.write(self.t("plain.kept"))


CANCELLED = object()


def node_id_answered(conversation: Conversation) -> bool:
    """Whether the current question already has an answer."""
    return conversation.node_id in conversation.state.answered
