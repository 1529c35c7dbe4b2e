"""The planner's figures (wages, on-costs), each with its date and source, from one dated file:
``content/figures.yaml``. The planner says so when the file was last checked more than a year
ago."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import yaml

from planner.paths import data_path

STALE_AFTER = timedelta(days=366)
"""Figures checked longer ago than this may be out of date (the rates change each April)."""


@dataclass(frozen=True)
class Figure:
    """One figure: its value, the date it applies from, and where it comes from."""

    value: Decimal
    applies_from: date
    source: str


@dataclass(frozen=True)
class Figures:
    """Every figure, with the date the file was last checked and the tax year it is for."""

    checked: date
    tax_year: str
    figures: dict[str, Figure]

    def value(self, name: str) -> Decimal:
        """One figure's value."""
        return self.figures[name].value

    def stale(self, today: date) -> bool:
        """Whether the figures were last checked more than a year before ``today``."""
        return today - self.checked > STALE_AFTER


@cache
def figures() -> Figures:
    """The shipped figures (read once)."""
    raw: Any = yaml.safe_load(data_path("content", "figures.yaml").read_text(encoding="utf-8"))
    return Figures(
        checked=raw["checked"],
        tax_year=str(raw["tax_year"]),
        figures={
            name: Figure(Decimal(str(f["value"])), f["from"], str(f["source"]))
            for name, f in raw["figures"].items()
        },
    )
