"""Texts in the family's language: gettext catalogs for short strings, Markdown for long ones.

Catalogs live in ``locales/<locale>/LC_MESSAGES/planner.po``. Each message id is a text key
(``node.child_name``) and British English is the source catalog. The ``.mo`` files are built
from the ``.po`` files by :func:`compile_catalog` (at wheel build time, or on first use in a
checkout); they are never edited or committed by hand.
"""

from __future__ import annotations

import gettext
import io
import string
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from planner.paths import data_path

if TYPE_CHECKING:
    from babel import Locale
    from babel.dates import DateTimePattern

SOURCE_LOCALE = "en_GB"
DOMAIN = "planner"


def shipped_locales() -> list[str]:
    """Every locale with a catalog, the source locale first."""
    root = data_path("locales")
    found = sorted(p.name for p in root.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").exists())
    return sorted(found, key=lambda name: name != SOURCE_LOCALE)


def language_name(code: str, in_locale: str) -> str:
    """A language's name in another language: ("pl", "en_GB") gives "Polish", ("pl", "pl")
    gives "polski". From the CLDR data that Babel carries, so a new language needs no text."""
    from babel import Locale

    return Locale.parse(code).get_language_name(in_locale) or code


def language_choice(code: str, in_locale: str) -> str:
    """How a language is offered: in its own words, so its readers find it, and in the words
    of the screen's language when they differ ("Polski (Polish)" on an English screen)."""
    own, here = language_name(code, code), language_name(code, in_locale)
    own = own[:1].upper() + own[1:]
    return own if own.lower() == here.lower() else f"{own} ({here})"


def language_options(here: str) -> list[tuple[str, str]]:
    """Every language the planner speaks, as (code, how it is offered on a screen in ``here``),
    the source language first."""
    return [(code, language_choice(code, here)) for code in shipped_locales()]


def fold(text: str) -> str:
    """Text for matching: no case and no accents, so "zoe" finds "Zoë" and "usun" "usuń"
    (and "l" finds "ł", which Unicode does not take apart)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def catalog_path(locale: str, suffix: str = ".po") -> Path:
    """Where a locale's catalog file is."""
    return data_path("locales", locale, "LC_MESSAGES", f"{DOMAIN}{suffix}")


def compile_catalog(po_file: Path) -> bytes:
    """The ``.mo`` bytes for one ``.po`` file (fuzzy entries left out, as gettext does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _load_mo(locale: str) -> gettext.GNUTranslations | None:
    po_file = catalog_path(locale)
    if not po_file.exists():
        return None
    mo_file = catalog_path(locale, ".mo")
    if mo_file.exists() and mo_file.stat().st_mtime >= po_file.stat().st_mtime:
        with mo_file.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    data = compile_catalog(po_file)
    try:
        tmp = mo_file.with_suffix(".mo.tmp")
        tmp.write_bytes(data)
        tmp.replace(mo_file)
    except OSError:
        pass  # A read-only install still works: the catalog is used from memory.
    return gettext.GNUTranslations(io.BytesIO(data))


class _Blanks(dict[str, object]):
    """Fills ``{name}`` blanks, leaving unknown ones as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill_blanks(template: str, /, **params: object) -> str:
    """Fill ``{name}`` blanks from ``params``; unknown blanks and stray braces stay as they are."""
    try:
        return string.Formatter().vformat(template, (), _Blanks(params))
    except (ValueError, IndexError):
        return template


class Texts:
    """Every text for one locale, falling back to British English where one is missing."""

    def __init__(self, locale: str = SOURCE_LOCALE) -> None:
        self.locale = locale
        chain = [locale] if locale == SOURCE_LOCALE else [locale, SOURCE_LOCALE]
        self._catalogs = [c for c in (_cached_mo(name) for name in chain) if c is not None]

    def has(self, key: str) -> bool:
        """Whether this locale's own catalog has the key (no fallback)."""
        own = _cached_mo(self.locale)
        return own is not None and key in own._catalog  # type: ignore[attr-defined]

    def known(self, key: str) -> bool:
        """Whether the key has a text here or in the fallback."""
        return any(key in c._catalog for c in self._catalogs)  # type: ignore[attr-defined]

    def own(self, key: str, theirs: bool = True) -> str:
        """The key of the text's words for a young person planning for themselves (``<key>_self``,
        speaking to them as "you"), when ``theirs`` and it has them; else the key itself."""
        mine = f"{key}_self"
        return mine if theirs and self.known(mine) else key

    def get(self, key: str, **params: object) -> str:
        """The text for ``key``, with blanks filled from ``params``."""
        for catalog in self._catalogs:
            if key in catalog._catalog:  # type: ignore[attr-defined]
                text = catalog.gettext(key)
                break
        else:
            text = key
        return fill_blanks(text, **params) if params else text

    def plural(self, key: str, count: int, **params: object) -> str:
        """The text for ``key`` in the plural form that suits ``count``."""
        for catalog in self._catalogs:
            if (key, 0) in catalog._catalog:  # type: ignore[attr-defined]
                text = catalog.ngettext(key, key, count)
                break
        else:
            text = key
        return fill_blanks(text, count=count, **params)

    def more(self, key: str, *, own: bool = False) -> str | None:
        """A longer Markdown explanation from ``content/<locale>/more/``, if there is one; with
        ``own``, the page's words for a young person planning for themselves
        (``<key>_self.md``) where the family's language has them."""
        names = [f"{key}_self.md", f"{key}.md"] if own else [f"{key}.md"]
        return self._page("more", names=names)

    def facilitator(self, name: str) -> str | None:
        """A facilitator's notes for a workshop, for one step (``content/<locale>/facilitator``)."""
        return self._page("facilitator", names=[f"{name}.md"])

    def more_page(self, name: str) -> str | None:
        """A whole Markdown page from ``content/<locale>/``, such as ``help``."""
        return self._page(names=[f"{name}.md"])

    def _page(self, *folder: str, names: list[str]) -> str | None:
        """The first of ``names`` found, in the family's language first (a page in their
        language beats a closer variant in English), then in English."""
        for locale in (self.locale, SOURCE_LOCALE):
            for name in names:
                path = data_path("content", locale, *folder, name)
                if path.exists():
                    return path.read_text(encoding="utf-8").strip()
        return None


def format_day(day: date, locale: str) -> str:
    """A day in words, as every text and document writes it (4 December 2026)."""
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale=locale)


