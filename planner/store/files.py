"""Plans saved as one JSON file each, written atomically, readable only by this user.

A save writes a temporary file beside the real one, flushes it to disk, then renames it over the
old file. A crash at any moment leaves either the old plan or the new one, never half of each.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from planner.dialogue.state import SessionState
from planner.domain.models import SCHEMA_VERSION


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


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o600)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class FileStore:
    """Saved plans in ``<data folder>/plans/<plan id>.json``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "plans"

    def path_for(self, plan_id: str) -> Path:
        """The file for one plan; refuses ids that could point elsewhere."""
        if not plan_id.isalnum() or len(plan_id) > 64:
            raise StoreError("error.store.no_plan", code=plan_id[:64])
        return self.folder / f"{plan_id}.json"

    def save(self, state: SessionState) -> None:
        """Save a conversation, replacing the earlier save of the same plan."""
        data = state.model_dump_json(indent=1).encode("utf-8")
        try:
            atomic_write(self.path_for(state.plan.id), data)
        except PermissionError:
            raise StoreError("error.store.read_only", folder=str(self.folder)) from None
        except OSError as error:
            raise StoreError("error.store.write_failed", reason=error.strerror or "") from None

    def load(self, plan_id: str) -> SessionState:
        """Open a saved conversation."""
        path = self.path_for(plan_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise StoreError("error.store.no_plan", code=plan_id) from None
        except OSError as error:
            raise StoreError("error.store.read_failed", reason=error.strerror or "") from None
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise StoreError("error.store.damaged", code=plan_id) from None
        version = data.get("plan", {}).get("schema_version") if isinstance(data, dict) else None
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise StoreError("error.store.newer", code=plan_id)
        try:
            return SessionState.model_validate(data)
        except ValidationError:
            raise StoreError("error.store.damaged", code=plan_id) from None

    def list(self) -> list[SavedPlan]:
        """Every saved plan, most recently changed first. Damaged files are passed over."""
        found = []
        for path in self.folder.glob("*.json"):
            try:
                state = self.load(path.stem)
            except StoreError:
                continue
            found.append(
                SavedPlan(
                    plan_id=state.plan.id,
                    child_name=state.plan.child.name,
                    node=state.node,
                    updated=state.plan.updated,
                )
            )
        return sorted(found, key=lambda s: s.updated, reverse=True)


SESSION_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _session_file(store: FileStore, token: str) -> Path:
    if not SESSION_TOKEN.fullmatch(token):
        raise StoreError("error.store.no_plan", code="")
    return store.root / "sessions" / f"{token}.json"


def linked_plan(store: FileStore, token: str) -> str | None:
    """The plan a browser session started, if it has one (a page reload reopens it)."""
    try:
        data = json.loads(_session_file(store, token).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    plan_id = data.get("plan") if isinstance(data, dict) else None
    return plan_id if isinstance(plan_id, str) else None


def link_session(store: FileStore, token: str, plan_id: str) -> None:
    """Remember which plan a browser session is working on."""
    atomic_write(_session_file(store, token), json.dumps({"plan": plan_id}).encode("utf-8"))
