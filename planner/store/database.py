"""Saved plans in a database: SQLite on this computer by default, or any SQLAlchemy URL
(PostgreSQL for a hosted service on several servers). Every change is kept as a version.

Each save is one transaction: the plan's current row and a new version are written together or
not at all. SQLite runs in WAL mode with full syncs, so a crash at any moment leaves the last
committed answer in place.
"""

from __future__ import annotations

import base64
import contextlib
import hmac
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import (
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError

from planner.dialogue.state import SessionState
from planner.domain.models import SCHEMA_VERSION, new_id
from planner.store.crypto import CHECK, Sealer, derive_key
from planner.store.files import SESSION_TOKEN, SavedPlan, StoreError
from planner.store.schema import (
    Note,
    Version,
    locks,
    metadata,
    notes,
    plans,
    sessions,
    settings,
    sqlite_settings,
    store_problem,
    versions,
)


class Database:
    """Saved plans, their history and browser-session links."""

    def __init__(self, url: str, passphrase: str | None = None) -> None:
        """``passphrase`` opens an encrypted store, or encrypts a new, empty one."""
        self.url = url
        self.passphrase = passphrase or None
        self.sealer = Sealer()
        self.engine: Engine = create_engine(url, future=True)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", sqlite_settings)
            path = Path(url.removeprefix("sqlite:///"))
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError:
                raise StoreError("error.store.read_only", folder=str(path.parent)) from None
        self._ready = False

    @contextlib.contextmanager
    def _begin(self) -> Iterator[Connection]:
        try:
            if not self._ready:
                metadata.create_all(self.engine)
                with self.engine.begin() as connection:
                    self.sealer = self._unlock(connection)
                self._ready = True
            with self.engine.begin() as connection:
                yield connection
        except (OperationalError, DatabaseError) as error:
            raise store_problem(error) from None

    def _unlock(self, db: Connection) -> Sealer:
        """The sealer for this store: check the passphrase, or set up encryption for a new one."""
        found = {r.name: r.value for r in db.execute(select(settings))}
        if "check" in found:
            if self.passphrase is None:
                raise StoreError("error.store.needs_passphrase")
            sealer = Sealer(derive_key(self.passphrase, found["salt"]))
            if sealer.open(found["check"]) != CHECK:
                raise StoreError("error.store.wrong_passphrase")
            return sealer
        if self.passphrase is None:
            return Sealer()
        if db.execute(select(plans.c.id).limit(1)).first() is not None:
            raise StoreError("error.store.not_encrypted")
        salt = os.urandom(16)
        sealer = Sealer(derive_key(self.passphrase, salt))
        db.execute(insert(settings).values(name="salt", value=salt))
        db.execute(insert(settings).values(name="check", value=sealer.seal(CHECK)))
        return sealer

    def _name(self, stored: str) -> str:
        if not self.sealer.encrypted or not stored:
            return stored
        return self.sealer.open(base64.b64decode(stored)).decode("utf-8")

    # --- plans ------------------------------------------------------------------------------

    def save(self, state: SessionState) -> None:
        """Save a conversation as the plan's current state and a new version."""
        plain = state.model_dump_json().encode("utf-8")
        now = datetime.now(UTC)
        plan_id = state.plan.id
        with self._begin() as db:
            current = db.execute(
                select(plans.c.version, plans.c.data).where(plans.c.id == plan_id)
            ).first()
            if current is not None and self.sealer.open(current.data) == plain:
                return
            data = self.sealer.seal(plain)
            name = state.plan.child.name
            if self.sealer.encrypted:
                name = base64.b64encode(self.sealer.seal(name.encode("utf-8"))).decode("ascii")
            number = 1 if current is None else current.version + 1
            row = {
                "child_name": name,
                "node": state.node,
                "updated": now,
                "version": number,
                "data": data,
            }
            if current is None:
                db.execute(insert(plans).values(id=plan_id, **row))
            else:
                db.execute(update(plans).where(plans.c.id == plan_id).values(**row))
            db.execute(
                insert(versions).values(
                    plan_id=plan_id, number=number, saved=now, node=state.node, data=data
                )
            )

    def load(self, plan_id: str) -> SessionState:
        """Open a saved conversation."""
        with self._begin() as db:
            row = db.execute(select(plans.c.data).where(plans.c.id == plan_id.strip())).first()
        if row is None:
            raise StoreError("error.store.no_plan", code=plan_id[:64])
        return _state(self.sealer.open(row.data), plan_id)

    def saved_plans(self, search: str = "") -> list[SavedPlan]:
        """Saved plans, most recently changed first; ``search`` matches the child's name."""
        query = select(plans.c.id, plans.c.child_name, plans.c.node, plans.c.updated)
        with self._begin() as db:
            rows = db.execute(query.order_by(plans.c.updated.desc())).all()
        found = [
            SavedPlan(
                plan_id=r.id,
                child_name=self._name(r.child_name),
                node=r.node,
                updated=_aware(r.updated),
            )
            for r in rows
        ]
        wanted = search.strip().lower()
        return [p for p in found if wanted in p.child_name.lower()] if wanted else found

    def delete(self, plan_id: str) -> None:
        """Delete a plan for good: its history and links go with it."""
        with self._begin() as db:
            for table in (sessions, versions, notes, locks):
                db.execute(delete(table).where(table.c.plan_id == plan_id))
            db.execute(delete(plans).where(plans.c.id == plan_id))

    def duplicate(self, plan_id: str) -> str:
        """A copy of a plan under a new code (its history starts afresh)."""
        state = self.load(plan_id)
        copy = state.model_copy(
            update={"plan": state.plan.model_copy(update={"id": new_id()})}, deep=True
        )
        self.save(copy)
        return copy.plan.id

    def rename(self, plan_id: str, name: str) -> None:
        """Change the name the plan is listed under (the child's name or nickname)."""
        state = self.load(plan_id)
        child = state.plan.child.model_copy(update={"name": name.strip()[:200]})
        self.save(state.model_copy(update={"plan": state.plan.model_copy(update={"child": child})}))

    def import_state(self, state: SessionState) -> str:
        """Save an imported plan; a code already in use gets a new one (nothing is overwritten)."""
        with self._begin() as db:
            taken = db.execute(select(plans.c.id).where(plans.c.id == state.plan.id)).first()
        if taken is not None:
            state = state.model_copy(
                update={"plan": state.plan.model_copy(update={"id": new_id()})}, deep=True
            )
        self.save(state)
        return state.plan.id

    # --- practitioner notes -----------------------------------------------------------------

    def add_note(self, plan_id: str, text: str) -> None:
        """Add a practitioner's note to a plan (never part of the plan itself)."""
        text = text.strip()[:20_000]
        if not text:
            return
        with self._begin() as db:
            last = db.execute(
                select(notes.c.number)
                .where(notes.c.plan_id == plan_id)
                .order_by(notes.c.number.desc())
                .limit(1)
            ).first()
            db.execute(
                insert(notes).values(
                    plan_id=plan_id,
                    number=1 if last is None else last.number + 1,
                    written=datetime.now(UTC),
                    text=self.sealer.seal(text.encode("utf-8")),
                )
            )

    def notes(self, plan_id: str) -> list[Note]:
        """A plan's practitioner notes, oldest first."""
        with self._begin() as db:
            rows = db.execute(
                select(notes.c.number, notes.c.written, notes.c.text)
                .where(notes.c.plan_id == plan_id)
                .order_by(notes.c.number)
            ).all()
        return [
            Note(r.number, _aware(r.written), self.sealer.open(r.text).decode("utf-8"))
            for r in rows
        ]

    def delete_note(self, plan_id: str, number: int) -> None:
        """Take one note out, for good."""
        with self._begin() as db:
            db.execute(delete(notes).where(notes.c.plan_id == plan_id, notes.c.number == number))

    def noted_plans(self) -> set[str]:
        """The codes of plans with at least one practitioner's note."""
        with self._begin() as db:
            return {str(r.plan_id) for r in db.execute(select(notes.c.plan_id).distinct())}

    # --- a plan's own passphrase (for opening it from another browser page) -----------------

    def lock(self, plan_id: str, passphrase: str) -> None:
        """Set or change the passphrase that, with the code, opens this plan elsewhere."""
        salt = os.urandom(16)
        digest = derive_key(passphrase, salt)
        with self._begin() as db:
            db.execute(delete(locks).where(locks.c.plan_id == plan_id))
            db.execute(insert(locks).values(plan_id=plan_id, salt=salt, digest=digest))

    def is_locked(self, plan_id: str) -> bool:
        """Whether the plan has a passphrase of its own."""
        with self._begin() as db:
            return (
                db.execute(select(locks.c.plan_id).where(locks.c.plan_id == plan_id)).first()
                is not None
            )

    def unlock(self, plan_id: str, passphrase: str) -> SessionState:
        """Open a plan with its code and its passphrase.

        A wrong code, a wrong passphrase and a plan with no passphrase all get the same answer,
        so nobody can find out which codes exist.
        """
        plan_id = plan_id.strip()
        with self._begin() as db:
            row = db.execute(
                select(locks.c.salt, locks.c.digest).where(locks.c.plan_id == plan_id)
            ).first()
        salt = row.salt if row is not None else os.urandom(16)
        given = derive_key(passphrase, salt)  # also spent when there is no lock: same timing
        if row is None or not hmac.compare_digest(given, row.digest):
            raise StoreError("error.store.cannot_unlock")
        return self.load(plan_id)

    # --- history ----------------------------------------------------------------------------

    def history(self, plan_id: str) -> list[Version]:
        """Every saved version of a plan, newest first."""
        with self._begin() as db:
            rows = db.execute(
                select(versions.c.number, versions.c.saved, versions.c.node)
                .where(versions.c.plan_id == plan_id)
                .order_by(versions.c.number.desc())
            ).all()
        return [Version(r.number, _aware(r.saved), r.node) for r in rows]

    def version(self, plan_id: str, number: int) -> SessionState:
        """One earlier version, to look at."""
        with self._begin() as db:
            row = db.execute(
                select(versions.c.data).where(
                    versions.c.plan_id == plan_id, versions.c.number == number
                )
            ).first()
        if row is None:
            raise StoreError("error.store.no_version", number=number)
        return _state(self.sealer.open(row.data), plan_id)

    def restore(self, plan_id: str, number: int) -> SessionState:
        """Make an earlier version the current one (kept as a new version: nothing is lost)."""
        state = self.version(plan_id, number)
        self.save(state)
        return state

    def forget(self) -> None:
        """Delete every saved plan, version and link, for good."""
        try:
            metadata.drop_all(self.engine)
        except SQLAlchemyError as error:
            raise store_problem(error) from None
        self.engine.dispose()
        self._ready = False
        if self.url.startswith("sqlite:///"):
            path = Path(self.url.removeprefix("sqlite:///"))
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)

    # --- browser sessions -------------------------------------------------------------------

    def link_session(self, token: str, plan_id: str) -> None:
        """Remember which plan a browser page is working on."""
        if not SESSION_TOKEN.fullmatch(token):
            return
        with self._begin() as db:
            db.execute(delete(sessions).where(sessions.c.token == token))
            db.execute(insert(sessions).values(token=token, plan_id=plan_id))

    def linked_plan(self, token: str) -> str | None:
        """The plan a browser page started, if any."""
        if not SESSION_TOKEN.fullmatch(token):
            return None
        with self._begin() as db:
            row = db.execute(select(sessions.c.plan_id).where(sessions.c.token == token)).first()
        return None if row is None else str(row.plan_id)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _state(data: bytes, plan_id: str) -> SessionState:
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
