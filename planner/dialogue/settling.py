"""What an answer says beyond its value, in English or Polish, so the next question need not
be asked: how a price is charged ("£45 a session", "£250 once"), and for how many weeks a year
("3 hours a week for 40 weeks").

An item field that ``settles`` a later one reads its answer with the splitter named here: the
words it finds are taken off before the value is read, and become the later field's answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from planner.domain.vocab import CostBasis

_YEAR = (
    r"a year|per year|per annum|yearly|annually|/ ?y(?:ea)?r|p\.?a\.?"
    r"|rocznie|na rok|w roku|za rok"
)
_WEEK = (
    r"a week|per week|weekly|each week|/ ?w(?:ee)?k|p\.?w\.?"
    r"|tygodniowo|na tydzień|w tygodniu|za tydzień"
)
_BASES = {
    CostBasis.PER_HOUR: r"an hour|per hour|hourly|each hour|/ ?h(?:ou)?r|p\.?h\.?"
    r"|za godzinę|na godzinę",
    CostBasis.PER_SESSION: r"a session|per session|each session|each time|a time|a visit"
    r"|per visit|a day|per day|each|za sesję|za zajęcia|za wizytę|za dzień|za każdym razem",
    CostBasis.PER_MILE: r"a mile|per mile|/ ?mile|za milę",
    CostBasis.PER_WEEK: _WEEK,
    CostBasis.PER_YEAR: _YEAR,
    CostBasis.ONE_OFF: r"once|one[- ]off|one time|in all|in total|jednorazowo|raz",
}
_BASIS_AT_END = [(basis, re.compile(rf"\s*(?:{words})\.?\s*$")) for basis, words in _BASES.items()]
_WEEKS_AT_END = re.compile(
    r"[\s,;]*(?:for\s+|over\s+|przez\s+)?(\d{1,2})\s*(?:weeks?|wks?|tygodni[ea]?|tyg\.?)"
    rf"(?:\s+(?:{_YEAR}|of the year))?\s*\.?$"
)
_ALL_YEAR_AT_END = re.compile(r"[\s,;]*(?:all year(?: round)?|every week|cały rok)\s*\.?$")
_ONE_DAY = (
    r"(?:on|every|each)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
    r"|w\s+(?:każdy\s+|każdą\s+)?(?:poniedziałek|wtorek|środę|czwartek|piątek|sobotę|niedzielę)"
)
"""One day a week ("2 hours on Saturday"): the number is how many a week."""
_PER_WEEK_AT_END = re.compile(
    r"\s*(?:hours?|hrs?|h|sessions?|times|visits?|miles?|godzin[ay]?|godz\.?|sesj[ie]|razy|mil[ie]?)?"
    rf"\s*(?:{_WEEK}|{_ONE_DAY})?\s*$"
)
_WORD_NUMBERS = {"once": "1", "twice": "2", "raz": "1", "dwa razy": "2"}


def split_cost_basis(raw: str) -> tuple[str, str | None]:
    """A price said with how it is charged: the price, and the cost basis (None if unsaid)."""
    text = " ".join(raw.strip().lower().split())
    for basis, words in _BASIS_AT_END:
        if (found := words.search(text)) and found.start() > 0:
            return text[: found.start()], basis.value
    return raw, None


def split_weeks(raw: str) -> tuple[str, Decimal | None]:
    """How often a week, said with the weeks a year ("3 hours a week for 40 weeks", "1 a
    week, all year"): the number a week ("3"), and the weeks (None if unsaid)."""
    text = " ".join(raw.strip().lower().split())
    weeks: Decimal | None = None
    if found := _WEEKS_AT_END.search(text):
        text, weeks = text[: found.start()], Decimal(found.group(1))
    elif found := _ALL_YEAR_AT_END.search(text):
        text, weeks = text[: found.start()], Decimal(52)
    for word, number in _WORD_NUMBERS.items():
        if text == word or text.startswith(f"{word} "):
            text = number + text[len(word) :]
    if (found := _PER_WEEK_AT_END.search(text)) and found.start() > 0:
        text = text[: found.start()]
    return text or raw, weeks


SETTLERS: dict[str, Callable[[str], tuple[str, object | None]]] = {
    "cost_basis": split_cost_basis,
    "weeks_per_year": split_weeks,
}
"""For each field that can be settled by an earlier one, how that earlier answer is split."""
