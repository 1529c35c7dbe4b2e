"""Saving and resuming plans on this computer (or in a shared database).

Light to import: the database code (SQLAlchemy) loads when a store is first opened.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.store.database import Database


def open_store(data_dir: Path, passphrase: str | None = None) -> Database:
    """The plans database: ``PLANNER_DATABASE_URL`` if set, else SQLite in the data folder.

    ``passphrase`` (or ``PLANNER_PASSPHRASE``) opens an encrypted store.
    """
    from planner.store.database import Database
    from planner.store.schema import sqlite_url

    url = os.environ.get("PLANNER_DATABASE_URL") or sqlite_url(data_dir)
    return Database(url, passphrase or os.environ.get("PLANNER_PASSPHRASE"))
