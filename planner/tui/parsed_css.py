"""Textual's CSS, parsed once and kept: in this process for every app, and on disk for the next
start.

Textual 8.2.8 parses the CSS of every widget class, the app and the theme each time an app
starts, and keeps the result only in that app's stylesheet. That was about a quarter of the
planner's time to its first frame, and a fifth of a forked browser page's start-up CPU. Here
the parsed rules are kept for the whole process, keyed by everything a parse depends on (the
CSS, where it came from, its kind, order and scope, and the theme's variables), and saved in
the cache folder: the next start reads them back in a few milliseconds. The file is keyed by
Support Planner's and Python's versions and Textual's own files; if it cannot be read or
written, the CSS is simply parsed again. Parsed rules are only read once made (Textual's own
cache hands the same ones out again), so sharing them is safe.
"""

from __future__ import annotations

import contextlib
import pickle
import sys
from pathlib import Path
from typing import Any

from planner import __version__


class _Kept:
    """The parsed rules of this process, and those read from the file, each still pickled
    (the file holds every theme's; a start unpickles only what it uses)."""

    def __init__(self) -> None:
        self.rules: dict[tuple[object, ...], Any] = {}
        self.stored: dict[tuple[object, ...], bytes] = {}
        self.new = False


_kept = _Kept()
MAX_KEPT = 400
"""More than this (old CSS piling up while the app is being changed): start afresh."""


def _path() -> Path:
    """The file, named by Support Planner's version, Python's, and the size and time of the
    Textual files whose classes it holds (asking for Textual's version costs 60 ms)."""
    import hashlib

    import textual

    from planner.cache import cache_dir

    root = Path(textual.__file__).parent
    parts = [__version__, sys.version]
    for name in ("__init__.py", "css/model.py", "css/styles.py", "css/parse.py"):
        stat = (root / name).stat()
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]
    return cache_dir() / f"css-{digest}.pickle"


def keep_parsed_css() -> None:
    """From now on, no app in this process parses the same CSS twice (read from disk first)."""
    from textual.css.stylesheet import Stylesheet

    parse = Stylesheet._parse_rules
    if getattr(parse, "kept", False):
        return
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError):
        loaded = pickle.loads(_path().read_bytes())  # our own cache, in a user-owned folder
        if isinstance(loaded, dict):
            _kept.stored.update(loaded)

    def parse_once(
        self: Stylesheet,
        css: str,
        read_from: Any,
        *,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> Any:
        variables = tuple(sorted(self._variables.items()))
        key = (css, read_from, is_default_rules, tie_breaker, scope, variables)
        rules = _kept.rules.get(key)
        if rules is None and key in _kept.stored:
            with contextlib.suppress(pickle.UnpicklingError, EOFError, AttributeError, TypeError):
                rules = _kept.rules[key] = pickle.loads(_kept.stored[key])
        if rules is None:
            rules = parse(
                self,
                css,
                read_from,
                is_default_rules=is_default_rules,
                tie_breaker=tie_breaker,
                scope=scope,
            )
            if not any(rule.errors for rule in rules):
                _kept.rules[key] = rules
                _kept.new = True
        return rules

    parse_once.kept = True  # type: ignore[attr-defined]
    Stylesheet._parse_rules = parse_once  # type: ignore[method-assign, assignment]


def save_parsed_css() -> None:
    """Write what was parsed to the cache folder, if anything was new (once a screen is up)."""
    if not _kept.new:
        return
    _kept.new = False
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        from planner.files import atomic_write

        if len(_kept.stored) > MAX_KEPT:
            _kept.stored.clear()
        for key, rules in _kept.rules.items():
            if key not in _kept.stored:
                _kept.stored[key] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
        path = _path()
        for old in path.parent.glob("css-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
        atomic_write(path, pickle.dumps(_kept.stored, protocol=pickle.HIGHEST_PROTOCOL))
