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

_SPACE_GROUPS = re.compile(r"(?<=\d)[ \u00a0\u202f'](?=\d{3}(?!\d))")
_DOT_GROUPED = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")
_POUNDS = re.compile(
    r"£|\bgbp\b|\bpounds?\b|\bquid\b|\bfunt(?:y|ów|a|ach)?\b|\bszterling(?:a|ów)?\b"
)
_OTHER_MONEY = re.compile(r"[$€¥]|\b(?:zł|zl|pln|eur|euro|usd|dollars?|dolar(?:y|ów)?)\b")
_THOUSANDS = re.compile(r"(?<=\d)\s*(?:k|thousand|grand|tys\.?|tysi[aą]c(?:e|y)?|tysięcy)$")
_FIGURES = re.compile(r"\d[\d.,]*")
_HEDGES = re.compile(
    r"^(?:(?:i|we) (?:think|guess|get|have|got|were told)(?: it'?s| it is| about)?|it'?s|it is"
    r"|(?:i'?m )?not sure,?|about|around|roughly|maybe|approx(?:imately|\.)?|nearly|almost"
    r"|just over|just under"
    r"|(?:myślę|sądzę),? że|chyba|około|ok\.|mniej więcej|jakieś|prawie|dostajemy|dostaję)"
    r"(?: |$)"
)
"""Words people put before an amount ("I think £3,000", "about 250", "chyba 300"): left out,
and the amount said back so the family can check how it was read."""
_NOT_KNOWN = re.compile(
    r"^(?:i |we )?(?:do ?n[o']?t know|dont know|dunno|no idea|not sure|unsure|nie wiem"
    r"|nie mam pojęcia|nie jestem pew(?:ien|na))\b"
)
"""Someone who does not know the figure: told a best guess will do."""


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


def read_figures(text: str, locale: str) -> Decimal | None:
    """Digits written the way ``locale`` writes numbers (``1,250.50`` in English, ``1 250,50``
    or ``1.250,50`` in Polish), read by Babel; None when they are not written that way."""
    from babel.numbers import NumberFormatError, parse_decimal

    text = _SPACE_GROUPS.sub("", text)
    if not locale.startswith("en"):
        text = plain_digits(text, locale)
    try:
        return parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError:
        return None


def read_number(text: str, locale: str) -> tuple[Decimal, bool]:
    """A number written the family's way, or when it cannot be read so, the other common way
    (``1.200,00`` typed in English, ``1,200.50`` in Polish), with whether it was guessed. When
    both readings are possible and differ (``£3,100`` in Polish), the family is asked. Raises
    :class:`InputError` when it cannot be read either way."""
    value = read_figures(text, locale)
    other = read_figures(text, "pl" if locale.startswith("en") else "en_GB")
    if value is not None and _places(value) > 2 and other is not None and _places(other) <= 2:
        # "£3,100" in Polish, "12.345" in English: pounds, or a slip in the pence? Ask.
        plain = f"{other.normalize():f}"
        raise InputError("error.money.which", amount=format_money(other, locale), plain=plain)
    if value is not None:
        return value, False
    if other is not None:
        return other, True  # "1.200,00" typed in English, "1,200.50" in Polish
    raise InputError("error.money.commas" if "," in text else "error.money.not_number")


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def to_pennies(amount: Decimal) -> Decimal:
    """Round to the nearest penny, halves up."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


_PERIODS = {
    Period.YEAR: r"a year|per year|per annum|yearly|annually|a yr|/ ?y(?:ea)?r|p\.?a\.?"
    r"|rocznie|na rok|w roku|za rok",
    Period.MONTH: r"a month|per month|monthly|pcm|/ ?month|p\.?m\.?|miesięcznie|na miesiąc"
    r"|w miesiącu|za miesiąc",
    Period.WEEK: r"a week|per week|weekly|/ ?w(?:ee)?k|p\.?w\.?|tygodniowo|na tydzień"
    r"|w tygodniu|za tydzień",
}
_EACH = r"an hour|per hour|hourly|/ ?h(?:ou)?r|p\.?h\.?|a session|per session|each|za godzinę"
_PERIOD_WORDS = {
    period: re.compile(rf"\s*(?:{words})\s*$") for period, words in _PERIODS.items()
} | {None: re.compile(rf"\s*(?:{_EACH})\s*$")}


def split_period(raw: str) -> tuple[str, Period | None]:
    """An amount typed with how often ("£3,100 a year", "250 miesięcznie", "£14.50 an hour"):
    the amount, and the year, month or week said (None for none, or for "an hour")."""
    text = " ".join(raw.strip().lower().split())
    for period, words in _PERIOD_WORDS.items():
        if words.search(text):
            return words.sub("", text), period
    return raw, None


def read_money(raw: str, locale: str = "en_GB") -> tuple[Decimal, bool]:
    """An amount as people write it: ``1250``, ``£1,250.50``, ``1200 pounds``, ``£1.2k``,
    ``1.200,00`` (in Polish also ``1 250,50 £`` and ``2 tys. funtów``), with whether anything
    was guessed (a word taken out, "k" read as thousands, the other way of writing numbers),
    so the front end can say how it was read. Raises :class:`InputError` naming a
    plain-language message for anything else."""
    text = " ".join(raw.strip().lower().split())
    if not text:
        raise InputError("error.money.empty")
    if _OTHER_MONEY.search(text):
        raise InputError("error.money.currency")
    hedged = text
    while (found := _HEDGES.match(text)) is not None:
        text = text[found.end() :].strip()
    words = _POUNDS.sub(" ", text).strip()
    guessed = words.replace(" ", "") != text.replace(" ", "").removeprefix("£").removesuffix("£")
    guessed = guessed or hedged != text
    if words.startswith(("-", "−")):
        raise InputError("error.money.negative")
    scale = Decimal(1)
    if _THOUSANDS.search(words):
        words, scale, guessed = _THOUSANDS.sub("", words).strip(), Decimal(1000), True
    if not _FIGURES.fullmatch(_SPACE_GROUPS.sub("", words)):
        unknown = _NOT_KNOWN.match(hedged.replace("’", "'"))
        raise InputError("error.money.not_known" if unknown else "error.money.not_number")
    value, other_way = read_number(words, locale)
    amount = value * scale
    if amount != to_pennies(amount):
        raise InputError("error.money.pence")
    if amount > MAX_MONEY:
        raise InputError("error.money.too_big")
    return to_pennies(amount), guessed or other_way


def parse_money(raw: str, locale: str = "en_GB") -> Decimal:
    """An amount as people write it (see :func:`read_money`)."""
    return read_money(raw, locale)[0]


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
