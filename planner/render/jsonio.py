"""The plan as versioned JSON, its JSON Schema, and reading it back safely."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from planner.dialogue.state import Place
from planner.domain.models import SCHEMA_VERSION, Plan

FORMAT = "support-planner/plan"
MAX_FILE = 2_000_000
"""The largest plan file read, in bytes (a full plan is well under 200 KB)."""


class PlanFileError(ValueError):
    """A plan file that cannot be read; ``key`` names a plain-language message."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def to_json(plan: Plan, place: Place | None = None) -> str:
    """The plan in a versioned envelope, as stable, readable JSON; with ``place``, where the
    family was in the conversation, so the file opens again at the same question."""
    envelope: dict[str, Any] = {
        "format": FORMAT,
        "version": SCHEMA_VERSION,
        "plan": plan.model_dump(mode="json"),
    }
    if place is not None:
        envelope["place"] = place.model_dump(mode="json")
    return json.dumps(envelope, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file, generated from the plan model."""
    plan_schema = Plan.model_json_schema(mode="serialization")
    definitions = plan_schema.pop("$defs", {})
    place_schema = Place.model_json_schema(mode="serialization")
    definitions.update(place_schema.pop("$defs", {}))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{FORMAT}/v{SCHEMA_VERSION}",
        "title": "Support Planner plan file",
        "type": "object",
        "required": ["format", "version", "plan"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": SCHEMA_VERSION},
            "plan": plan_schema,
            "place": place_schema,
        },
        "$defs": definitions,
    }


def from_json(text: str | bytes) -> Plan:
    """A plan read back from :func:`to_json`; a damaged file raises :class:`PlanFileError`."""
    return read_plan_file(text)[0]


def read_plan_file(text: str | bytes) -> tuple[Plan, Place | None]:
    """A plan read back from :func:`to_json`, and where the family was if the file says; a
    damaged file raises :class:`PlanFileError`.

    It passes the same checks as answers typed in (the plan model's types): lengths, codes,
    control characters removed. A damaged place is let go (the plan is what matters)."""
    if len(text) > MAX_FILE:
        raise PlanFileError("error.file.too_big")
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise PlanFileError("error.file.not_json") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PlanFileError("error.file.not_plan")
    version = data.get("version")
    if not isinstance(version, int):
        raise PlanFileError("error.file.not_plan")
    plan = data.get("plan")
    inner = plan.get("schema_version") if isinstance(plan, dict) else None
    if version > SCHEMA_VERSION or (isinstance(inner, int) and inner > SCHEMA_VERSION):
        raise PlanFileError("error.file.newer")
    try:
        read = Plan.model_validate(plan)
    except ValidationError as error:
        where = ".".join(str(p) for p in error.errors()[0]["loc"])
        raise PlanFileError("error.file.damaged", where=where or "plan") from None
    try:
        place = Place.model_validate(data["place"]) if "place" in data else None
    except ValidationError:
        place = None
    return read, place
