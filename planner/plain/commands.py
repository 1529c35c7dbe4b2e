"""The words typed in ``planner plain`` that are commands, not answers, and what each does.

The words for each command are texts (``cmd.<name>``, the words separated by spaces), so they
are typed in the family's language; the English words always work too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from planner.dialogue import progress
from planner.dialogue.conversation import Conversation
from planner.dialogue.prompt import SummaryRow
from planner.dialogue.schema import InputKind, Step
from planner.i18n import SOURCE_LOCALE, fold, language_options, shipped_locales, texts_for

COMMANDS = (
    "back", "help", "steps", "quit", "ask", "glossary", "advice", "ready", "done", "cancel",
    "step", "check", "change", "yes", "add", "edit", "remove", "language", "go", "save",
    "compare",
)  # fmt: skip
"""Plain-mode commands, each with its words in every catalog (``cmd.<name>``)."""


@cache
def command_words(locale: str) -> dict[str, frozenset[str]]:
    """The words (folded: no accents, lower case) that give each command in ``locale``: its
    own and the English ones; the word for "language" in every language."""

    def words(name: str, *locales: str) -> frozenset[str]:
        return frozenset(fold(w) for loc in locales for w in texts_for(loc).get(name).split())

    found = {name: words(f"cmd.{name}", locale, SOURCE_LOCALE) for name in COMMANDS}
    found["language"] = words("cmd.language", *shipped_locales())  # found in any language
    return found


class Quit(Exception):
    """The person asked to stop."""


class Commands:
    """Carries out the commands of one conversation in line mode."""

    def __init__(self, conversation: Conversation, write: Callable[[str], None]) -> None:
        self.conv = conversation
        self.write = write
        self.said_more: str | None = None
        """The "tell me more" page of what was just said, for ``help`` at the question after
        it when that question has none of its own."""
        self.last_check: list[SummaryRow] = []
        """The rows of the last check or readiness list, for ``change N``."""
        self.language_changed = False

    def t(self, key: str, **params: object) -> str:
        return self.conv.t(key, **params)

    def said(self, word: str, command: str) -> bool:
        """Whether ``word`` is one of the words for ``command`` (in either language)."""
        return fold(word) in command_words(self.conv.locale)[command]

    def handle(self, line: str) -> bool:
        """Carry out the command in ``line``; False when the line is an answer."""
        words = line.strip().lower().split()
        if not words:
            return False
        first, rest = words[0], words[1:]
        single: dict[str, Callable[[], object]] = {
            "back": lambda: self.conv.back() or self.write(self.t("plain.back_at_start")),
            "help": lambda: self.help(self.conv.node.more or self.said_more),
            "steps": self.show_steps,
            "ready": self.ready,
            "advice": lambda: self.write(self.conv.texts.more_page("help") or ""),
            "compare": self.compare,
        }
        numbered: dict[str, Callable[[list[str]], None]] = {
            "step": self.go_to_step,
            "check": self.check,
            "change": self.change,
        }
        if len(words) == 1 and self.said(first, "quit"):
            raise Quit
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
        if self.said(first, "go") and self.go(rest):
            return True
        numbers = len(rest) <= 1 and all(w.isascii() and w.isdigit() for w in rest)
        for name, handler in numbered.items():
            if numbers and self.said(first, name):
                handler(rest)
                return True
        return False

    def language(self, rest: list[str]) -> bool:
        """``language`` lists the languages; ``language 2`` or ``language polski`` changes to
        one, keeping every answer. False when the words name no language (an answer, then)."""
        options = language_options(self.conv.locale)
        if not rest:
            for number, (_, name) in enumerate(options, start=1):
                self.write(f"  {number}. {name}")
            self.write(self.t("plain.language_hint"))
            return True
        wanted = fold(rest[0])
        for number, (code, name) in enumerate(options, start=1):
            if wanted == str(number) or wanted in re.findall(r"\w+", fold(name)):
                self.conv.set_locale(code)
                self.language_changed = True  # the step's title again, in the new language
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
        """Answer a question in the family's own words from the FAQ and glossary, with what it
        means for their plan; when nothing fits well, the closest topics and where to get free
        advice."""
        from planner.content.ask import Reply, ask

        conv = self.conv
        reply = (
            ask(question, conv.locale, plan=conv.plan, today=conv.today)
            if question.strip()
            else Reply()
        )
        if not reply.found:
            self.write(self.t("plain.ask_none"))
            return
        if not reply.sure:
            self.write(self.t("ask.unsure"))
            for found in reply.found:
                self.write(f"  - {found.title}")
            self.write(self.t("ask.advice"))
            self.write(self.t("plain.ask_back"))
            return
        self.write(self.t("plain.ask_found"))
        for number, answer in enumerate(reply.found, start=1):
            self.write(f"{number}. {answer.title}")
            if answer.yours:
                self.write(f"   {self.t('ask.yours')}: {answer.yours}")
            text = answer.text if number == 1 else answer.text.split("\n")[0]
            for line in text.splitlines():
                self.write(f"   {line}")
        self.write(self.t("plain.ask_back"))

    def compare(self) -> None:
        """The four ways to manage the money side by side, fitted to the family as they are
        now (the same words as at the money question)."""
        from planner.dialogue.compare import comparison

        for text, _serious in comparison(self.conv):
            self.write(text)

    def glossary(self, word: str) -> None:
        """Show what a word means, or list the glossary."""
        from planner.content.knowledge import find_term, glossary, search_glossary

        locale = self.conv.locale
        term = find_term(word, locale) if word else None
        if term is not None:
            self.write(f"{term.term}: {term.short}")
            self.write(term.more)
            return
        matches = search_glossary(word, locale) if word else list(glossary(locale))
        if not matches:
            self.write(self.t("plain.glossary_none", word=word))
            return
        for found in matches:
            self.write(f"{found.term}: {found.short}")

    def ready(self) -> None:
        """Say whether the plan is ready to share; list what is missing, each one changeable."""
        missing = progress.missing_rows(self.conv)
        self.last_check = missing
        if not missing:
            self.write(self.t("doc.ready"))
            return
        self.write(self.t("doc.not_ready"))
        for number, row in enumerate(missing, start=1):
            self.write(f"  {number}. {row.question}")
        self.write(self.t("plain.ready_hint"))

    def help(self, page: str | None) -> None:
        """Print the longer explanation named by ``page`` (a question's or a field's)."""
        self.write((self.conv.more_text(page) if page else None) or self.t("plain.help_none"))
        self.write(self.t("plain.help_more"))

    def show_steps(self, hint: str = "plain.steps_hint") -> None:
        """Print the seven steps with their status, and how to go to one."""
        self.write(self.t("plain.steps_heading"))
        for found in progress.steps(self.conv):
            status = self.t(f"status.{found.status.value}")
            line = self.t(
                "plain.step_line", number=found.step.number, title=found.title, status=status
            )
            self.write(line)
        self.write(self.t(hint))

    def _step_by_number(self, words: list[str]) -> Step | None:
        if not words:
            return self.conv.current_step()
        found = [s for s in self.conv.flow.steps if s.number == int(words[0])]
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
        rows = progress.check_rows(self.conv, step.id)
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

    def go(self, words: list[str]) -> bool:
        """``go`` lists the steps; ``go 2`` lists the questions of step 2, numbered 2.1, 2.2...;
        ``go 2.3`` goes to one (and comes back here after); ``go budget`` lists the questions
        with that word, or goes straight there when only one has it. False when the words are
        an answer ("go swimming" typed where free text is expected)."""
        place = re.fullmatch(r"(\d{1,2})(?:\.(\d{1,3}))?", words[0]) if len(words) == 1 else None
        if not words:
            self.write(f"  0. {self.t('plain.go_welcome')}")
            self.show_steps(hint="plain.go_hint")
        elif place is not None:
            number = int(place.group(1))
            step_id = "welcome" if number == 0 else self._step_id(number)
            if step_id is None:
                return True
            rows = progress.check_rows(self.conv, step_id)
            if place.group(2) is None:
                self._list_questions([(f"{number}.{n}", row) for n, row in enumerate(rows, 1)])
            elif 1 <= int(place.group(2)) <= len(rows):
                self.conv.change(rows[int(place.group(2)) - 1].node_id)
            else:
                self.write(self.t("plain.no_such_answer"))
        elif self.conv.node.input in (InputKind.SHORT_TEXT, InputKind.LONG_TEXT):
            return False
        else:
            self._find_questions(words)
        return True

    def _find_questions(self, words: list[str]) -> None:
        wanted = [fold(w) for w in words]
        steps = [(0, "welcome"), *((s.number, s.id) for s in self.conv.flow.steps)]
        found = [
            (f"{number}.{n}", row)
            for number, step_id in steps
            for n, row in enumerate(progress.check_rows(self.conv, step_id), start=1)
            if all(w in fold(f"{row.question} {row.answer}") for w in wanted)
        ]
        if len(found) == 1:
            self.conv.change(found[0][1].node_id)
        elif not found:
            self.write(self.t("plain.go_none", words=" ".join(words)))
        else:
            self._list_questions(found)

    def _step_id(self, number: int) -> str | None:
        step = self._step_by_number([str(number)])
        return step.id if step is not None else None

    def _list_questions(self, rows: list[tuple[str, SummaryRow]]) -> None:
        for number, row in rows:
            question = row.question.split("\n")[0]
            first = re.split(r"(?<=[.?!])\s", question, maxsplit=1)[0]
            self.write(f"  {number}. {first}")
            self.write(f"       {row.answer}")
        self.write(self.t("plain.go_to_hint", example=rows[0][0] if rows else "1.1"))

    def change(self, words: list[str]) -> None:
        """Go to an answer listed by the last check, to change it."""
        if not words or not 1 <= int(words[0]) <= len(self.last_check):
            self.write(self.t("plain.no_such_answer"))
            return
        self.conv.change(self.last_check[int(words[0]) - 1].node_id)

    def show_choices(self, question: Any) -> None:
        """Print numbered options, if the question has any."""
        for number, choice in enumerate(self.conv.choices(question), start=1):
            self.write(f"  {number}. {choice.label}")
