"""The base of every model read from a data file we ship (the flow, the rules table)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Spec(BaseModel):
    """Base for models read from YAML: unknown keys are mistakes, and nothing changes once
    read."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)
