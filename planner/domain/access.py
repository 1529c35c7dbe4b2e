"""Reading and writing answers in a plan by a dotted path such as ``child.name``."""

from __future__ import annotations

import types
import typing
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from planner.domain.errors import InputError
from planner.domain.models import Plan

_MISSING = object()


def get_at(plan: BaseModel, path: str) -> Any:
    """The value stored at ``path`` (a missing key of a mapping gives None)."""
    value: Any = plan
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else getattr(value, part)
    return value


def set_at(plan: Plan, path: str, value: object) -> Plan:
    """A new plan with ``value`` stored at ``path``, checked by the model.

    A value the model refuses raises :class:`InputError` with a plain-language message.
    """
    if value is None:
        value = empty_value(path)
    data = plan.model_dump()
    *parents, leaf = path.split(".")
    target = data
    for part in parents:
        target = target[part]
    target[leaf] = value
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        raise plain_error(error) from None


def plain_error(error: ValidationError) -> InputError:
    """The first problem in a validation error, as a plain-language message key."""
    first = error.errors()[0]
    kind = first["type"]
    context = first.get("ctx") or {}
    if kind == "string_too_long":
        return InputError("error.text.too_long", limit=context.get("max_length", ""), length="")
    if kind == "too_long":
        return InputError("error.list.too_many", limit=context.get("max_length", ""))
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        return InputError("error.number.out_of_range")
    if kind == "value_error" and "future" in str(first.get("msg", "")):
        return InputError("error.date.birth_future")
    return InputError("error.invalid")


def empty_value(path: str) -> Any:
    """What a blank answer stores: None where the plan allows it, else the field's default."""
    *parents, leaf = path.split(".")
    model: Any = Plan
    for part in parents:
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        found = model.model_fields.get(part)
        if found is None:
            return None
        model = _unwrap(found.annotation)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    field = model.model_fields[leaf]
    if _allows_none(field.annotation):
        return None
    return field.get_default(call_default_factory=True)


def _allows_none(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _allows_none(get_args(annotation)[0])
    return origin in (typing.Union, types.UnionType) and type(None) in get_args(annotation)


def _unwrap(annotation: Any) -> Any:
    """The model class inside ``X | None`` or ``Annotated[X, ...]``, if any."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation


def field_annotation(model: type[BaseModel], path: str) -> Any:
    """The type annotation of the field at ``path``, or raise ``KeyError``."""
    current: Any = model
    annotation: Any = None
    for part in path.split("."):
        if get_origin(current) is dict:
            annotation = get_args(current)[1]
            current = _unwrap(annotation)
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            raise KeyError(path)
        field = current.model_fields.get(part)
        if field is None:
            raise KeyError(path)
        annotation = field.annotation
        current = _unwrap(annotation)
    return annotation


def list_item_model(model: type[BaseModel], path: str) -> type[BaseModel]:
    """The model of the items of the list field at ``path``."""
    annotation = field_annotation(model, path)
    if get_origin(annotation) is not list:
        raise KeyError(path)
    (item,) = get_args(annotation)
    item = _unwrap(item)
    if not (isinstance(item, type) and issubclass(item, BaseModel)):
        raise KeyError(path)
    return item
