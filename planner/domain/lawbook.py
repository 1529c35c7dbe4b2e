"""The legal and funding rules, as data: ``flows/rules.yaml``, one table read by everything.

Each rule says when it applies (answers compared with values, and named facts worked out from
the answers), what it does (rules ways of managing the money out, asks for something first,
warns, notes, or asks a question), the text key of its plain-language reason, where in the
conversation the decision is made, and its source in law. The comparison of the four ways,
the conversation, the readiness check and the plan documents all read this one table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

import yaml
from pydantic import Field, ValidationError

from planner.domain import rules as facts
from planner.domain.access import field_annotation, get_at
from planner.domain.figures import figures
from planner.domain.models import Plan
from planner.domain.spec import Spec
from planner.domain.vocab import ManagementOption
from planner.paths import data_path

RULES_FILE = "rules.yaml"

Fact = Callable[[Plan, date], bool]

FACTS: dict[str, Fact] = {
    "uses_education_money": lambda plan, today: facts.uses_stream(plan, "education"),
    "uses_social_care_money": lambda plan, today: facts.uses_stream(plan, "social_care"),
    "uses_health_money": lambda plan, today: facts.uses_stream(plan, "health"),
    "uses_direct_payment": lambda plan, today: facts.uses_direct_payment(plan),
    "direct_payment_for_care": lambda plan, today: facts.direct_payment_for(plan, "social_care"),
    "direct_payment_for_education": (
        lambda plan, today: facts.direct_payment_for(plan, "education")
    ),
    "short_break_by_direct_payment": lambda plan, today: facts.short_break_by_dp(plan),
    "paid_out_in_school": lambda plan, today: facts.paid_out_in_school(plan),
    "past_compulsory_school_age": facts.past_compulsory_school_age,
    "nearly_adult": facts.nearly_adult,
    "recipient_too_young": facts.young_person_named_too_young,
    "family_employs": lambda plan, today: facts.family_employs(plan),
    "employer_tasks_missing": lambda plan, today: bool(facts.employer_tasks_missing(plan)),
    "uses_agency": lambda plan, today: facts.helpers_engaged(plan, "agency"),
    "uses_self_employed": lambda plan, today: facts.helpers_engaged(plan, "self_employed"),
    "health_arranged_by_council": lambda plan, today: facts.health_arranged_by_council(plan),
    "nhs_arranged_outside_health": lambda plan, today: facts.nhs_arranged_outside_health(plan),
    "capacity_not_recorded": lambda plan, today: facts.capacity_not_recorded(plan),
    "money_capacity_not_recorded": lambda plan, today: facts.money_capacity_not_recorded(plan),
    "pay_below_minimum_wage": lambda plan, today: facts.pay_below(
        plan, figures().value("minimum_wage_21")
    ),
}
"""Facts worked out from the answers that a rule may name (``fact:`` in the table)."""

Words = dict[str, tuple[str, ...] | str]
"""A rule's values for its words: each name with the text keys to join, or a figure as it is
written (see :func:`worded`)."""

PARAMETERS: dict[str, Callable[[Plan], Words]] = {
    "missing_tasks": lambda plan: {
        "tasks": tuple(f"opt.pa_task.{t.value}" for t in facts.employer_tasks_missing(plan))
    },
    "minimum_wage": lambda plan: {"wage": f"{figures().value('minimum_wage_21'):.2f}"},
}
"""Values a rule's words can include (``params:`` in the table)."""


def worded(params: Words, t: Callable[[str], str]) -> dict[str, str]:
    """A rule's values in the family's language: each list of text keys said and joined."""
    return {
        name: keys if isinstance(keys, str) else ", ".join(t(key) for key in keys)
        for name, keys in params.items()
    }


class Does(StrEnum):
    """What a rule does when it applies."""

    BAR = "bar"
    """Rules the named ways out; no preference can outweigh it."""
    NEEDS = "needs"
    """The named ways are possible once something is done (never a good fit before)."""
    WARN = "warn"
    """Something to put right or check."""
    NOTE = "note"
    """Something the family should know here."""
    ASK = "ask"
    """The conversation asks its question (``node``) while the rule applies."""


class Condition(Spec):
    """One condition: an answer is (or is not) one of some values, or a fact holds (or not).

    ``unanswered`` among the values matches a question not yet answered."""

    answer: str | None = None
    in_: list[str] = Field(default_factory=list, alias="in")
    not_in: list[str] = Field(default_factory=list)
    fact: str | None = None
    not_fact: str | None = None


