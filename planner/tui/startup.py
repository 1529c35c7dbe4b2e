"""What the app does for a quick start, before its first screen and once a screen is settled:
the garbage collector, Textual's parsed CSS, a browser page's word to its server, and the
warm-up of what the first answers would otherwise pay for.

``planner app`` imports Textual with the garbage collector paused (``planner.cli.run``):
importing makes objects that live as long as the app, and the collector's sweeps over them
cost about 40 ms of the 300 ms the import takes.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import itertools
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from planner.services.start import STARTED
from planner.tui import parsed_css


def starting() -> None:
    """Before the app is made. What is loaded by now (Python, Textual, our modules) lives as
    long as the app: the collector stops walking it (its full sweeps while the first screen
    was drawn took about two fifths of the time to the first frame), and runs again if it was
    paused. No app in this process parses the same CSS twice."""
    gc.freeze()
    gc.enable()
    parsed_css.keep_parsed_css()


YOUNG = 50_000
"""Objects made (less those freed) before the collector runs by itself, once settled: an
answer makes a few thousand, so it runs between answers (:func:`tidy`), not during one."""
FULL_EVERY = 20
"""Answers between two full collections (each 10 to 35 ms: while the family reads)."""
_rounds = itertools.count(1)


def settled(driver: object) -> None:
    """Once a plan or the caseload is shown: the collector leaves start-up's objects alone (its
    sweeps paused answers by 50 to 100 ms) and waits for the pause after an answer (see
    :func:`tidy`), the parsed CSS is kept for the next start, and a browser page's app tells
    its server that the next page may start (only that driver has a way to tell it)."""
    gc.freeze()
    gc.set_threshold(YOUNG, 10, 10)
    parsed_css.save_parsed_css()
    tell = getattr(driver, "write_meta", None)
    if tell is not None:
        tell({"type": STARTED})


def tidy() -> None:
    """Once the next question is drawn, while the family reads it: the garbage collector's
    rounds. Left to run by itself (every 700 objects), it paused the answers: about 1 ms in
    most, 2 to 4 ms in one answer in three, and 10 to 35 ms in one or two of a journey's 58."""
    gc.collect(2 if next(_rounds) % FULL_EVERY == 0 else 1)


_WARMED: weakref.WeakKeyDictionary[Any, asyncio.Event] = weakref.WeakKeyDictionary()


def warm_up(app: Any, locale: str) -> None:
    """Once the first question is drawn, the steps of :mod:`planner.services.warm`, then the
    screen's own (``warm_steps``: in the terminal, the answer's kinds of input), one at a
    time on the app's own queue (a key pressed meanwhile waits for one step at most). Warming
    is a bonus: a step that fails is left undone."""
    from planner.services.warm import steps

    done = warmed(app)

    def screen_steps() -> Iterator[Callable[[], object]]:
        more = getattr(app.screen, "warm_steps", None)  # the screen shown once they are reached
        if more is not None:
            yield from more()

    def finished() -> None:
        gc.freeze()  # what the warm-up built lives as long as the app, as start-up's does
        done.set()

    run_steps(app, itertools.chain(steps(locale), [later_parts], screen_steps()), finished)


def later_parts() -> None:
    """Textual's and Rich's parts a later question loads on first use: the scroll bar (a long
    list of choices) and Rich's table of character widths (the first "£" or accented letter)."""
    import textual.scrollbar  # noqa: F401
    from rich.cells import cell_len

    cell_len("£ é ’")


def run_steps(app: Any, left: Iterator[Callable[[], object]], then: Callable[[], None]) -> None:
    """Run each step in turn on the app's queue, then ``then`` (a step that fails is skipped)."""

    def next_step() -> None:
        step = next(left, None)
        if step is None:
            then()
            return
        with contextlib.suppress(Exception):
            step()
        app.call_later(next_step)

    app.call_later(next_step)


def warmed(app: Any) -> asyncio.Event:
    """Set once ``app`` has warmed up (for a benchmark, which answers as a family would after
    reading the first question, not in the same millisecond)."""
    return _WARMED.setdefault(app, asyncio.Event())
