"""What the store's callers share: its errors (each a message key), list rows, session tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime


class StoreError(Exception):
    """A problem with saved plans; ``key`` names a plain-language message."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class SavedPlan:
    """One line of the list of saved plans."""

    plan_id: str
    child_name: str
    node: str
    updated: datetime


SESSION_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
