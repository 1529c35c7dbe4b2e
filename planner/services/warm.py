"""What a family's first answers would otherwise pay for, done before they answer.

Four things are made on first use, and so fell on the first answers of every plan:

- the checks of the plan's models (pydantic builds each model's validator the first time it is
  used, as the models are declared ``defer_build`` to keep them off the first frame): about
  20 ms at the first answer;
- the family's language's way of writing dates (Babel's data for the language, and its date
  module): 30 to 60 ms at the child's date of birth;
- its way of writing numbers: 10 to 15 ms at the first amount;
- the modules of the budget's sums and of the four ways compared: about 2 and 5 ms, in the
  answers that first need them.

Over Kai's journey (58 answers) those first answers were the slowest, so they made the 95th
percentile from an answer to the next question drawn: 41-47 ms, against 30-32 ms once they are
done before the first answer (``bench/answers.py``, three runs of each).

Each step is small (the longest is Babel's data, once), so a front end can run them one at a
time while the family reads the first question, and a key pressed meanwhile waits for one step
at most. The web launcher runs them all before it forks, so every page starts with them done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel


def _models() -> Iterator[type[BaseModel]]:
    """The planner's pydantic models whose checks are not built yet (each is built on first
    use), every model loaded by now, subclasses too."""
    from pydantic import BaseModel

    found: list[type[BaseModel]] = [BaseModel]
    while found:
        model = found.pop()
        found.extend(model.__subclasses__())
        if model.__module__.startswith("planner.") and not model.__pydantic_complete__:
            yield model


def steps(locale: str) -> Iterator[Callable[[], None]]:
    """The warm-up, a step at a time, for a plan in ``locale``. Each step only builds what is
    kept for later: it changes no plan and says nothing."""
    import planner.dialogue.state  # the session's models, with the plan's
    import planner.domain.models  # noqa: F401

    for model in list(_models()):
        yield partial(_build, model)
    yield _later_modules
    yield lambda: _dates(locale)
    yield lambda: _numbers(locale)


def run_all(locale: str) -> None:
    """Every step at once (before a web page's app is forked)."""
    for step in steps(locale):
        step()


def _later_modules() -> None:
    """The modules later questions load on first use: the budget's sums and the four ways
    compared."""
    import planner.dialogue.compare
    import planner.domain.budget
    import planner.domain.fit  # noqa: F401


def _build(model: type[BaseModel]) -> None:
    model.model_rebuild()


def _dates(locale: str) -> None:
    from planner.i18n import format_day

    format_day(date(2000, 1, 1), locale)


def _numbers(locale: str) -> None:
    from planner.domain.money import format_money, read_money

    format_money(read_money("1250.50", locale)[0], locale)
