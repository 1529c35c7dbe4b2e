"""Checking a flow and its texts before anyone meets them (``planner check``)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from planner.dialogue.loader import FlowError, load_flow, route_guards
from planner.dialogue.registry import OPTION_SOURCE_VALUES, OPTION_SOURCES, known_guard
from planner.dialogue.schema import Flow, InputKind, Match, Node, Question
from planner.dialogue.settling import SETTLERS
from planner.domain.access import field_annotation, list_item_model
from planner.domain.models import Plan
from planner.domain.packs import PackError, pack_file, pack_names, parse_pack
from planner.i18n import SOURCE_LOCALE, Texts, shipped_locales
from planner.paths import data_path

OUTSIDE_STEPS = ("welcome", "finish")


@dataclass
class Report:
    """What ``planner check`` found: problems (which fail it) and notes (which do not)."""

    flow_id: str = ""
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    nodes: int = 0
    questions: int = 0
    locales: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether nothing is wrong."""
        return not self.problems


def check_flow(name_or_path: str | Path | None = None, rules: Path | None = None) -> Report:
    """Check one flow: its shape, its routes, its answers' places in the plan, and its texts;
    and the rules table (the shipped one, or ``rules``)."""
    report = Report()
    try:
        flow = load_flow(name_or_path)
    except FlowError as error:
        report.problems.extend(error.problems)
        return report
    report.flow_id = flow.id
    report.nodes = len(flow.nodes)
    report.questions = sum(1 for n in flow.nodes.values() if n.kind == "ask")
    for check in (_check_structure, _check_reachable, _check_stores, _check_texts):
        report.problems.extend(check(flow))
    report.problems.extend(check_packs())
    report.problems.extend(check_rules(flow, rules))
    report.locales = shipped_locales()
    report.notes.extend(_content_fallbacks(flow, report.locales))
    return report


def _check_structure(flow: Flow) -> Iterator[str]:
    step_ids = {s.id for s in flow.steps}
    if flow.start not in flow.nodes:
        yield f"the start node '{flow.start}' does not exist"
    for step in flow.steps:
        if step.entry not in flow.nodes:
            yield f"step '{step.id}' starts at '{step.entry}', which does not exist"
        elif flow.nodes[step.entry].step != step.id:
            yield f"step '{step.id}' starts at '{step.entry}', which belongs to another step"
    if not any(n.kind == "finish" for n in flow.nodes.values()):
        yield "the flow has no 'finish' node"
    for node_id, node in flow.nodes.items():
        yield from _check_node(flow, node_id, node, step_ids)


def _check_settles(flow: Flow, node: Node, where: str) -> Iterator[str]:
    """A question answered by another's words: a period said with an amount, an amount typed
    at "do you know how much?"."""
    settled = flow.nodes.get(node.settles or "")
    if node.settles is not None and (settled is None or settled.options != "period"):
        yield f"{where} settles '{node.settles}', which is not a question about a period"
    amount = flow.nodes.get(node.amount or "")
    if node.amount is not None and (amount is None or amount.input is not InputKind.MONEY):
        yield f"{where} takes an amount for '{node.amount}', which is not a money question"


def _check_node(flow: Flow, node_id: str, node: Node, step_ids: set[str]) -> Iterator[str]:
    where = f"node '{node_id}'"
    if node.step not in step_ids and node.step not in OUTSIDE_STEPS:
        yield f"{where} names an unknown step '{node.step}'"
    if node.kind == "finish" and node.next:
        yield f"{where} is a finish, so it should have no 'next'"
    if node.kind != "finish":
        if not node.next:
            yield f"{where} has no way on ('next' is empty)"
        elif _conditional(node.next[-1]):
            yield f"{where} has no way on when no condition holds (its last route needs none)"
    yield from _check_settles(flow, node, where)
    for route in node.next:
        if route.to not in flow.nodes:
            yield f"{where} goes to '{route.to}', which does not exist"
        for guard in route_guards(route):
            if not known_guard(guard):
                yield f"{where} uses an unknown guard '{guard}'"
        if route.when is not None:
            yield from _check_match(route.when, Plan, where)
    for source in node.depends_on:
        if source not in flow.nodes:
            yield f"{where} depends on '{source}', which does not exist"
    yield from _check_question(flow, node, where)


