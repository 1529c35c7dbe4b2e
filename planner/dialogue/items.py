"""Editing the items of a list question (outcomes, support, risks, tasks): ``conv.items``.

One field loop for every front end: the terminal app shows every field of an item at once
and hands them to :meth:`ItemList.save`; line mode asks one field at a time with
:meth:`ItemList.next_field` and :meth:`ItemList.parse`, then :meth:`ItemList.put`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from planner.content.knowledge import measure_words
from planner.dialogue.derive import derived_support
from planner.dialogue.prompt import ACCEPTED, Notice, Result
from planner.dialogue.schema import ItemField, Node
from planner.dialogue.settling import SETTLERS
from planner.dialogue.showing import raw_value, read_as, rippled_notice
from planner.domain.access import get_at, list_item_model, set_at
from planner.domain.errors import InputError
from planner.domain.models import Outcome, Plan, now
from planner.domain.packs import catalogue_entry
from planner.domain.people import plan_costs

if TYPE_CHECKING:
    from planner.dialogue.conversation import Conversation


def settle_into(
    parsed: dict[str, Any], settled: dict[str, object], typed: dict[str, str] | None = None
) -> None:
    """Take what an answer also said as the answer to a later field, unless that field was
    typed itself (in a form, the choice made there wins)."""
    for name, value in settled.items():
        if not (typed or {}).get(name, "").strip():
            parsed[name] = value


def field_applies(item_field: ItemField, values: dict[str, Any]) -> bool:
    """Whether a conditional item field is asked, given the values read so far (a field not
    answered counts as blank)."""
    when = item_field.when
    if when is None:
        return True
    value = values.get(when.path)
    return ("" if value is None else str(getattr(value, "value", value))) in when.in_


class ItemList:
    """The items of the conversation's current list question."""

    def __init__(self, conversation: Conversation) -> None:
        self.conv = conversation

    def all(self) -> list[Any]:
        """The items of the current list."""
        return list(get_at(self.conv.plan, self.conv.node.store or ""))

    def fields(self, values: dict[str, Any] | None = None) -> list[ItemField]:
        """The fields to ask for an item, given the values read so far."""
        node = self.conv.node
        if node.item is None:
            return []
        return [f for f in self.conv.flow.items[node.item].fields if field_applies(f, values or {})]

    def shown(self, raw: dict[str, str], index: int | None = None) -> list[ItemField]:
        """The fields a form shows, given what is in it now: those that apply, less those that
        follow from the rest (a helper's price) and choices with nothing to choose from."""
        derived = {**self.settled_by(raw), **self.derived(raw, adding=index is None)}
        values = {**raw, **{name: raw_value(value) for name, value in derived.items()}}
        return [
            item_field
            for item_field in self.every_field()
            if field_applies(item_field, values)
            and item_field.name not in derived
            and (item_field.options_from is None or self.conv.choices(item_field))
        ]

    def form_values(self, index: int | None) -> dict[str, str]:
        """What a form holds at first: an item's values as text, or blanks for a new one."""
        existing = self.values(index) if index is not None else {}
        return {f.name: raw_value(existing.get(f.name)) for f in self.every_field()}

    def every_field(self) -> list[ItemField]:
        """Every field of the current list's items, whether it applies or not."""
        item = self.conv.node.item
        return list(self.conv.flow.items[item].fields) if item is not None else []

    def next_field(self, parsed: dict[str, Any], *, adding: bool = True) -> ItemField | None:
        """The next field to ask, given the values read so far (None: the item is complete).

        First, what follows from those values is filled into ``parsed`` (a helper's price,
        the only outcome, the only funding stream that fits: see :mod:`derive`), so only what
        is left is asked. A choice with nothing to choose from (no helpers yet) is not asked.
        """
        node = self.conv.node
        if node.item is None:
            return None
        for name, value in self.derived(parsed, adding=adding).items():
            parsed.setdefault(name, value)
        for item_field in self.conv.flow.items[node.item].fields:
            if item_field.name in parsed or not field_applies(item_field, parsed):
                continue
            if item_field.options_from is not None and not self.conv.choices(item_field):
                continue
            return item_field
        return None

    def derived(self, values: dict[str, Any], *, adding: bool = True) -> dict[str, Any]:
        """The fields that follow from the values so far, and need not be asked (on a change,
        only those a helper answers: the defaults are asked again)."""
        if self.conv.node.item != "support_item":
            return {}
        return derived_support(self.conv.plan, values, adding=adding)

    def next_starts_at_once(self) -> bool:
        """Whether line mode starts a new item straight after one is added: where the first
        question of a new item must be answered, so Enter there can only mean "no more"."""
        item = self.conv.node.item
        if item is None or self.conv.flow.items[item].partial:
            return False
        first = self.next_field({}, adding=True)
        return first is not None and first.required

    def settled_by(self, typed: dict[str, str]) -> dict[str, object]:
        """What the answers typed in a form also say of later fields left blank there ("£45 a
        session": per session), so those need not be shown."""
        found: dict[str, object] = {}
        for item_field in self.conv.flow.items[self.conv.node.item or ""].fields:
            later = item_field.settles
            if later in SETTLERS and typed.get(item_field.name, "").strip():
                value = SETTLERS[later](typed[item_field.name])[1]
                if value is not None and not typed.get(later, "").strip():
                    found[later] = value
        return found

    def parse(
        self,
        item_field: ItemField,
        raw: str,
        said_back: list[str] | None = None,
        settled: dict[str, object] | None = None,
    ) -> Result | object:
        """Read one field of an item; a :class:`Result` with a message if it is refused. When
        the value was guessed ("£1.2k"), how it was read is added to ``said_back``. A later
        field the answer also says ("£45 a session": per session) goes into ``settled``."""
        guessed: list[object] = []
        if item_field.settles in SETTLERS:
            raw, also = SETTLERS[item_field.settles](raw)
            if also is not None and settled is not None:
                settled[item_field.settles] = also
        try:
            value = self.conv.parse(item_field, raw, guessed)
            examples = item_field.options_from == "support_kinds"  # an example price may be picked
            example = catalogue_entry(str(value)) if examples else None
            if example is not None:  # an example price picked as the kind gives the kind,
                if settled is not None:  # and its price is kept on Enter (see suggested)
                    settled["catalogue"] = str(value)
                value = example[1].kind.value
            if guessed and said_back is not None:
                said_back.append(read_as(self.conv, item_field, guessed[0]).text)
            return value
        except InputError as error:
            message = self.conv.t(error.key, **error.params)
            return Result(ok=False, message=message, field=item_field.name)

    def values(self, index: int) -> dict[str, Any]:
        """An existing item's values, by field name."""
        return dict(self.all()[index].model_dump())

    def suggested(self, values: dict[str, Any]) -> dict[str, Any]:
        """Values suggested by an example price picked from a pack's catalogue."""
        chosen = values.get("catalogue")
        found = catalogue_entry(str(chosen)) if chosen else None
        if found is None:
            return {}
        pack, entry = found
        return {
            "what": pack.text(f"c.{entry.id}", self.conv.locale),
            "kind": entry.kind,
            "cost_basis": entry.cost_basis,
            "unit_cost": entry.price,
        }

    def save(self, values: dict[str, str], index: int | None = None) -> Result:
        """Add an item (``index`` None) or replace one, from raw typed values by field name.

        A blank field takes the value suggested by a catalogue price, if one was picked.
        """
        if self.conv.node.item is None:
            return Result(ok=False, message=self.conv.t("error.invalid"))
        parsed: dict[str, Any] = {}
        while (item_field := self.next_field(parsed, adding=index is None)) is not None:
            raw = values.get(item_field.name, "")
            suggested = self.suggested(parsed).get(item_field.name)
            if not raw.strip() and suggested is not None:
                parsed[item_field.name] = suggested
                continue
            settled: dict[str, object] = {}
            outcome = self.parse(item_field, raw, settled=settled)
            if isinstance(outcome, Result):
                return outcome
            parsed[item_field.name] = outcome
            settle_into(parsed, settled, values)
        return self.put(parsed, index)

    def put(self, parsed: dict[str, Any], index: int | None = None) -> Result:
        """Add or replace an item from values already read (a field read as None is left out)."""
        conv = self.conv
        parsed = {name: value for name, value in parsed.items() if value is not None}
        path = conv.node.store or ""
        model = list_item_model(Plan, path)
        items = self.all()
        partial = conv.flow.items[conv.node.item or ""].partial
        try:
            if index is None and partial:
                return Result(ok=False, message=conv.t("error.list.no_adding"))
            if index is None:
                items.append(model.model_validate(parsed))
            else:
                keep = {"id": items[index].id} if hasattr(items[index], "id") else {}
                if partial:
                    keep = items[index].model_dump()
                items[index] = model.model_validate({**keep, **parsed})
            conv.state.plan = set_at(conv.plan, path, [i.model_dump() for i in items])
        except InputError as error:
            return Result(ok=False, message=conv.t(error.key, **error.params))
        except ValueError:
            return Result(ok=False, message=conv.t("error.invalid"))
        result = self._changed()
        saved = items[-1] if index is None else items[index]
        if isinstance(saved, Outcome) and not saved.measurable(measure_words(conv.locale)):
            # Once, as it is saved, and never a refusal: a vague outcome is the family's to keep.
            tip = Notice(conv.t("tip.outcome_measurable"), serious=False)
            return replace(result, notices=(*result.notices, tip))
        return result

    def remove(self, index: int) -> Result:
        """Remove one item from the current list (the family has confirmed)."""
        conv = self.conv
        path = conv.node.store or ""
        items = self.all()
        if not 0 <= index < len(items):
            return Result(ok=False, message=conv.t("error.list.no_such_item", count=len(items)))
        removed = items.pop(index)
        plan = set_at(conv.plan, path, [i.model_dump() for i in items])
        if path == "outcomes":
            plan = _unlink_outcome(plan, removed.id)
        if path == "helpers":  # their support keeps its last price, given by "someone else"
            plan = _unlink_helper(plan, removed.id)
        conv.state.plan = plan
        return self._changed()

    def _changed(self) -> Result:
        """After an item changed: flag what depends on the list, and say so."""
        conv = self.conv
        flagged = set(conv.needs_check())
        if conv.node_id in conv.state.answered:
            conv.flag_dependents(conv.node_id)
        conv.state.plan.updated = now()
        conv.save()
        rippled = [n for n in conv.needs_check() if n not in flagged]
        return Result(ok=True, notices=(rippled_notice(conv, rippled),)) if rippled else ACCEPTED

    def lines(self, node: Node | None = None) -> list[str]:
        """One line for each item of a list question (the current one by default)."""
        conv = self.conv
        node = node or conv.node
        if node.item is None:
            return []
        item_type = conv.flow.items[node.item]
        first = item_type.summary_field()
        lines = []
        costs = plan_costs(conv.plan).items if node.store == "support_items" else {}
        for item in get_at(conv.plan, node.store or ""):
            line = conv.show_value(first, getattr(item, first.name))
            if item_type.partial:  # what the item is, then the part asked here
                named = str(getattr(item, item_type.summary_name()))
                line = conv.t("word.item_part", what=named, part=line)
            elif item.id in costs:
                line = conv.t("word.item_cost", what=line, cost=conv.money(costs[item.id].total))
            lines.append(line)
        return lines


def _unlink_outcome(plan: Plan, outcome_id: str) -> Plan:
    items = [
        item.model_copy(update={"outcomes": [o for o in item.outcomes if o != outcome_id]})
        for item in plan.support_items
    ]
    return plan.model_copy(update={"support_items": items})


def _unlink_helper(plan: Plan, helper_id: str) -> Plan:
    items = [
        item.model_copy(update={"helper": ""}) if item.helper == helper_id else item
        for item in plan.support_items
    ]
    return plan.model_copy(update={"support_items": items})
