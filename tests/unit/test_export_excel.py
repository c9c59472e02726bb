"""The "CSV Excel" export (/export/notes.csv?excel=1) follows the viewer's locale, on SQLite and
PostgreSQL, while the plain CSV keeps the contract's columns for scripts."""

from __future__ import annotations

import csv
import io

from sqlalchemy import update

from data.export import HEADER, separator
from data.models import User
from tests.unit.export_world import FORMULA, as_user


def excel_rows(response, delimiter: str) -> list[list[str]]:
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only after a byte order mark
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def test_a_french_viewer_gets_semicolons_french_titles_states_and_dates(world):
    _client, _db, ids, _refs, _emails, _dir = world
    client = as_user(world, "paul")
    response = client.get("/export/notes.csv?completed=1&excel=1")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = excel_rows(response, ";")
    header = rows[0]
    assert header[:4] == ["N°", "Client", "Code client", "Note"]
    assert "Date de relance" in header and "État" in header and "Auteur" in header
    assert header[-2:] == ["Magasin", "Classement"]  # variables keep their names
    by_id = {int(row[0]): dict(zip(header, row, strict=True)) for row in rows[1:]}
    overdue = by_id[ids["overdue_paul"]]
    # Friday 10:00 in Paris, as a French spreadsheet reads a date and time.
    assert overdue["Date de relance"] == "20/11/2026 10:00"
    assert overdue["État"] == "en retard"
    assert (overdue["Statut"], overdue["Magasin"]) == ("Nouveau", "Jouets")
    assert by_id[ids["done_paul"]]["État"] == "terminée"
    assert by_id[ids["plain_paul"]]["Note"] == "'" + FORMULA  # still neutralised


def test_the_excel_csv_has_the_plain_csvs_rows_in_the_same_order(world):
    client = as_user(world, "marie")
    query = "completed=1&sort=-due_at"
    plain = list(csv.reader(io.StringIO(client.get(f"/export/notes.csv?{query}").text)))
    excel = excel_rows(client.get(f"/export/notes.csv?{query}&excel=1"), ";")
    assert [row[0] for row in excel[1:]] == [row[0] for row in plain[1:]]
    assert len(excel[0]) == len(plain[0])


def test_the_plain_csv_keeps_the_contract_for_scripts(world):
    client = as_user(world, "paul")
    text = client.get("/export/notes.csv?completed=1").text
    assert not text.startswith("\ufeff")
    header = next(csv.reader(io.StringIO(text)))
    assert tuple(header[: len(HEADER)]) == HEADER
    assert "overdue" in text and "en retard" not in text


def test_an_english_viewer_gets_commas_and_english_titles(world):
    client, db, _ids, refs, _emails, _dir = world
    with db.session() as s:
        s.execute(update(User).where(User.email == "paul.rep@test.relance").values(locale="en"))
    client = as_user(world, "paul")
    rows = excel_rows(client.get("/export/notes.csv?excel=1"), ",")
    assert rows[0][:3] == ["No.", "Customer", "Customer code"]
    assert "overdue" in {row[rows[0].index("State")] for row in rows[1:]}


def test_the_separator_follows_the_decimal_sign():
    assert separator("fr") == ";"
    assert separator("en") == ","
