"""The store's tables, its SQLite settings, and what each row becomes for a front end.

Six tables: plans (the current state of each), versions (every save), settings (the
encryption check), sessions (browser pages linked to plans), notes (a keyworker's, never part
of the plan) and locks (a plan's own passphrase).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Column, DateTime, ForeignKey, Integer, LargeBinary, MetaData, String, Table
from sqlalchemy.exc import SQLAlchemyError

from planner.dialogue.state import SessionState
from planner.domain.models import SCHEMA_VERSION
from planner.store.files import StoreError
from planner.store.peek import FILE

metadata = MetaData()

plans = Table(
    "plans",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("child_name", String(1000), nullable=False, default=""),
    Column("node", String(120), nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

versions = Table(
    "versions",
    metadata,
    Column("plan_id", String(64), ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("saved", DateTime(timezone=True), nullable=False),
    Column("node", String(120), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

settings = Table(
    "settings",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)
"""Store-wide settings: the passphrase's salt and a sealed check value, when encrypted."""

sessions = Table(
    "sessions",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("plan_id", String(64), ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
)
"""Browser pages and the plan each is working on. ``token`` is the SHA-256 of the page's
token, never the token itself: the store alone does not give a way into a page."""

tries = Table(
    "tries",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last", DateTime(timezone=True), nullable=False),
)
"""Wrong passphrases in a row, for each plan (by a digest of its code) and for the keyworker."""


notes = Table(
    "notes",
    metadata,
    Column("plan_id", String(64), ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("written", DateTime(timezone=True), nullable=False),
    Column("text", LargeBinary, nullable=False),
)
"""A practitioner's notes on a plan: kept apart from the family's plan and its history."""

locks = Table(
    "locks",
    metadata,
    Column("plan_id", String(64), ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("salt", LargeBinary, nullable=False),
    Column("digest", LargeBinary, nullable=False),
)
"""A plan's own passphrase (scrypt digest), needed to open it from another browser page."""


@dataclass(frozen=True)
class Note:
    """One practitioner's note."""

    number: int
    written: datetime
    text: str


@dataclass(frozen=True)
class Version:
    """One saved version of a plan."""

    number: int
    saved: datetime
    node: str


def sqlite_url(data_dir: Path) -> str:
    """The database file in a data folder."""
    return f"sqlite:///{data_dir / FILE}"


def sqlite_private(path: Path) -> None:
    """The data folder and the database readable by this user alone, whatever they were
    before (SQLite gives its journal files the database file's permissions)."""
    with contextlib.suppress(OSError):  # a folder or file we do not own: left as it is
        path.parent.chmod(0o700)
        path.touch(mode=0o600, exist_ok=True)
        for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if file.exists():
                file.chmod(0o600)


def sqlite_settings(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA busy_timeout=10000",
    ):
        cursor.execute(pragma)
    cursor.close()


def store_problem(error: SQLAlchemyError) -> StoreError:
    """A database error as a plain-language message key."""
    text = str(getattr(error, "orig", error)).lower()
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreError("error.store.read_only", folder="")
    if "full" in text:
        return StoreError("error.store.disk_full")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError("error.store.damaged_db")
    return StoreError("error.store.not_saved")


def token_digest(token: str) -> str:
    """What the store keeps of a page's token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def state_from(data: bytes, plan_id: str) -> SessionState:
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise StoreError("error.store.damaged", code=plan_id) from None
    version = raw.get("plan", {}).get("schema_version") if isinstance(raw, dict) else None
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise StoreError("error.store.newer", code=plan_id)
    try:
        return SessionState.model_validate(raw)
    except ValidationError:
        raise StoreError("error.store.damaged", code=plan_id) from None
