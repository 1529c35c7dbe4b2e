"""The Conversation: one family's way through a flow.

It is pure and synchronous. A front end asks for the :meth:`Conversation.prompt`, hands back
what the person typed with :meth:`Conversation.answer`, and shows what comes back. Accepted
answers go into the plan; a rejected answer changes nothing and comes with a plain message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from planner.dialogue.inputs import parse_value
from planner.dialogue.loader import ADVANCE, Cursor, compile_machine
from planner.dialogue.registry import CALLBACKS, GUARDS, OPTION_SOURCES, TEXT_SOURCES, Choice
from planner.dialogue.schema import Flow, InputKind, ItemField, Match, Node, Question, Route, Step
from planner.dialogue.state import (
    HISTORY_LIMIT,
    AnswerRecord,
    SessionState,
    StepStatus,
    new_state,
)
from planner.domain.access import get_at, list_item_model, set_at
from planner.domain.errors import InputError
from planner.domain.models import Plan, now
from planner.domain.packs import catalogue_entry
from planner.i18n import Texts, fill_blanks, texts_for

Saver = Callable[[SessionState], None]


@dataclass(frozen=True)
class Result:
    """What happened to an answer: accepted, or refused with a plain message."""

    ok: bool
    message: str = ""
    field: str | None = None


ACCEPTED = Result(ok=True)


@dataclass(frozen=True)
class Prompt:
    """Everything a front end needs to show the current node."""

    node_id: str
    kind: str
    text: str
    input: InputKind | None
    required: bool
    step: Step | None
    step_title: str
    choices: list[Choice]
    more: str | None
    current: str
    needs_check: bool
    items: list[str] = field(default_factory=list)
    item_title: str = ""
    chosen: list[str] = field(default_factory=list)
    """The values of the options already chosen (labels may hold commas; values never do)."""


@dataclass(frozen=True)
class StepProgress:
    """One of the seven steps and how far the family has got."""

    step: Step
    title: str
    status: StepStatus


@dataclass(frozen=True)
class SummaryRow:
    """One answer in "check your answers"."""

    node_id: str
    question: str
    answer: str
    answered: bool
    needs_check: bool


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
        self._cursor = Cursor()
        self._machine = compile_machine(flow, self._cursor, self._holds, self.state.node)
        self._dependents = _dependents(flow)
        self._step_nodes = {
            s.id: [n for n, spec in flow.nodes.items() if spec.step == s.id] for s in flow.steps
        }

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

    @property
    def locale(self) -> str:
        """The family's language."""
        return self.texts.locale

    def t(self, key: str, **params: object) -> str:
        """A text in the family's language, with the child's name available as ``{name}``.

        Keys starting ``pack:<name>:`` are texts of an allocation pack.
        """
        name = self.plan.child.display_name(self.texts.get("word.your_child"))
        if key.startswith("pack:"):
            _, pack_name, pack_key = key.split(":", 2)
            from planner.domain.packs import load_pack

            return fill_blanks(load_pack(pack_name).text(pack_key, self.locale), name=name)
        return self.texts.get(key, **{"name": name, **params})

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
        variants = [name for name, on in (("plain", self.typed), ("unsaved", not self.kept)) if on]
        key = next(
            (f"{node.text}_{v}" for v in variants if self.texts.known(f"{node.text}_{v}")),
            node.text,
        )
        return self.t(key, current=current)

    def set_locale(self, locale: str) -> None:
        """Speak another language from now on; every answer is kept."""
        self.state.locale = locale
        self.texts = texts_for(locale)
        self._save()

    def prompt(self) -> Prompt:
        """The current node, ready to show."""
        node = self.node
        step = self.flow.step_of(self.node_id)
        record = self.state.answered.get(self.node_id)
        prompt = Prompt(
            node_id=self.node_id,
            kind=node.kind,
            text=self.node_text(node),
            input=node.input,
            required=node.required,
            step=step,
            step_title=self.t(step.title) if step else "",
            choices=self.choices(node) if node.kind == "ask" else [],
            more=node.more,
            current=self.display(node) if record and node.store is not None else "",
            needs_check=bool(record and record.needs_check),
            chosen=self._chosen(node) if record else [],
        )
        if node.input is InputKind.LIST and node.item is not None:
            item_type = self.flow.items[node.item]
            prompt = _with_items(prompt, self.item_lines(node), self.t(item_type.title))
        return prompt

    def _chosen(self, node: Node) -> list[str]:
        if node.input not in (InputKind.CHOICE, InputKind.CHOICES) or not node.store:
            return []
        value = get_at(self.plan, node.store)
        values = value if isinstance(value, list) else [] if value is None else [value]
        return [str(getattr(v, "value", v)) for v in values]

    # --- answering ------------------------------------------------------------------------

    def answer(self, raw: str) -> Result:
        """Give an answer to the current node. Say nodes take any answer to move on."""
        node = self.node
        if node.kind == "finish":
            return ACCEPTED
        if node.kind == "say":
            self._record(self.node_id, changed=False)
            self._advance()
            return ACCEPTED
        try:
            value = self._parse(node, raw)
            changed = self._store(node, value)
        except InputError as error:
            return self._refuse(error)
        for name in node.after:
            self.state.plan = CALLBACKS[name](self.plan, node)
        self._record(self.node_id, changed=changed)
        self._advance()
        return ACCEPTED

    def keep(self) -> Result:
        """Keep the answer already given to this question and move on."""
        if self.node.kind == "ask" and self.node_id not in self.state.answered:
            return Result(ok=False, message=self.t("error.text.empty"))
        return self.answer("") if self.node.kind != "ask" else self._keep()

    def catch_up(self, limit: int = 1000) -> None:
        """Walk on through every question the plan already answers (after an import), stopping
        at the first one it does not."""
        for _ in range(limit):
            node = self.node
            if node.kind == "finish":
                return
            if node.kind == "say":
                self.answer("")
                continue
            value = get_at(self.plan, node.store or "") if node.store else None
            if value in (None, "", []):
                return
            self._keep()

    def _keep(self) -> Result:
        self._record(self.node_id, changed=False)
        self._advance()
        return ACCEPTED

    def _parse(self, question: Question, raw: str) -> object:
        if question.input is InputKind.LIST:
            return self._finish_list(question, raw)
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
        )

    def _finish_list(self, question: Question, raw: str) -> object:
        if raw.strip().lower() not in ("", "done", "d", "finish", "next"):
            raise InputError("error.list.use_editor")
        items = get_at(self.plan, question.store or "")
        if question.required and not items:
            raise InputError("error.list.empty")
        return items

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
            self._flag_dependents(node_id)
        self.state.plan.updated = now()

    def _flag_dependents(self, node_id: str) -> None:
        for dependent in self._dependents.get(node_id, ()):
            record = self.state.answered.get(dependent)
            if record is not None and dependent != node_id:
                record.needs_check = True

    # --- moving ---------------------------------------------------------------------------

    def _advance(self) -> None:
        here = self.node_id
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
        self._save()

    def back(self) -> bool:
        """Go back to the previous node. Answers are kept. False at the very start."""
        if not self.state.history:
            return False
        previous = self.state.history.pop()
        self.state.return_to = None
        self.state.node = previous
        self._machine.set_state(previous, model=self._cursor)
        self._save()
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

    def _save(self) -> None:
        if self.on_change is not None:
            self.on_change(self.state)

    # --- conditions -----------------------------------------------------------------------

    def _holds(self, route: Route) -> bool:
        plan, today = self.plan, self.today
        if route.if_ is not None and not GUARDS[route.if_](plan, today):
            return False
        if route.unless is not None and GUARDS[route.unless](plan, today):
            return False
        return route.when is None or _matches(route.when, plan)

    def next_of(self, node_id: str) -> str | None:
        """Where the flow goes after ``node_id`` with the answers as they are now."""
        for route in self.flow.nodes[node_id].next:
            if self._holds(route):
                return route.to
        return None

    def route(self) -> list[str]:
        """The nodes the family passes through from the start, up to the first unanswered question
        (or the end), given the answers so far."""
        seen: list[str] = []
        node_id: str | None = self.flow.start
        while node_id is not None and node_id not in seen:
            seen.append(node_id)
            if node_id not in self.state.answered and self.flow.nodes[node_id].kind != "finish":
                break
            node_id = self.next_of(node_id)
        return seen

    # --- progress and summaries -----------------------------------------------------------

    def progress(self) -> list[StepProgress]:
        """Each of the seven steps with its status."""
        route = self.route()
        frontier = route[-1]
        order = {s.id: i for i, s in enumerate(self.flow.steps)}
        frontier_step = self.flow.nodes[frontier].step
        frontier_rank = order.get(frontier_step, len(order) if frontier_step == "finish" else -1)
        result = []
        for rank, step in enumerate(self.flow.steps):
            answered = [n for n in self._step_nodes[step.id] if n in self.state.answered]
            if any(self.state.answered[n].needs_check for n in answered):
                status = StepStatus.NEEDS_CHECK
            elif frontier_rank > rank:
                status = StepStatus.DONE
            elif answered or self.node.step == step.id:
                status = StepStatus.IN_PROGRESS
            else:
                status = StepStatus.NOT_STARTED
            result.append(StepProgress(step=step, title=self.t(step.title), status=status))
        return result

    def summary(self, step_id: str) -> list[SummaryRow]:
        """The questions of one step with their answers, for "check your answers"."""
        on_route = self._on_route_nodes()
        rows = []
        for node_id in on_route:
            node = self.flow.nodes[node_id]
            if node.step != step_id or node.kind != "ask":
                continue
            record = self.state.answered.get(node_id)
            rows.append(
                SummaryRow(
                    node_id=node_id,
                    question=self.node_text(node),
                    answer=self.display(node) if record else self.t("word.not_answered"),
                    answered=record is not None,
                    needs_check=bool(record and record.needs_check),
                )
            )
        return rows

    def _on_route_nodes(self) -> list[str]:
        """Every node the answers so far lead through, including those past the frontier that
        were answered before (so a jump forward still shows them)."""
        seen: list[str] = []
        node_id: str | None = self.flow.start
        while node_id is not None and node_id not in seen:
            seen.append(node_id)
            node_id = self.next_of(node_id)
        return seen

    def needs_check(self) -> list[str]:
        """Nodes whose answers should be looked at again after a change."""
        return [n for n, r in self.state.answered.items() if r.needs_check]

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
        """A stored value as the family would say it."""
        if value is None or value in ("", []):
            return self.t("word.no_answer")
        kind = question.input
        if kind in (InputKind.CHOICE, InputKind.YES_NO_UNSURE, InputKind.CHOICES):
            labels = {c.value: c.label for c in self.choices(question)}
            values = value if isinstance(value, list) else [value]
            return ", ".join(labels.get(str(v), str(v)) for v in values)
        if kind is InputKind.MONEY:
            from planner.domain.money import format_money

            return format_money(value, self.texts.locale)
        if kind is InputKind.DATE:
            from babel.dates import format_date

            return format_date(value, "d MMMM y", locale=self.texts.locale)
        if kind is InputKind.LIST:
            return self.texts.plural("word.items", len(value))
        if kind is InputKind.NUMBER:
            return f"{Decimal(str(value)).normalize():f}"
        return str(value)

    # --- list editing ---------------------------------------------------------------------

    def item_fields(self, values: dict[str, Any] | None = None) -> list[ItemField]:
        """The fields to ask for an item of the current list, given the values read so far."""
        if self.node.item is None:
            return []
        return [f for f in self.flow.items[self.node.item].fields if field_applies(f, values or {})]

    def parse_field(self, item_field: ItemField, raw: str) -> Result | object:
        """Read one field of an item; a :class:`Result` with a message if it is refused."""
        try:
            return self._parse(item_field, raw)
        except InputError as error:
            return Result(
                ok=False, message=self.t(error.key, **error.params), field=item_field.name
            )

    def items(self) -> list[Any]:
        """The items of the current list."""
        return list(get_at(self.plan, self.node.store or ""))

    def item_values(self, index: int) -> dict[str, Any]:
        """An existing item's values, by field name."""
        return dict(self.items()[index].model_dump())

    def item_defaults(self, values: dict[str, Any]) -> dict[str, Any]:
        """Values suggested by an example price picked from a pack's catalogue."""
        chosen = values.get("catalogue")
        found = catalogue_entry(str(chosen)) if chosen else None
        if found is None:
            return {}
        pack, entry = found
        return {
            "what": pack.text(f"c.{entry.id}", self.locale)[:200],
            "kind": entry.kind,
            "cost_basis": entry.cost_basis,
            "unit_cost": entry.price,
        }

    def save_item(self, values: dict[str, str], index: int | None = None) -> Result:
        """Add an item (``index`` None) or replace one, from raw typed values by field name.

        A blank field takes the value suggested by a catalogue price, if one was picked.
        """
        if self.node.item is None:
            return Result(ok=False, message=self.t("error.invalid"))
        parsed: dict[str, Any] = {}
        for item_field in self.flow.items[self.node.item].fields:
            if not field_applies(item_field, parsed):
                continue
            raw = values.get(item_field.name, "")
            suggested = self.item_defaults(parsed).get(item_field.name)
            if not raw.strip() and suggested is not None:
                parsed[item_field.name] = suggested
                continue
            outcome = self.parse_field(item_field, raw)
            if isinstance(outcome, Result):
                return outcome
            if outcome is not None:
                parsed[item_field.name] = outcome
        return self.put_item(parsed, index)

    def put_item(self, parsed: dict[str, Any], index: int | None = None) -> Result:
        """Add or replace an item from values already read."""
        path = self.node.store or ""
        model = list_item_model(Plan, path)
        items = self.items()
        try:
            if index is None:
                items.append(model.model_validate(parsed))
            else:
                keep = {"id": items[index].id} if hasattr(items[index], "id") else {}
                items[index] = model.model_validate({**keep, **parsed})
            self.state.plan = set_at(self.plan, path, [i.model_dump() for i in items])
        except InputError as error:
            return self._refuse(error)
        except ValueError:
            return Result(ok=False, message=self.t("error.invalid"))
        self._list_changed()
        return ACCEPTED

    def remove_item(self, index: int) -> Result:
        """Remove one item from the current list (the family has confirmed)."""
        path = self.node.store or ""
        items = self.items()
        if not 0 <= index < len(items):
            return Result(ok=False, message=self.t("error.list.no_such_item", count=len(items)))
        removed = items.pop(index)
        plan = set_at(self.plan, path, [i.model_dump() for i in items])
        if path == "outcomes":
            plan = _unlink_outcome(plan, removed.id)
        self.state.plan = plan
        self._list_changed()
        return ACCEPTED

    def _list_changed(self) -> None:
        if self.node_id in self.state.answered:
            self._flag_dependents(self.node_id)
        self.state.plan.updated = now()
        self._save()

    def item_lines(self, node: Node) -> list[str]:
        """One line for each item of a list question."""
        if node.item is None:
            return []
        first = self.flow.items[node.item].summary_field()
        lines = []
        for item in get_at(self.plan, node.store or ""):
            line = self.show_value(first, getattr(item, first.name))
            if hasattr(item, "yearly_cost"):
                cost = self.money(item.yearly_cost(self.plan.on_costs))
                line = self.t("word.item_cost", what=line, cost=cost)
            lines.append(line)
        return lines


