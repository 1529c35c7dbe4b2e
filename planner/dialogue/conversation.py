"""The Conversation: one family's way through a flow.

It is pure and synchronous. A front end asks for the :meth:`Conversation.prompt`, hands back
what the person typed with :meth:`Conversation.submit`, and shows what comes back. Accepted
answers go into the plan; a rejected answer changes nothing and comes with a plain message.
Every front end (the terminal app, line mode, a web page) drives it through the same calls:
``submit``, ``finish_list``, ``items`` (list editing), ``back``/``change``/``jump``, and
:mod:`planner.dialogue.progress` for the steps, checks and what is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from planner.dialogue.inputs import example_dates, parse_value
from planner.dialogue.items import ItemList
from planner.dialogue.loader import ADVANCE, Cursor, compile_machine, dependents
from planner.dialogue.prompt import ACCEPTED, Prompt, Result, notices, prompt_for
from planner.dialogue.registry import CALLBACKS, OPTION_SOURCES, TEXT_SOURCES, Choice, holds
from planner.dialogue.schema import Flow, InputKind, Node, Question, Step
from planner.dialogue.shortcuts import amount_instead
from planner.dialogue.showing import read_as, rippled_notice, shown, worded_for
from planner.dialogue.state import HISTORY_LIMIT, AnswerRecord, SessionState, new_state
from planner.domain.access import get_at, set_at
from planner.domain.errors import InputError
from planner.domain.models import Plan, now
from planner.i18n import Texts, fill_blanks, texts_for

Saver = Callable[[SessionState], None]


class Conversation:
    """One family's conversation over a flow."""

    def __init__(
        self,
        flow: Flow,
        state: SessionState | None = None,
        *,
        texts: Texts | None = None,
        today: date | None = None,
        on_change: Saver | None = None,
    ) -> None:
        self.flow = flow
        self.state = state or new_state(flow)
        if self.state.node not in flow.nodes:
            self.state.node = flow.start
        self.texts = texts or texts_for(self.state.locale)
        self.today = today or date.today()
        self.on_change = on_change
        self.kept = True
        """Whether answers are saved as they are given (False in a workshop: memory only).
        A node text with a ``_unsaved`` variant uses it when nothing is saved."""
        self.typed = False
        """Whether commands are typed as words (``planner plain``) rather than keys pressed.
        A node text with a ``_plain`` variant uses it then."""
        self.web = False
        """Whether the family answers on web pages (fields, buttons and links, no keys). Any
        text with a ``_web`` variant uses it then: "choose an option", not "type a number"."""
        self._cursor = Cursor()
        self._machine = compile_machine(
            flow, self._cursor, lambda route: holds(route, self.plan, self.today), self.state.node
        )
        self._dependents = dependents(flow)
        self._step_nodes = {
            s.id: [n for n, spec in flow.nodes.items() if spec.step == s.id] for s in flow.steps
        }
        self.items = ItemList(self)
        """The items of the current list question: add, change, take out."""

    # --- where we are ---------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        """The plan as it stands."""
        return self.state.plan

    @property
    def node_id(self) -> str:
        """The id of the current node."""
        return self.state.node

    @property
    def node(self) -> Node:
        """The current node."""
        return self.flow.nodes[self.state.node]

    @property
    def finished(self) -> bool:
        """Whether the conversation has reached its end."""
        return self.node.kind == "finish"

    def current_step(self) -> Step:
        """The step the family is in (the first step at the welcome and the finish)."""
        return self.flow.step_of(self.node_id) or self.flow.steps[0]

    def needs_check(self) -> list[str]:
        """Nodes whose answers should be looked at again after a change."""
        return [n for n, r in self.state.answered.items() if r.needs_check]

    def step_nodes(self, step_id: str) -> list[str]:
        """The nodes of one step."""
        return self._step_nodes[step_id]

    def more_text(self, page: str | None = None) -> str | None:
        """The longer explanation of the current question (or of the ``page`` named): its first
        line is a Markdown heading. None when there is none."""
        page = page or self.node.more
        return self.texts.more(page, own=self.plan.by_young_person) if page else None

    @property
    def locale(self) -> str:
        """The family's language."""
        return self.texts.locale

    def t(self, key: str, **params: object) -> str:
        """A text in the family's language, with the child's name as ``{name}`` and example
        dates from today (``{soon}``, ``{recent}``, ``{born}``).

        Keys starting ``pack:<name>:`` are texts of an allocation pack. When the young person
        plans for themselves, a text with a ``_self`` variant speaks to them in its words; on
        web pages, a text with a ``_web`` variant says it without keys.
        """
        theirs = self.plan.by_young_person
        if self.web and self.texts.known(f"{key}_web"):
            key = f"{key}_web"
        key, your_child = self.texts.own(key, theirs), self.texts.own("word.your_child", theirs)
        name = self.plan.child.display_name(self.texts.get(your_child))
        if key.startswith("pack:"):
            _, pack_name, pack_key = key.split(":", 2)
            from planner.domain.packs import load_pack

            return fill_blanks(load_pack(pack_name).text(pack_key, self.locale), name=name)
        return self.texts.get(key, **{"name": name, **example_dates(self.today), **params})

    def plural(self, key: str, count: int) -> str:
        """A counted text in the plural form that suits ``count``."""
        return self.texts.plural(key, count)

    def money(self, amount: Decimal) -> str:
        """An amount of money in the family's language."""
        from planner.domain.money import format_money

        return format_money(amount, self.locale)

    def node_text(self, node: Node) -> str:
        """The words of a node: worked out from the answers, or from the catalogs."""
        if node.text_from is not None:
            return TEXT_SOURCES[node.text_from](self, node)
        current = self.display(node) if node.store is not None else ""
        return self.t(worded_for(self, node.text), current=current)

    def set_locale(self, locale: str) -> None:
        """Speak another language from now on; every answer is kept."""
        self.state.locale = locale
        self.texts = texts_for(locale)
        self.save()

    def prompt(self) -> Prompt:
        """The current node, ready to show."""
        return prompt_for(self)

    # --- answering ------------------------------------------------------------------------

    def submit(self, raw: str) -> Result:
        """What the person typed, as every front end hands it over. A blank answer to a question
        answered before keeps that answer; at a list question it finishes the list."""
        node = self.node
        if node.input is InputKind.LIST and not raw.strip():
            return self.finish_list()
        if node.kind == "ask" and not raw.strip() and self.node_id in self.state.answered:
            return self.keep()
        return self.answer(raw)

    def finish_list(self) -> Result:
        """The family has finished the current list: move on (a required list needs an item)."""
        node = self.node
        if node.input is not InputKind.LIST:
            return Result(ok=False, message=self.t("error.invalid"))
        if node.required and not self.items.all():
            return self._refuse(InputError("error.list.empty"))
        return self._accept(node, changed=False)

    def answer(self, raw: str) -> Result:
        """Give an answer to the current node. Say nodes take any answer to move on. A list
        question takes its items through ``items`` and finishes with :meth:`finish_list`."""
        node = self.node
        if node.kind == "finish":
            return ACCEPTED
        if node.kind == "say":
            return self.keep()
        if node.amount is not None and (shortcut := amount_instead(self, raw)) is not None:
            return shortcut
        here, before = self.node_id, {n.text for n in notices(self, self.node_id)}
        flagged = set(self.needs_check())
        guessed: list[object] = []
        periods: list[object] | None = [] if node.settles else None
        try:
            value = self.parse(node, raw, guessed, periods)
            changed = self._store(node, value)
        except InputError as error:
            return self._refuse(error)
        if periods and node.settles:  # "£3,100 a year" answers "a year, a month or a week?" too
            self._settle(node.settles, periods[0])
        self._accept(node, changed=changed)
        found = tuple(n for n in notices(self, here, answered=True) if n.text not in before)
        if guessed:
            found = (read_as(self, node, guessed[0]), *found)
        if rippled := [n for n in self.needs_check() if n not in flagged]:
            found = (*found, rippled_notice(self, rippled))
        return Result(ok=True, notices=found) if found else ACCEPTED

    def _accept(self, node: Node, *, changed: bool) -> Result:
        for name in node.after:
            self.state.plan = CALLBACKS[name](self.plan, node)
        self._record(self.node_id, changed=changed)
        self._advance()
        return ACCEPTED

    def keep(self) -> Result:
        """Keep the answer there is (or move on from something said) and go on."""
        self._record(self.node_id, changed=False)
        self._advance()
        return ACCEPTED

    def parse(
        self,
        question: Question,
        raw: str,
        guessed: list[object] | None = None,
        periods: list[object] | None = None,
    ) -> object:
        """Read what was typed for a question or an item field (raises ``InputError``); a value
        read with some guessing is added to ``guessed`` too."""
        if question.input is InputKind.LIST:
            raise InputError("error.list.use_editor")
        choices = self.choices(question)
        options = [_as_option(c) for c in choices]
        return parse_value(
            question.input or InputKind.SHORT_TEXT,
            raw,
            options=options,
            labels=[c.label for c in choices],
            required=question.required,
            minimum=question.minimum,
            maximum=question.maximum,
            dates=question.dates,
            today=self.today,
            locale=self.locale,
            guessed=guessed,
            periods=periods,
        )

    def _settle(self, node_id: str, value: object) -> None:
        """Answer a later question with what was said in this one (see ``Node.settles``)."""
        settled = self.flow.nodes[node_id]
        before = get_at(self.plan, settled.store or "")
        self.state.plan = set_at(self.plan, settled.store or "", value)
        self.state.answered[node_id] = AnswerRecord(settled_by=self.node_id)
        if before != get_at(self.plan, settled.store or ""):
            self.flag_dependents(node_id)

    def _store(self, node: Node, value: object) -> bool:
        """Put a value in the plan; returns whether it differs from what was there."""
        path = node.store or ""
        before = get_at(self.plan, path)
        if node.input is InputKind.LIST:
            return False  # list changes are stored, and flagged, as each item changes
        self.state.plan = set_at(self.plan, path, value)
        return self.node_id in self.state.answered and get_at(self.plan, path) != before

    def _refuse(self, error: InputError) -> Result:
        return Result(ok=False, message=self.t(error.key, **error.params))

    def _record(self, node_id: str, *, changed: bool) -> None:
        self.state.answered[node_id] = AnswerRecord()
        if changed:
            self.flag_dependents(node_id)
        self.state.plan.updated = now()

    def flag_dependents(self, node_id: str) -> None:
        """Mark every answer that depends on ``node_id`` for checking."""
        for dependent in self._dependents.get(node_id, ()):
            record = self.state.answered.get(dependent)
            if record is not None and dependent != node_id:
                record.needs_check = True

    # --- moving ---------------------------------------------------------------------------

    def _advance(self) -> None:
        here = self.node_id
        self._cursor.trigger(ADVANCE)  # type: ignore[attr-defined]
        target = self._cursor.state
        while (record := self.state.answered.get(target)) is not None and record.settled_by:
            self._machine.set_state(target, model=self._cursor)  # settled already: pass over
            self._cursor.trigger(ADVANCE)  # type: ignore[attr-defined]
            target = self._cursor.state
        back_to = self.state.return_to
        if back_to is not None:
            waiting = self.flow.nodes[target].kind == "ask" and target not in self.state.answered
            if not waiting or target == back_to:
                target = back_to
                self.state.return_to = None
        self._move(here, target)

    def _move(self, here: str, target: str) -> None:
        if here != target:
            self.state.history.append(here)
            del self.state.history[:-HISTORY_LIMIT]
        self.state.node = target
        self._machine.set_state(target, model=self._cursor)
        self.save()

    def back(self) -> bool:
        """Go back to the previous node. Answers are kept. False at the very start."""
        if not self.state.history:
            return False
        previous = self.state.history.pop()
        self.state.return_to = None
        self.state.node = previous
        self._machine.set_state(previous, model=self._cursor)
        self.save()
        return True

    def jump(self, step_id: str) -> None:
        """Go to the start of one of the seven steps."""
        step = next((s for s in self.flow.steps if s.id == step_id), None)
        if step is None:
            raise KeyError(step_id)
        self.state.return_to = None
        self._move(self.node_id, step.entry)

    def go_to_start(self) -> None:
        """Go back to the very start, keeping every answer (each question shows its answer)."""
        self.state.return_to = None
        self._move(self.node_id, self.flow.start)

    def change(self, node_id: str) -> None:
        """Go to an earlier question to change it, then come back here."""
        if node_id not in self.flow.nodes:
            raise KeyError(node_id)
        if node_id == self.node_id:
            return
        self.state.return_to = self.state.return_to or self.node_id
        self._move(self.node_id, node_id)

    def save(self) -> None:
        """Hand the state to whoever saves it (after every change)."""
        if self.on_change is not None:
            self.on_change(self.state)

    # --- conditions -----------------------------------------------------------------------

    def next_of(self, node_id: str) -> str | None:
        """Where the flow goes after ``node_id`` with the answers as they are now."""
        for route in self.flow.nodes[node_id].next:
            if holds(route, self.plan, self.today):
                return route.to
        return None

    # --- showing answers ------------------------------------------------------------------

    def choices(self, question: Question) -> list[Choice]:
        """The options of a question, as labels in the family's language."""
        if question.input is InputKind.YES_NO_UNSURE:
            return [
                Choice(v, self.t(f"opt.yes_no_unsure.{v}"), f"opt.yes_no_unsure.{v}")
                for v in ("yes", "no", "not_sure")
            ]
        if question.options_from is not None:
            source = OPTION_SOURCES[question.options_from]
            return [
                Choice(value, self.t(key) if key else words, key)
                for value, key, words in source(self.plan, self.today)
            ]
        return [Choice(o.value, self.t(o.text), o.text) for o in self.flow.options_for(question)]

    def display(self, question: Question, value: Any = None) -> str:
        """An answer as words: labels for choices, pounds for money, a date in full."""
        if value is None and question.store is not None:
            value = get_at(self.plan, question.store)
        return self.show_value(question, value)

    def show_value(self, question: Question, value: Any) -> str:
        """A stored value as the family would say it (see :func:`showing.shown`)."""
        return shown(self, question, value)


def _as_option(choice: Choice) -> Any:
    from planner.dialogue.schema import Option

    return Option.model_construct(value=choice.value, text=choice.key or "")
