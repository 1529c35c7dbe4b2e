"""The four ways to manage a personal budget, as plain-language data per locale."""

from __future__ import annotations

from functools import cache

import yaml
from pydantic import BaseModel, ConfigDict, Field

from planner.i18n import SOURCE_LOCALE
from planner.paths import data_path

OPTION_ROWS = (
    "what_it_is",
    "who_holds",
    "who_arranges",
    "what_you_do",
    "paperwork",
    "flexibility",
    "help",
    "employing",
    "good_if",
    "watch_out",
)
"""The rows of the side-by-side comparison, in order (each has a ``option_row.<row>`` label)."""


class WayToManage(BaseModel):
    """One of the four ways, answered row by row."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^(direct_payment|arranged|third_party|mix)$")
    name: str
    what_it_is: str
    who_holds: str
    who_arranges: str
    what_you_do: str
    paperwork: str
    flexibility: str
    help: str
    employing: str
    good_if: str
    watch_out: str

    def row(self, name: str) -> str:
        """One row's text."""
        value: str = getattr(self, name)
        return value


@cache
def ways_to_manage(locale: str = SOURCE_LOCALE) -> tuple[WayToManage, ...]:
    """The four ways, in order, in the family's language (British English where missing)."""
    for name in (locale, SOURCE_LOCALE):
        path = data_path("content", name, "options.yaml")
        if path.exists():
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            return tuple(WayToManage.model_validate(o) for o in raw)
    return ()
