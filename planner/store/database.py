"""Saved plans in a database: SQLite on this computer by default, or any SQLAlchemy URL
(PostgreSQL for a hosted service on several servers). Every change is kept as a version.

Each save is one transaction: the plan's current row and a new version are written together or
not at all. SQLite runs in WAL mode with full syncs, so a crash at any moment leaves the last
committed answer in place.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import logging
import math
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
from planner.domain.models import new_id
from planner.store.crypto import CHECK, Sealer, derive_key
from planner.store.files import SESSION_TOKEN, SavedPlan, StoreError
from planner.store.peek import LOCK_SETTING
from planner.store.schema import (
    Note,
    Version,
    aware,
    locks,
    metadata,
    notes,
    plans,
    sessions,
    settings,
    sqlite_private,
    sqlite_settings,
    state_from,
    store_problem,
    token_digest,
    tries,
    versions,
)

log = logging.getLogger("planner.store")
FREE_TRIES = 5
"""Wrong passphrases in a row before each further try must wait."""
MAX_WAIT = 15 * 60
"""The longest wait between tries, in seconds."""


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
            sqlite_private(path)
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
        if LOCK_SETTING in found:
            if self.passphrase is None:
                raise StoreError("error.store.needs_passphrase")
            sealer = Sealer(derive_key(self.passphrase, found["salt"]))
            if sealer.open(found[LOCK_SETTING]) != CHECK:
                raise StoreError("error.store.wrong_passphrase")
            return sealer
        if self.passphrase is None:
            return Sealer()
        if db.execute(select(plans.c.id).limit(1)).first() is not None:
            raise StoreError("error.store.not_encrypted")
        salt = os.urandom(16)
        sealer = Sealer(derive_key(self.passphrase, salt))
        db.execute(insert(settings).values(name="salt", value=salt))
        db.execute(insert(settings).values(name=LOCK_SETTING, value=sealer.seal(CHECK)))
        return sealer

    def _name(self, stored: str) -> str:
        if not self.sealer.encrypted or not stored:
            return stored
        return self.sealer.open(base64.b64decode(stored)).decode("utf-8")

    # --- plans ------------------------------------------------------------------------------

    def save(self, state: SessionState, expected: int | None = None) -> int:
        """Save a conversation as the plan's current state and a new version; returns the
        version's number. With ``expected`` (the version this writer last saw), a plan saved
        meanwhile by another window or page is not overwritten: ``StoreError`` says so."""
        plain = state.model_dump_json().encode("utf-8")
        now = datetime.now(UTC)
        plan_id = state.plan.id
        with self._begin() as db:
            current = db.execute(
                select(plans.c.version, plans.c.data).where(plans.c.id == plan_id)
            ).first()
            if current is not None and expected is not None and current.version != expected:
                raise StoreError("error.store.changed_elsewhere")
            if current is not None and self.sealer.open(current.data) == plain:
                return int(current.version)
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
        return number

    def revision(self, plan_id: str) -> int | None:
        """The number of a plan's latest saved version (None if it was never saved)."""
        with self._begin() as db:
            row = db.execute(select(plans.c.version).where(plans.c.id == plan_id)).first()
        return None if row is None else int(row.version)

    def load(self, plan_id: str) -> SessionState:
        """Open a saved conversation."""
        with self._begin() as db:
            row = db.execute(select(plans.c.data).where(plans.c.id == plan_id.strip())).first()
        if row is None:
            raise StoreError("error.store.no_plan", code=plan_id[:64])
        return state_from(self.sealer.open(row.data), plan_id)

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
                updated=aware(r.updated),
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
            Note(r.number, aware(r.written), self.sealer.open(r.text).decode("utf-8")) for r in rows
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
            db.execute(delete(sessions).where(sessions.c.plan_id == plan_id))  # links out: gone

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
        key = "plan:" + hashlib.sha256(plan_id.encode("utf-8")).hexdigest()[:32]
        self.check_tries(key)
        with self._begin() as db:
            row = db.execute(
                select(locks.c.salt, locks.c.digest).where(locks.c.plan_id == plan_id)
            ).first()
        salt = row.salt if row is not None else os.urandom(16)
        given = derive_key(passphrase, salt)  # also spent when there is no lock: same timing
        if row is None or not hmac.compare_digest(given, row.digest):
            self.note_try(key, ok=False)
            raise StoreError("error.store.cannot_unlock")
        self.note_try(key, ok=True)
        return self.load(plan_id)

    def check_tries(self, key: str, now: datetime | None = None) -> None:
        """Refuse another try while ``key`` must wait after wrong passphrases in a row: none
        for the first five, then half a minute, doubling to at most a quarter of an hour."""
        with self._begin() as db:
            row = db.execute(select(tries).where(tries.c.key == key)).first()
        if row is None or row.failures < FREE_TRIES:
            return
        wait = min(30 * 2 ** (row.failures - FREE_TRIES), MAX_WAIT)
        left = aware(row.last) + timedelta(seconds=wait) - (now or datetime.now(UTC))
        if left.total_seconds() > 0:
            minutes = max(1, math.ceil(left.total_seconds() / 60))
            log.warning("a passphrase was tried again too soon after %d wrong", row.failures)
            raise StoreError("error.store.too_many_tries", minutes=minutes)

    def note_try(self, key: str, *, ok: bool, now: datetime | None = None) -> None:
        """Count a wrong passphrase for ``key`` (logged without anything of the plan), or
        clear the count after a right one."""
        with self._begin() as db:
            row = db.execute(select(tries.c.failures).where(tries.c.key == key)).first()
            db.execute(delete(tries).where(tries.c.key == key))
            if not ok:
                failures = (row.failures if row is not None else 0) + 1
                when = now or datetime.now(UTC)
                db.execute(insert(tries).values(key=key, failures=failures, last=when))
                log.warning("wrong passphrase (%d in a row)", failures)

    # --- history ----------------------------------------------------------------------------

    def history(self, plan_id: str) -> list[Version]:
        """Every saved version of a plan, newest first."""
        with self._begin() as db:
            rows = db.execute(
                select(versions.c.number, versions.c.saved, versions.c.node)
                .where(versions.c.plan_id == plan_id)
                .order_by(versions.c.number.desc())
            ).all()
        return [Version(r.number, aware(r.saved), r.node) for r in rows]

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
        return state_from(self.sealer.open(row.data), plan_id)

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
        """Remember which plan a browser page is working on (by a digest of its token)."""
        if not SESSION_TOKEN.fullmatch(token):
            return
        kept = token_digest(token)
        with self._begin() as db:
            db.execute(delete(sessions).where(sessions.c.token == kept))
            db.execute(insert(sessions).values(token=kept, plan_id=plan_id))

    def linked_plan(self, token: str) -> str | None:
        """The plan a browser page started, if any."""
        if not SESSION_TOKEN.fullmatch(token):
            return None
        kept = token_digest(token)
        with self._begin() as db:
            row = db.execute(select(sessions.c.plan_id).where(sessions.c.token == kept)).first()
        return None if row is None else str(row.plan_id)
