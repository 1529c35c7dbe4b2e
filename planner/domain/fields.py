"""The checked types every answer passes through, however it arrives (typed, brought in from
a file, read from the store): one path."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from planner.domain.money import MAX_MONEY

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters (all but tab and new line) and lone surrogates: never part of what a
family means, and they break documents (Word refuses them) and terminals (escape sequences)."""


def _one_line(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def _lines(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


ShortText = Annotated[str, AfterValidator(_one_line), Field(max_length=2000)]
LongText = Annotated[str, AfterValidator(_lines), Field(max_length=5000)]
Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
"""A plan's or an item's code: letters, digits, ``-`` and ``_`` only."""
Money = Annotated[Decimal, Field(ge=0, le=MAX_MONEY, max_digits=12, decimal_places=2)]


def new_id() -> str:
    """A short random id for a plan or an item."""
    return uuid.uuid4().hex[:12]


def now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


class Strict(BaseModel):
    """Base for every model: unknown fields are refused, assignments are checked."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)