def _conditional(route: Any) -> bool:
    return route.if_ is not None or route.unless is not None or route.when is not None


def _check_question(flow: Flow, question: Question, where: str) -> Iterator[str]:
    if isinstance(question.options, str) and question.options not in flow.option_sets:
        yield f"{where} uses an unknown option set '{question.options}'"
    if question.options_from is not None and question.options_from not in OPTION_SOURCES:
        yield f"{where} takes options from an unknown source '{question.options_from}'"
    needs_options = question.input in (InputKind.CHOICE, InputKind.CHOICES)
    if needs_options and not (question.options or question.options_from):
        yield f"{where} is a choice with no options"
    if question.item is not None and question.item not in flow.items:
        yield f"{where} uses an unknown item type '{question.item}'"


def _check_reachable(flow: Flow) -> Iterator[str]:
    seen = {flow.start}
    queue = deque([flow.start])
    while queue:
        current = queue.popleft()
        for route in flow.nodes[current].next if current in flow.nodes else []:
            if route.to not in seen and route.to in flow.nodes:
                seen.add(route.to)
                queue.append(route.to)
    for node_id in flow.nodes:
        if node_id not in seen:
            yield f"node '{node_id}' cannot be reached from the start"


def _check_stores(flow: Flow) -> Iterator[str]:
    for node_id, node in flow.nodes.items():
        if node.store is None:
            continue
        where = f"node '{node_id}'"
        try:
            annotation = field_annotation(Plan, node.store)
        except KeyError:
            yield f"{where} stores its answer at '{node.store}', which is not in the plan"
            continue
        if node.input is InputKind.LIST and node.item in flow.items:
            yield from _check_item_type(flow, node, where)
        else:
            yield from _check_values(flow, node, annotation, where)


def _check_item_type(flow: Flow, node: Node, where: str) -> Iterator[str]:
    try:
        model = list_item_model(Plan, node.store or "")
    except KeyError:
        yield f"{where} is a list, but '{node.store}' in the plan is not a list of items"
        return
    fields = flow.items[node.item or ""].fields
    for index, item_field in enumerate(fields):
        there = f"{where}, field '{item_field.name}'"
        yield from _check_question(flow, item_field, there)
        later = {f.name for f in fields[index + 1 :]}
        if item_field.settles is not None and not (
            item_field.settles in later and item_field.settles in SETTLERS
        ):
            yield f"{there} settles '{item_field.settles}', which is no later field it can settle"
        try:
            annotation = field_annotation(model, item_field.name)
        except KeyError:
            yield f"{there} is not part of a {model.__name__}"
            continue
        yield from _check_values(flow, item_field, annotation, there)
        if item_field.when is not None:
            yield from _check_match(item_field.when, model, there)


def _check_values(flow: Flow, question: Question, annotation: Any, where: str) -> Iterator[str]:
    values = [o.value for o in flow.options_for(question)]
    if question.options_from in OPTION_SOURCE_VALUES:
        values = OPTION_SOURCE_VALUES[question.options_from]
    if question.input is InputKind.YES_NO_UNSURE:
        values = ["yes", "no", "not_sure"]
    target = annotation
    if question.input is InputKind.CHOICES and get_origin(annotation) is list:
        (target,) = get_args(annotation)
    adapter: TypeAdapter[Any] = TypeAdapter(target)
    for value in values:
        try:
            adapter.validate_python(value)
        except ValidationError:
            yield f"{where} offers '{value}', which the plan cannot hold"


def _check_match(match: Match, model: type[BaseModel], where: str) -> Iterator[str]:
    try:
        field_annotation(model, match.path)
    except KeyError:
        yield f"{where} has a condition on '{match.path}', which is not in the plan"


def text_keys(flow: Flow) -> set[str]:
    """Every catalog key a flow shows."""
    keys = {s.title for s in flow.steps}
    keys |= {o.text for options in flow.option_sets.values() for o in options}
    keys |= {f"opt.yes_no_unsure.{v}" for v in ("yes", "no", "not_sure")}
    keys |= {f"opt.area.{v}" for v in OPTION_SOURCE_VALUES["life_areas"]}
    questions: list[Question] = list(flow.nodes.values())
    for item_type in flow.items.values():
        keys.add(item_type.title)
        questions.extend(item_type.fields)
    for question in questions:
        keys.add(question.text)
        if isinstance(question.options, list):
            keys |= {o.text for o in question.options}
    return keys


