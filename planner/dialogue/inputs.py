"""Reading what a person typed, for each kind of answer.

Every function takes the raw text and returns a value for the plan, or raises
:class:`~planner.domain.errors.InputError` naming a plain-language message. Nothing here knows
about screens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from planner.dialogue.schema import DateRule, InputKind, Option
from planner.domain.errors import InputError
from planner.domain.money import read_money, read_number, split_period

SHORT_LIMIT = 2000
"""The longest one-line answer (an outcome, a risk); a question can set a lower ``maximum``
(a name: 200)."""
LONG_LIMIT = 5000
OLDEST_AGE = 25
ALLOWED_CONTROLS = {"\n", "\t"}

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORD_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_YES = {"y", "yes", "yeah", "yep"}
_NO = {"n", "no", "nope"}
_UNSURE = {"not sure", "notsure", "unsure", "don't know", "dont know", "?", "ns", "maybe"}
YES_NO_UNSURE = ("yes", "no", "not_sure")


def clean_text(raw: str, *, limit: int, multiline: bool) -> str:
    """Free text with its ends trimmed; refuses control characters and over-long pastes."""
    text = raw.strip()
    if len(text) > limit:
        raise InputError("error.text.too_long", limit=f"{limit:,}", length=f"{len(text):,}")
    allowed = ALLOWED_CONTROLS if multiline else set()
    for char in text:
        if unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} and char not in allowed:
            raise InputError("error.text.control")
    return text


def parse_date(raw: str, rule: DateRule, today: date, locale: str = "en_GB") -> date:
    """A date typed as 14/03/2026, 2026-03-14 or 14 March 2026, checked against ``rule``."""
    return read_date(raw, rule, today, locale)[0]


def read_date(raw: str, rule: DateRule, today: date, locale: str = "en_GB") -> tuple[date, bool]:
    """A date as people write it, checked against ``rule``, with whether it was guessed.

    The usual forms (14/03/2026, 2026-03-14, 14 March 2026) are read exactly. Anything else
    ("September 2027", "1/9/27", "next September", "1 września 2027", "jutro") goes to
    ``dateparser``, which knows English and Polish, and comes back as a guess to say back.
    """
    text = " ".join(raw.strip().lower().split())
    if not text:
        raise InputError("error.date.empty", example=example_date(rule, today))
    try:
        day, month, year = _date_parts(text)
    except InputError:
        guess = None if text.isdigit() else _guess_date(text, rule, today, locale)
        if guess is None:
            raise InputError("error.date.format", example=example_date(rule, today)) from None
        return _check_date_rule(guess, rule, today), True
    guessed = year < 100
    if guessed:  # 1/9/27: this century, unless that would be a birth date still to come
        year += 2000 if rule is not DateRule.BIRTH or 2000 + year <= today.year else 1900
    if not 1 <= month <= 12:
        raise InputError("error.date.month")
    try:
        value = date(year, month, day)
    except ValueError:
        days = _days_in_month(year, month)
        raise InputError(
            "error.date.no_such_day", month=MONTH_NAMES[month - 1], year=year, days=days
        ) from None
    return _check_date_rule(value, rule, today), guessed


def example_date(rule: DateRule, today: date) -> str:
    """A date to show as an example: in the past for a birth or a past date, otherwise a few
    months from today, so an example never looks out of date."""
    if rule in (DateRule.BIRTH, DateRule.PAST):
        shown = date(today.year - (8 if rule is DateRule.BIRTH else 1), 3, 14)
    else:
        shown = date(today.year + (1 if today.month > 9 else 0), (today.month + 2) % 12 + 1, 14)
    return shown.strftime("%d/%m/%Y")


@cache
def example_dates(today: date) -> dict[str, str]:
    """Example dates for texts, worked out from today so that an example is never a date that
    has already gone: ``{soon}`` (to come), ``{recent}`` (gone by) and ``{born}``."""
    rules = {"soon": DateRule.FUTURE, "recent": DateRule.PAST, "born": DateRule.BIRTH}
    return {name: example_date(rule, today) for name, rule in rules.items()}


_NEXT = re.compile(r"^(?:next|this coming|coming|this|in|w przyszłym roku|w przyszłym)\s+")
_POLISH_IN_MONTH = {
    "w styczniu": "styczeń",
    "w lutym": "luty",
    "w marcu": "marzec",
    "w kwietniu": "kwiecień",
    "w maju": "maj",
    "w czerwcu": "czerwiec",
    "w lipcu": "lipiec",
    "w sierpniu": "sierpień",
    "we wrześniu": "wrzesień",
    "w październiku": "październik",
    "w listopadzie": "listopad",
    "w grudniu": "grudzień",
}
""""In September" in Polish, which ``dateparser`` does not read, as the month's own name."""


