"""Locales: the supported ones, dates as each writes them, and the catalogue for a given locale.

The messages live in translations/<locale>/LC_MESSAGES/messages.po (gettext, managed with
pybabel: `make translations`). Source text is English, with str.format placeholders:
"{n} tasks reassigned to {name}." Requests read the catalogues through Flask-Babel in the
request's locale (web/i18n.py); here, without Flask, a caller names the locale (a viewer's,
a stand-up link's creator's): data/ messages, exports, jobs and the CLI.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from gettext import NullTranslations
from pathlib import Path

from babel import Locale
from babel.dates import format_datetime
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from data.clock import zone

DEFAULT_LOCALE = "fr"
SUPPORTED_LOCALES = ("fr", "en")
SOURCE_LOCALE = "en"  # the msgids are the English text: English needs no catalogue
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"


def normalise_locale(locale: str | None) -> str:
    return locale if locale in SUPPORTED_LOCALES else DEFAULT_LOCALE


def N_(message: str) -> str:
    """Marks a message where it is defined (a label in a table) for extraction; the code that
    shows it translates it with `_()`."""
    return message


@cache
def catalogue(locale: str) -> NullTranslations:
    """The compiled catalogue (.mo) of a supported locale, loaded once per process."""
    if locale == SOURCE_LOCALE:
        return NullTranslations()
    path = TRANSLATIONS_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.is_file():
        # Without it every text would silently show in English.
        raise FileNotFoundError(f"{path} is missing: run `make translations`")
    return Translations.load(str(TRANSLATIONS_DIR), [locale], DOMAIN)


def fill(text: str, values: dict[str, object]) -> str:
    return text.format(**values) if values else text


def translate(message: str, locale: str | None, **values: object) -> str:
    """`message` in `locale` (French for an unknown one), its {placeholders} filled."""
    return fill(catalogue(normalise_locale(locale)).gettext(message), values)


def translate_plural(
    singular: str, plural: str, n: int, locale: str | None, **values: object
) -> str:
    """The form of a counted message that `n` takes in `locale`; {n} is `n` as the locale
    writes it ("20 000" in French)."""
    locale = normalise_locale(locale)
    text = catalogue(locale).ngettext(singular, plural, n)
    return fill(text, {"n": format_decimal(n, locale=locale), **values})


def format_instant(instant: datetime, time_zone: str, locale: str | None) -> str:
    """A date and time as people of that locale write it, in their zone."""
    return format_datetime(
        instant, "d MMM y HH:mm", tzinfo=zone(time_zone), locale=normalise_locale(locale)
    )


def format_time(instant: datetime, time_zone: str, locale: str | None) -> str:
    return format_datetime(
        instant, "HH:mm", tzinfo=zone(time_zone), locale=normalise_locale(locale)
    )


def format_count(n: int, locale: str | None) -> str:
    """A count as it is read in `locale`: "1 326" in French (narrow no-break space),
    "1,326" in English. Never for the contract's bare-digit elements (counter-*, …)."""
    return format_decimal(n, locale=normalise_locale(locale))


def format_rate(
    percent: float | None, locale: str | None, missing: str = "—", decimals: int = 1
) -> str:
    """A percentage (0-100) as `locale` writes it: "39,4 %" in French (no-break space
    before the sign), "39.4%" in English; `missing` when there is none."""
    if percent is None:
        return missing
    locale = normalise_locale(locale)
    pattern = Locale.parse(locale).percent_formats[None].pattern  # "#,##0\xa0%" in French
    last = pattern.rindex("0") + 1
    pattern = pattern[:last] + ("." + "0" * decimals if decimals else "") + pattern[last:]
    return format_percent(percent / 100, pattern, locale=locale)


def format_decimal_cell(value: float, locale: str | None) -> str:
    """A decimal number for a spreadsheet of `locale`: a decimal comma in French, no
    grouping (Excel reads "1326,5" as a number, not "1 326,5")."""
    return format_decimal(value, "0.##########", locale=normalise_locale(locale))


# How each locale types and reads a day in a date picker (Dash's moment-style tokens).
DATE_INPUT_FORMATS = {"fr": "DD/MM/YYYY", "en": "YYYY-MM-DD"}
# What an empty picker shows: the format to type, in the locale's own letters.
DATE_INPUT_HINTS = {"fr": "jj/mm/aaaa", "en": "yyyy-mm-dd"}


def first_day_of_week(locale: str | None) -> int:
    """The day a week starts on in `locale`, as Dash's pickers count (0 Sunday … 6
    Saturday): Monday in French; Babel's is 0 Monday … 6 Sunday."""
    return (Locale.parse(normalise_locale(locale)).first_week_day + 1) % 7


def date_input_hint(locale: str | None) -> str:
    return DATE_INPUT_HINTS[normalise_locale(locale)]


def date_picker_props(locale: str | None) -> dict:
    """What a dcc.DatePickerSingle/Range needs to read like `locale`: the typed format and
    the first day of the week (month and day names come from the date-fns locale the page
    loads, see assets/datepicker_locale.js)."""
    locale = normalise_locale(locale)
    return {
        "display_format": DATE_INPUT_FORMATS[locale],
        "month_format": "MMMM YYYY",
        "first_day_of_week": first_day_of_week(locale),
    }
