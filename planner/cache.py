"""A cache of checked data (the flow, the glossary) so the app starts quickly.

Validating the flow and the glossary takes about 70 ms; reading them back from this cache
takes about 1 ms. An entry is keyed by the version of Support Planner and the path, size and
modification time of every file it was built from, so any change to a flow, pack or text
rebuilds it. If the cache cannot be read or written, the data is simply built again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from planner import __version__

T = TypeVar("T")


def cache_dir() -> Path:
    """The user's cache folder for Support Planner (``PLANNER_CACHE_DIR`` overrides it)."""
    chosen = os.environ.get("PLANNER_CACHE_DIR")
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("support-planner", appauthor=False))


def _key(name: str, sources: Iterable[Path]) -> str:
    digest = hashlib.sha256(f"{__version__}\0{name}".encode())
    for path in sorted(sources):
        stat = path.stat()
        digest.update(f"\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def cached(name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """``build()``, or its earlier result if none of ``sources`` has changed since."""
    try:
        path = cache_dir() / f"{name}-{_key(name, sources)}.pickle"
    except OSError:
        return build()
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError):
        value: T = pickle.loads(path.read_bytes())  # our own cache, in a user-owned folder
        return value
    value = build()
    with contextlib.suppress(OSError, pickle.PicklingError):
        from planner.files import atomic_write

        for old in path.parent.glob(f"{name}-*.pickle"):
            old.unlink(missing_ok=True)
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