def more_keys(flow: Flow) -> set[str]:
    """Every "tell me more" page a flow links to."""
    found = {q.more for q in flow.nodes.values() if q.more}
    found |= {f.more for t in flow.items.values() for f in t.fields if f.more}
    return {k for k in found if k}


def check_rules(flow: Flow, path: Path | None = None) -> Iterator[str]:
    """The rules table (``flows/rules.yaml``, or ``path``): each rule's source, conditions on
    answers the plan has and values they can take, known facts, its words in every language,
    and questions that exist in the flow (a rule that asks must be routed on by the flow)."""
    from planner.domain.lawbook import RULES_FILE, RulesError, parse_rules

    where = path or data_path("flows", RULES_FILE)
    try:
        table = parse_rules(where.read_text(encoding="utf-8"), str(where))
    except OSError as error:
        yield f"could not read the rules table {where}: {error.strerror}"
        return
    except RulesError as error:
        yield from error.problems
        return
    routed = {g for n in flow.nodes.values() for r in n.next for g in route_guards(r)}
    catalogs = [Texts(locale) for locale in shipped_locales()]
    for rule in table:
        for node in [rule.node, *rule.show_at]:
            if node is not None and node not in flow.nodes:
                yield f"rule '{rule.id}' names the question '{node}', which is not in the flow"
        if rule.does.value == "ask" and rule.id not in routed:
            yield f"rule '{rule.id}' asks '{rule.node}', but no route of the flow uses it"
        for texts in catalogs:
            if not texts.has(rule.reason):
                yield f"rule '{rule.id}': the text '{rule.reason}' is missing in {texts.locale}"


def check_packs() -> Iterator[str]:
    """Every shipped allocation pack: bands contiguous and rising, every answer with points."""
    for name in pack_names():
        try:
            parse_pack(pack_file(name).read_text(encoding="utf-8"), name)
        except PackError as error:
            yield from (f"pack '{name}': {problem}" for problem in error.problems)


def _check_texts(flow: Flow) -> Iterator[str]:
    for locale in shipped_locales():
        texts = Texts(locale)
        for key in sorted(text_keys(flow)):
            if not key.startswith("pack:") and not texts.has(key):
                yield f"the text '{key}' is missing in {locale}"
    for key in sorted(more_keys(flow)):
        if not data_path("content", "en_GB", "more", f"{key}.md").exists():
            yield f"the explanation content/en_GB/more/{key}.md is missing"


def _content_fallbacks(flow: Flow, locales: list[str]) -> Iterator[str]:
    """Every long text a locale does not have yet, so English is shown in its place: each
    page of ``content/en_GB`` (explanations, help, facilitator notes, glossary, questions,
    the four ways), each glossary term and question, and each text of every pack."""
    from planner.content.knowledge import faq, glossary
    from planner.domain.packs import load_pack, pack_names

    source = data_path("content", SOURCE_LOCALE)
    pages = sorted(p.relative_to(source) for p in source.rglob("*") if p.is_file())
    keys = {f"more/{key}.md" for key in more_keys(flow)}
    for locale in locales[1:]:
        for page in sorted({*pages, *map(Path, keys)}):
            if not data_path("content", locale, str(page)).exists():
                yield f"{locale} shows the English {SOURCE_LOCALE}/{page} (no translation yet)"
        if data_path("content", locale, "glossary.yaml").exists():
            theirs = {t.term for t in glossary(locale)}
            if len(theirs) < len(glossary(SOURCE_LOCALE)):
                yield f"{locale}'s glossary has {len(theirs)} of {len(glossary())} terms"
        if data_path("content", locale, "faq.yaml").exists():
            mine = {q.id for q in faq(locale)}
            for question in faq(SOURCE_LOCALE):
                if question.id not in mine:
                    yield f"{locale} shows the English answer to '{question.id}' (not translated)"
        for name in pack_names():
            pack = load_pack(name)
            own = pack.texts.get(locale, {})
            for key in sorted(set(pack.texts.get(SOURCE_LOCALE, {})) - set(own)):
                yield f"{locale} shows pack '{name}' text '{key}' in English (no translation yet)"
