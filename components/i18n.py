"""Translation for layouts and callbacks: `_`, `n_` (counts) in the request's locale and
`N_`, which marks a label where it is defined (see web/context.py and data/i18n.py); numbers
and date pickers as the request's locale writes them."""

from __future__ import annotations

from data.i18n import N_, date_input_hint, date_picker_props, format_count, format_rate
from web.context import _, n_, request_locale

__all__ = ["N_", "_", "count", "date_hint", "n_", "picker", "rate"]


def count(n: int) -> str:
    """A count that is only read ("1 326" in French); the contract's id elements keep bare
    digits (DESIGN.md, "Precise rules")."""
    return format_count(n, request_locale())


def rate(percent: float | None, decimals: int = 1) -> str:
    """A percentage (0-100): "39,4 %" in French."""
    return format_rate(percent, request_locale(), decimals=decimals)


def picker() -> dict:
    """Props that make a dcc date picker type, read and start its weeks like the user."""
    return date_picker_props(request_locale())


def date_hint() -> str:
    """The format to type a day in, as an empty date field shows it ("jj/mm/aaaa")."""
    return date_input_hint(request_locale())