def _guess_date(text: str, rule: DateRule, today: date, locale: str) -> date | None:
    from datetime import datetime

    import dateparser

    past = rule in (DateRule.BIRTH, DateRule.PAST)
    settings: Any = {
        "PREFER_DATES_FROM": "past" if past else "future",
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "REQUIRE_PARTS": ["day", "month", "year"] if rule is DateRule.BIRTH else [],
    }
    languages = list(dict.fromkeys([locale[:2], "en"]))
    plain = text
    for said, month in _POLISH_IN_MONTH.items():
        plain = plain.replace(said, month)
    for candidate in dict.fromkeys((text, _NEXT.sub("", plain))):
        found = dateparser.parse(candidate, languages=languages, settings=settings)
        if found is not None:
            return found.date()
    return None


def _date_parts(text: str) -> tuple[int, int, int]:
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
        return day, month, year
    if match := _NUMERIC_DATE.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        return day, month, year
    if match := _WORD_DATE.fullmatch(text):
        month_number = MONTHS.get(match.group(2))
        if month_number is None:
            raise InputError("error.date.format")
        return int(match.group(1)), month_number, int(match.group(3))
    raise InputError("error.date.format")


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days


def _check_date_rule(value: date, rule: DateRule, today: date) -> date:
    if value.year < 1900 or value.year > today.year + 50:
        raise InputError("error.date.range")
    if rule in (DateRule.PAST, DateRule.BIRTH) and value > today:
        key = "error.date.birth_future" if rule is DateRule.BIRTH else "error.date.future"
        raise InputError(key)
    if rule is DateRule.FUTURE and value < today:
        raise InputError("error.date.past")
    if rule is DateRule.BIRTH:
        try:
            limit = today.replace(year=today.year - OLDEST_AGE - 1)
        except ValueError:  # 29 February
            limit = today.replace(year=today.year - OLDEST_AGE - 1, day=28)
        if value <= limit:
            raise InputError("error.date.too_old", age=OLDEST_AGE)
    return value


def parse_number(
    raw: str, minimum: float | None, maximum: float | None, locale: str = "en_GB"
) -> Decimal:
    """A number such as 3 or 7.5 (in Polish also 7,5), within the question's limits."""
    text = raw.strip()
    if not text:
        raise InputError("error.number.empty")
    if not re.fullmatch(r"-?[\d.,\s\u00a0\u202f']+", text):
        raise InputError("error.number.format")
    try:
        value, _ = read_number(text.removeprefix("-"), locale)
    except InputError:
        raise InputError("error.number.format") from None
    value = -value if text.startswith("-") else value
    low = Decimal(str(minimum)) if minimum is not None else None
    high = Decimal(str(maximum)) if maximum is not None else None
    if (low is not None and value < low) or (high is not None and value > high):
        raise InputError("error.number.range", low=_plain(low, locale), high=_plain(high, locale))
    return value


def _plain(value: Decimal | None, locale: str) -> str:
    from babel.numbers import format_decimal

    return "" if value is None else format_decimal(value.normalize(), locale=locale)


MAX_CHOICE_DIGITS = 3
"""A number typed to choose an option is short; a longer run of digits is a stored value (an
outcome's or a helper's random id can be all digits, and must not be read as a number)."""


def parse_choice(raw: str, options: Sequence[Option], labels: Sequence[str]) -> str:
    """One option, chosen by its number, its label or its stored value."""
    text = raw.strip().lower()
    if not options:
        raise InputError("error.choice.none_available")
    if not text:
        raise InputError("error.choice.empty", count=len(options))
    if text.isascii() and text.isdigit() and len(text) <= MAX_CHOICE_DIGITS:
        number = int(text)
        if 1 <= number <= len(options):
            return options[number - 1].value
        raise InputError("error.choice.range", count=len(options))
    for option, label in zip(options, labels, strict=True):
        if text in (option.value, label.strip().lower()):
            return option.value
    typed = _choice_words(text)
    if any(len(word) >= 3 for alternatives in typed for word in alternatives):
        found = [
            option.value
            for option, label in zip(options, labels, strict=True)
            if all(alternatives & _label_words(label) for alternatives in typed)
        ]
        if len(found) == 1:  # "6 months" is "Every six months"; two options that fit, neither
            return found[0]
    raise InputError("error.choice.unknown", count=len(options))


