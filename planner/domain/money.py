"""Money as ``Decimal``: parsing what people type, rounding, and converting periods.

One rounding rule everywhere: to the nearest penny, halves rounded up (away from zero).
A year has 52 weeks and 12 months; a week is a year divided by 52.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from planner.domain.errors import InputError
from planner.domain.vocab import Period

PENNY = Decimal("0.01")
MAX_MONEY = Decimal("1000000")
WEEKS_PER_YEAR = Decimal(52)
MONTHS_PER_YEAR = Decimal(12)

_PLAIN = re.compile(r"\d+(\.\d+)?")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_SPACE_GROUPS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
_DOT_GROUPED = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def plain_digits(text: str, locale: str) -> str:
    """A number typed the family's way, written with a decimal point and no grouping: in
    Polish (a decimal comma) ``1 234,50`` and ``1.234,50`` become ``1234.50``; ``14.50`` stays
    as it is (people living in England write it so too). British English is unchanged."""
    from babel.numbers import get_decimal_symbol

    if locale.startswith("en") or get_decimal_symbol(locale) != ",":
        return text
    text = _SPACE_GROUPS.sub("", text)
    if _DOT_GROUPED.fullmatch(text):
        text = text.replace(".", "")
    return text.replace(",", ".") if _DECIMAL_COMMA.fullmatch(text) else text


def to_pennies(amount: Decimal) -> Decimal:
    """Round to the nearest penny, halves up."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def parse_money(raw: str, locale: str = "en_GB") -> Decimal:
    """Read an amount such as ``1250``, ``£1,250.50`` or ``12.5`` (in Polish also
    ``1 250,50 £``).

    Raises :class:`InputError` naming a plain-language message for anything else.
    """
    text = raw.strip()
    if not text:
        raise InputError("error.money.empty")
    if text.lstrip("£ ").startswith(("-", "−")):
        raise InputError("error.money.negative")
    text = plain_digits(text.removeprefix("£").removesuffix("£").strip(), locale)
    if _PLAIN.fullmatch(text) is None and _GROUPED.fullmatch(text) is None:
        if "," in text and re.fullmatch(r"[\d,]+(\.\d+)?", text):
            raise InputError("error.money.commas")
        raise InputError("error.money.not_number")
    whole, _, pence = text.replace(",", "").partition(".")
    if len(pence) > 2:
        raise InputError("error.money.pence")
    amount = Decimal(f"{whole}.{pence or '0'}")
    if amount > MAX_MONEY:
        raise InputError("error.money.too_big")
    return to_pennies(amount)


def per_year_factor(period: Period) -> Decimal:
    """How many of ``period`` make a year."""
    return {
        Period.YEAR: Decimal(1),
        Period.MONTH: MONTHS_PER_YEAR,
        Period.WEEK: WEEKS_PER_YEAR,
    }[period]


def to_yearly(amount: Decimal, period: Period) -> Decimal:
    """An amount for one ``period`` as an amount for a year."""
    return to_pennies(amount * per_year_factor(period))


def from_yearly(amount: Decimal, period: Period) -> Decimal:
    """A yearly amount as an amount for one ``period``."""
    return to_pennies(amount / per_year_factor(period))


def format_money(amount: Decimal, locale: str) -> str:
    """Pounds and pence in the given locale, for example ``£1,250.50`` (``1 250,50 £`` in
    Polish: the family's way of writing numbers, with the pound sign they see in the shops)."""
    from babel import Locale
    from babel.numbers import format_currency

    # The locale's own pattern with "£" in place of its currency sign (CLDR gives "GBP" for
    # some languages, and which one changes between Babel releases).
    pattern = Locale.parse(locale).currency_formats["standard"].pattern.replace("¤", "£")
    return format_currency(amount, "GBP", format=pattern, locale=locale)