def _with_items(prompt: Prompt, lines: list[str], title: str) -> Prompt:
    from dataclasses import replace

    return replace(prompt, items=lines, item_title=title)


def _as_option(choice: Choice) -> Any:
    from planner.dialogue.schema import Option

    return Option.model_construct(value=choice.value, text=choice.key or "")


def field_applies(item_field: ItemField, values: dict[str, Any]) -> bool:
    """Whether a conditional item field is asked, given the values read so far."""
    when = item_field.when
    if when is None:
        return True
    value = values.get(when.path)
    return str(getattr(value, "value", value)) in when.in_


def _matches(match: Match, plan: Plan) -> bool:
    value = get_at(plan, match.path)
    if isinstance(value, list):
        return any(str(v) in match.in_ for v in value)
    return str(value.value if hasattr(value, "value") else value) in match.in_


def _unlink_outcome(plan: Plan, outcome_id: str) -> Plan:
    items = [
        item.model_copy(update={"outcomes": [o for o in item.outcomes if o != outcome_id]})
        for item in plan.support_items
    ]
    return plan.model_copy(update={"support_items": items})


def _dependents(flow: Flow) -> dict[str, set[str]]:
    """For each node, every node that depends on it, directly or through others."""
    direct: dict[str, set[str]] = {}
    for node_id, node in flow.nodes.items():
        for source in node.depends_on:
            direct.setdefault(source, set()).add(node_id)
    closure: dict[str, set[str]] = {}
    for source, targets in direct.items():
        found: set[str] = set()
        stack: list[str] = list(targets)
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(direct.get(current, ()))
        closure[source] = found
    return closure


def walk(conversation: Conversation, answers: Iterable[str]) -> list[Result]:
    """Give a series of answers in turn (a helper for scripts and tests)."""
    return [conversation.answer(raw) for raw in answers]
