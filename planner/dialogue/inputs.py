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
from decimal import Decimal, InvalidOperation

from planner.dialogue.schema import DateRule, InputKind, Option
from planner.domain.errors import InputError
from planner.domain.money import parse_money, plain_digits

SHORT_LIMIT = 200
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


def parse_date(raw: str, rule: DateRule, today: date) -> date:
    """A date typed as 14/03/2026, 2026-03-14 or 14 March 2026, checked against ``rule``."""
    text = raw.strip().lower()
    if not text:
        raise InputError("error.date.empty")
    day, month, year = _date_parts(text)
    if year < 100:
        raise InputError("error.date.short_year")
    if not 1 <= month <= 12:
        raise InputError("error.date.month")
    try:
        value = date(year, month, day)
    except ValueError:
        days = _days_in_month(year, month)
        raise InputError(
            "error.date.no_such_day", month=MONTH_NAMES[month - 1], year=year, days=days
        ) from None
    return _check_date_rule(value, rule, today)


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
    text = plain_digits(raw.strip(), locale)
    if not text:
        raise InputError("error.number.empty")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise InputError("error.number.format")
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern rules this out
        raise InputError("error.number.format") from None
    low = Decimal(str(minimum)) if minimum is not None else None
    high = Decimal(str(maximum)) if maximum is not None else None
    if (low is not None and value < low) or (high is not None and value > high):
        raise InputError("error.number.range", low=_plain(low, locale), high=_plain(high, locale))
    return value


def _plain(value: Decimal | None, locale: str) -> str:
    from babel.numbers import format_decimal

    return "" if value is None else format_decimal(value.normalize(), locale=locale)


def parse_choice(raw: str, options: Sequence[Option], labels: Sequence[str]) -> str:
    """One option, chosen by its number, its label or its stored value."""
    text = raw.strip().lower()
    if not options:
        raise InputError("error.choice.none_available")
    if not text:
        raise InputError("error.choice.empty", count=len(options))
    if text.isascii() and text.isdigit():
        number = int(text)
        if 1 <= number <= len(options):
            return options[number - 1].value
        raise InputError("error.choice.range", count=len(options))
    for option, label in zip(options, labels, strict=True):
        if text in (option.value, label.strip().lower()):
            return option.value
    raise InputError("error.choice.unknown", count=len(options))


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
) -> object:
    """Read one answer of any kind except a list. An empty optional answer gives ``None``."""
    if not required and not raw.strip() and kind is not InputKind.CHOICES:
        return None
    match kind:
        case InputKind.SHORT_TEXT | InputKind.LONG_TEXT:
            long = kind is InputKind.LONG_TEXT
            text = clean_text(raw, limit=LONG_LIMIT if long else SHORT_LIMIT, multiline=long)
            if not text:
                raise InputError("error.text.empty")
            return text
        case InputKind.MONEY:
            return parse_money(raw, locale)
        case InputKind.NUMBER:
            return parse_number(raw, minimum, maximum, locale)
        case InputKind.DATE:
            return parse_date(raw, dates, today)
        case InputKind.CHOICE:
            return parse_choice(raw, options, labels)
        case InputKind.CHOICES:
            return parse_choices(raw, options, labels, required=required)
        case InputKind.YES_NO_UNSURE:
            return parse_yes_no_unsure(raw)
        case InputKind.LIST | InputKind.ALLOCATION:
            raise InputError("error.list.use_editor")
