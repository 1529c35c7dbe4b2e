"""A glance at the plans file before the app starts, with Python's own ``sqlite3``.

A family coming back to their plan used to wait for SQLAlchemy and the plan models to load
(about 0.2 s of a 0.5 s start, before anything was drawn) only to learn two things: whether
the plans are locked with a passphrase (asked for before the app takes the terminal), and
whether there are plans to offer. A read-only look at the file tells both in a few
milliseconds; the store itself then opens after the first frame, when the saved plans are
listed. Anything this cannot read plainly (a shared database, a damaged or busy file) is left
to the store, which says what is wrong in the family's words.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

FILE = "planner.db"
"""The plans file in the data folder (``schema.sqlite_url`` names the same file)."""
LOCK_SETTING = "check"
"""The setting an encrypted store keeps its sealed check value under (``Database._unlock``)."""


@dataclass(frozen=True)
class Glance:
    """What the plans file says."""

    locked: bool
    """The plans are encrypted: a passphrase is needed to open them."""
    has_plans: bool
    """At least one plan is saved."""


def glance(data_dir: Path) -> Glance | None:
    """What the SQLite plans file in ``data_dir`` says, or None when this cannot tell (a shared
    database named by ``PLANNER_DATABASE_URL``, or a file it cannot read): then open the store.
    No file yet is a first visit: nothing locked, nothing saved."""
    if os.environ.get("PLANNER_DATABASE_URL"):
        return None
    path = data_dir / FILE
    if not path.exists():
        return Glance(locked=False, has_plans=False)
    import sqlite3  # 4 to 5 ms: a new family's start does without it

    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
            locked = db.execute("SELECT 1 FROM settings WHERE name = ?", (LOCK_SETTING,)).fetchone()
            saved = db.execute("SELECT 1 FROM plans LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    return Glance(locked=locked is not None, has_plans=saved is not None)
