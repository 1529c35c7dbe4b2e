"""Saving and resuming plans on this computer (or in a shared database)."""

from __future__ import annotations

import os
from pathlib import Path

from planner.store.database import Database, sqlite_url


def open_store(data_dir: Path, passphrase: str | None = None) -> Database:
    """The plans database: ``PLANNER_DATABASE_URL`` if set, else SQLite in the data folder.

    ``passphrase`` (or ``PLANNER_PASSPHRASE``) opens an encrypted store.
    """
    url = os.environ.get("PLANNER_DATABASE_URL") or sqlite_url(data_dir)
    return Database(url, passphrase or os.environ.get("PLANNER_PASSPHRASE"))
