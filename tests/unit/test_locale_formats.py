"""Numbers, rates and date pickers as each locale writes them (data/i18n.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from data.i18n import (
    date_input_hint,
    date_picker_props,
    first_day_of_week,
    format_count,
    format_decimal_cell,
    format_rate,
)

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def test_counts_carry_the_locales_thousands_separator():
    assert format_count(1326, "fr") == f"1{NARROW_NBSP}326"
    assert format_count(20_000, "fr") == f"20{NARROW_NBSP}000"
    assert format_count(1326, "en") == "1,326"
    assert format_count(36, "fr") == "36"


def test_rates_have_one_decimal_and_the_locales_percent_sign():
    assert format_rate(39.4, "fr") == f"39,4{NBSP}%"
    assert format_rate(100, "fr") == f"100,0{NBSP}%"
    assert format_rate(39.4, "en") == "39.4%"
    assert format_rate(20, "fr", decimals=0) == f"20{NBSP}%"
    assert format_rate(None, "fr") == "—"


def test_decimals_for_a_spreadsheet_have_a_comma_in_french_and_no_grouping():
    assert format_decimal_cell(1326.5, "fr") == "1326,5"
    assert format_decimal_cell(1326.5, "en") == "1326.5"


def test_french_weeks_start_on_monday_and_days_are_typed_day_first():
    assert first_day_of_week("fr") == 1  # Dash counts 0 = Sunday
    assert date_picker_props("fr") == {
        "display_format": "DD/MM/YYYY",
        "month_format": "MMMM YYYY",
        "first_day_of_week": 1,
    }
    assert date_picker_props("en")["display_format"] == "YYYY-MM-DD"
    assert date_picker_props(None) == date_picker_props("fr")  # the default locale
    assert (date_input_hint("fr"), date_input_hint("en")) == ("jj/mm/aaaa", "yyyy-mm-dd")


@pytest.fixture
def french_request(sqlite_db):
    from app import create_app

    server = create_app({"DATABASE_URL": sqlite_db.url, "TESTING": True})
    with server.test_request_context(headers={"Accept-Language": "fr-FR,fr"}):
        yield
    server.extensions["relance_db"].dispose()


def test_a_cut_list_says_how_many_of_how_many_with_separators(french_request):
    from components.widgets import shown_of_total

    assert shown_of_total(20, 1326).children == f"20 affichées sur 1{NARROW_NBSP}326"


def test_the_written_line_names_the_author_and_the_last_change_in_the_viewers_words(
    french_request,
):
    from components.note_form import written_line

    viewer = SimpleNamespace(time_zone="Europe/Paris", locale="fr")
    created = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    note = {"author": "Paul Rep", "created_at": created, "updated_at": created}
    assert written_line(note, viewer) == "Écrite par Paul Rep, le 22 nov. 2026 10:00"
    note |= {"updated_at": created + timedelta(seconds=30), "updated_by": "Paul Rep"}
    assert written_line(note, viewer) == "Écrite par Paul Rep, le 22 nov. 2026 10:00"
    note |= {"updated_at": created + timedelta(days=1), "updated_by": "Marie Manager"}
    assert written_line(note, viewer).endswith(
        " · dernière modification par Marie Manager, le 23 nov. 2026 10:00"
    )