def format_moment(moment: datetime, locale: str) -> str:
    """A date and time as this computer's clock shows it, in the locale's short form
    (22/11/2026, 14:28 in British English): what babel's ``format_datetime(moment, "short")``
    writes. A caseload writes a thousand at a time, so the patterns are parsed once and each
    day's and each minute's words are kept."""
    local = moment.astimezone()
    joined = _moment_patterns(locale)[3]
    clock = _clock_words(locale, local.replace(year=2000, month=1, day=1, microsecond=0))
    return joined.replace("{0}", clock).replace("{1}", _day_words(locale, local.date()))


@cache
def _moment_patterns(locale: str) -> tuple[Locale, DateTimePattern, DateTimePattern, str]:
    from babel import Locale
    from babel.dates import get_date_format, get_datetime_format, get_time_format

    where = Locale.parse(locale)
    joined = str(get_datetime_format("short", where)).replace("'", "")
    return where, get_date_format("short", where), get_time_format("short", where), joined


def forget_formatted_moments() -> None:
    """Empty the kept words of days and times (for measuring a first caseload)."""
    _day_words.cache_clear()
    _clock_words.cache_clear()


@lru_cache(maxsize=4096)
def _day_words(locale: str, day: date) -> str:
    where, pattern, _, _ = _moment_patterns(locale)
    return str(pattern.apply(day, where))


@lru_cache(maxsize=4096)
def _clock_words(locale: str, moment: datetime) -> str:
    """A time of day (``moment`` on one fixed day, so that the same time is one key)."""
    where, _, pattern, _ = _moment_patterns(locale)
    return str(pattern.apply(moment, where))


@cache
def _cached_mo(locale: str) -> gettext.GNUTranslations | None:
    return _load_mo(locale)


@cache
def texts_for(locale: str = SOURCE_LOCALE) -> Texts:
    """A shared :class:`Texts` for a locale."""
    return Texts(locale)