class Rule(Spec):
    """One legal or funding rule."""

    id: str = Field(pattern=r"^[a-z0-9_]+$", max_length=60)
    when: list[Condition] = Field(min_length=1)
    does: Does
    options: list[ManagementOption] = Field(default_factory=list)
    reason: str = Field(pattern=r"^[a-z0-9_.]+$")
    node: str | None = None
    show_at: list[str] = Field(default_factory=list)
    params: str | None = None
    source: str = ""
    holds_up: bool | None = None
    quiet_until_answered: bool = False

    @property
    def serious(self) -> bool:
        """Whether it stands in the way of the plan as it is until something is done (a bar,
        a need or a warning), not only something to know."""
        return self.does in (Does.BAR, Does.NEEDS, Does.WARN)

    @property
    def blocks(self) -> bool:
        """Whether the plan is not ready to share while this rule applies."""
        return self.serious if self.holds_up is None else self.holds_up

    def applies(self, plan: Plan, today: date) -> bool:
        """Whether every condition holds for this plan today."""
        return all(_holds(c, plan, today) for c in self.when)

    def words(self, plan: Plan) -> Words:
        """The values its reason includes, as text keys (see :func:`worded`)."""
        return PARAMETERS[self.params](plan) if self.params else {}


class RulesError(Exception):
    """The rules table could not be read; ``problems`` names each mistake."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _value(plan: Plan, path: str) -> str:
    value: Any = get_at(plan, path)
    if value is None or value == "":
        return "unanswered"
    return str(getattr(value, "value", value))


def _holds(condition: Condition, plan: Plan, today: date) -> bool:
    if condition.fact is not None and not FACTS[condition.fact](plan, today):
        return False
    if condition.not_fact is not None and FACTS[condition.not_fact](plan, today):
        return False
    if condition.answer is not None:
        value = _value(plan, condition.answer)
        if condition.in_ and value not in condition.in_:
            return False
        if condition.not_in and value in condition.not_in:
            return False
    return True


def parse_rules(text: str, where: str = RULES_FILE) -> list[Rule]:
    """The rules in a table's text; raise :class:`RulesError` naming every mistake."""
    try:
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RulesError([f"{where} is not valid YAML: {error}"]) from None
    entries = raw.get("rules") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise RulesError([f"{where} needs a list called 'rules'"])
    found: list[Rule] = []
    problems: list[str] = []
    for number, entry in enumerate(entries, start=1):
        name = entry.get("id", f"number {number}") if isinstance(entry, dict) else number
        try:
            rule = Rule.model_validate(entry)
        except ValidationError as error:
            for e in error.errors():
                place = ".".join(str(p) for p in e["loc"])
                problems.append(f"rule '{name}': {place}: {e['msg']}")
            continue
        problems.extend(f"rule '{rule.id}' {p}" for p in rule_problems(rule))
        found.append(rule)
    ids = [r.id for r in found]
    problems += [f"rule '{i}' appears more than once" for i in sorted(set(ids)) if ids.count(i) > 1]
    if problems:
        raise RulesError(problems)
    return found


def rule_problems(rule: Rule) -> Iterator[str]:
    """What is wrong with one rule on its own: no source, an unknown answer or fact, a value
    the answer cannot take, or a bar without the ways it rules out."""
    if not rule.source.strip():
        yield "has no source (name the act, regulation or code paragraph)"
    if rule.does in (Does.BAR, Does.NEEDS) and not rule.options:
        yield f"does '{rule.does.value}' but names no ways of managing the money ('options')"
    if rule.options and rule.does not in (Does.BAR, Does.NEEDS):
        yield "names ways of managing the money, but only a bar or a need uses them"
    if rule.does is Does.ASK and rule.node is None:
        yield "asks a question but names no 'node'"
    if rule.params is not None and rule.params not in PARAMETERS:
        yield f"uses unknown params '{rule.params}'"
    for condition in rule.when:
        yield from _condition_problems(condition)


def _condition_problems(condition: Condition) -> Iterator[str]:
    for name in (condition.fact, condition.not_fact):
        if name is not None and name not in FACTS:
            yield f"has a condition on an unknown fact '{name}'"
    if condition.answer is None:
        if condition.fact is None and condition.not_fact is None:
            yield "has an empty condition"
        return
    try:
        annotation = field_annotation(Plan, condition.answer)
    except KeyError:
        yield f"has a condition on an unknown answer '{condition.answer}'"
        return
    allowed = _allowed_values(annotation)
    for value in [*condition.in_, *condition.not_in]:
        if allowed is not None and value != "unanswered" and value not in allowed:
            yield f"compares '{condition.answer}' with '{value}', which it can never be"


def _allowed_values(annotation: Any) -> set[str] | None:
    from typing import get_args

    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, StrEnum):
            return {member.value for member in candidate}
    return None


@cache
def load_rules() -> tuple[Rule, ...]:
    """The shipped rules table (read once)."""
    path = data_path("flows", RULES_FILE)
    return tuple(parse_rules(path.read_text(encoding="utf-8"), str(path)))


def applying(plan: Plan, today: date, table: Sequence[Rule] | None = None) -> list[Rule]:
    """The rules that apply to this plan today, in the table's order."""
    return [r for r in (load_rules() if table is None else table) if r.applies(plan, today)]


def asks(name: str) -> bool:
    """Whether ``name`` is a rule that asks a question (a flow may route on it)."""
    return any(r.id == name and r.does is Does.ASK for r in load_rules())


def rule(name: str) -> Rule:
    """One rule by its id."""
    for found in load_rules():
        if found.id == name:
            return found
    raise KeyError(name)
