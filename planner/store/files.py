"""Pieces shared by everything that writes files: atomic writes, store errors, list rows.

An atomic write puts a temporary file beside the real one, flushes it to disk, then renames it
over the old file. A crash at any moment leaves either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


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


SESSION_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