_NUMBER_WORDS = {
    "1": ("one", "jeden"),
    "2": ("two", "dwa"),
    "3": ("three", "trzy"),
    "4": ("four", "cztery"),
    "5": ("five", "pięć"),
    "6": ("six", "sześć"),
    "12": ("twelve", "dwanaście"),
}


def _label_words(label: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", label.lower().replace("'", "").replace("’", "")))


def _choice_words(text: str) -> list[frozenset[str]]:
    """The words typed for an option, each with what else it may be written as (a figure
    for the number word in an option's label)."""
    words = re.findall(r"\w+", text.replace("'", "").replace("’", ""))
    return [frozenset({word, *_NUMBER_WORDS.get(word, ())}) for word in words]


def parse_choices(
    raw: str, options: Sequence[Option], labels: Sequence[str], *, required: bool
) -> list[str]:
    """Several options, typed as numbers separated by commas or spaces (``1, 3``)."""
    text = raw.strip().lower()
    if text in ("", "none", "0"):
        if required:
            raise InputError("error.choices.empty", count=len(options))
        return []
    chosen: list[str] = []
    for part in re.split(r"[,\s]+", text):
        value = parse_choice(part, options, labels)
        if value not in chosen:
            chosen.append(value)
    return chosen


def parse_yes_no_unsure(raw: str) -> str:
    """Yes, no or not sure, typed as a word or as 1, 2 or 3."""
    text = " ".join(raw.strip().lower().split())
    if text in _YES or text == "1":
        return "yes"
    if text in _NO or text == "2":
        return "no"
    if text in _UNSURE or text == "3":
        return "not_sure"
    raise InputError("error.yes_no")


def _money(
    raw: str, locale: str, guessed: list[object] | None, periods: list[object] | None
) -> Decimal:
    """An amount, noting a guess and any period said with it (see :func:`parse_value`). A
    period said where no question takes it ("£100 a week" for a price each time) is left out,
    and the amount is said back, so the family sees what was kept."""
    raw, period = split_period(raw)
    if period is not None and periods is not None:
        periods.append(period)
    amount, guess = read_money(raw, locale)
    if (guess or (period is not None and periods is None)) and guessed is not None:
        guessed.append(amount)
    return amount


def parse_value(
    kind: InputKind,
    raw: str,
    *,
    options: Sequence[Option] = (),
    labels: Sequence[str] = (),
    required: bool = True,
    minimum: float | None = None,
    maximum: float | None = None,
    dates: DateRule = DateRule.ANY,
    today: date,
    locale: str = "en_GB",
    guessed: list[object] | None = None,
    periods: list[object] | None = None,
) -> object:
    """Read one answer of any kind except a list. An empty optional answer gives ``None``.

    When reading a money amount or a date involved guessing ("£1.2k", "next September"), the
    value is added to ``guessed`` too, so that it can be said back to the family. A period said
    with an amount ("a year") is added to ``periods``."""
    if not required and not raw.strip() and kind is not InputKind.CHOICES:
        return None
    match kind:
        case InputKind.SHORT_TEXT | InputKind.LONG_TEXT:
            long = kind is InputKind.LONG_TEXT
            limit = LONG_LIMIT if long else int(maximum or SHORT_LIMIT)
            text = clean_text(raw, limit=limit, multiline=long)
            if not text:
                raise InputError("error.text.empty")
            return text
        case InputKind.MONEY:
            return _money(raw, locale, guessed, periods)
        case InputKind.NUMBER:
            return parse_number(raw, minimum, maximum, locale)
        case InputKind.DATE:
            when, guess = read_date(raw, dates, today, locale)
            if guess and guessed is not None:
                guessed.append(when)
            return when
        case InputKind.CHOICE:
            return parse_choice(raw, options, labels)
        case InputKind.CHOICES:
            return parse_choices(raw, options, labels, required=required)
        case InputKind.YES_NO_UNSURE:
            return parse_yes_no_unsure(raw)
        case InputKind.LIST | InputKind.ALLOCATION:
            raise InputError("error.list.use_editor")
