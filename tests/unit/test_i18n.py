"""Every message of the code has a reviewed French text in the catalogue, the compiled .mo
matches it, and translation works in both languages, in a request and outside one.

The messages are found the way `make translations` finds them: babel's own extraction with
babel.cfg (its keywords included), not a copy of it.
"""

from __future__ import annotations

from pathlib import Path
from string import Formatter

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from data import i18n
from data.board import COLUMNS
from data.errors import _msg, _nmsg
from data.i18n import TRANSLATIONS_DIR, translate, translate_plural
from data.models import ACTIVITY_KINDS, ROLES
from data.states import STATE_LABELS, STATES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [locale for locale in i18n.SUPPORTED_LOCALES if locale != i18n.SOURCE_LOCALE]
Msgid = str | tuple[str, str]


def code_messages() -> dict[Msgid, str]:
    """msgid (singular, or (singular, plural)) -> where it is used, as pybabel extracts them."""
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: dict[Msgid, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        if message:
            found.setdefault(message, f"{filename}:{lineno}")
    return found


def po(locale: str):
    with open(TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po", "rb") as file:
        return read_po(file, locale=locale)


def frozen(value: str | list | tuple) -> str | tuple:
    """read_mo gives the forms of a plural message as lists, read_po as tuples."""
    return value if isinstance(value, str) else tuple(value)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def messages() -> dict[Msgid, str]:
    found = code_messages()
    assert len(found) > 250
    return found


def test_extraction_sees_every_kind_of_message(messages):
    assert "Hello {name}" in messages  # _() in callbacks
    assert "Sign in" in messages  # _() in the sign-in template
    assert "The new follow-up date lies in the past." in messages  # _msg() in data/
    assert ("{n} task reassigned to {name}.", "{n} tasks reassigned to {name}.") in messages
    assert ("{n} completed task", "{n} completed tasks") in messages  # _nmsg() in data/
    assert "Incoming call" in messages  # N_() in a table of labels


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_message_has_a_reviewed_translation(messages, locale):
    catalogue = po(locale)
    assert not catalogue.fuzzy, "the catalogue header is fuzzy: pybabel compile would skip it"
    missing, fuzzy, empty = [], [], []
    for msgid, where in sorted(messages.items(), key=str):
        entry = catalogue.get(msgid[0] if isinstance(msgid, tuple) else msgid)
        if entry is None or entry.id != msgid:
            missing.append(f"{where}: {msgid!r}")
        elif entry.fuzzy:
            fuzzy.append(f"{where}: {msgid!r}")
        elif not all(entry.string if isinstance(entry.string, tuple) else [entry.string]):
            empty.append(f"{where}: {msgid!r}")
    hint = "run `make translations`, then translate in translations/{}/LC_MESSAGES/messages.po"
    assert missing == [], hint.format(locale)
    assert fuzzy == [], "review these guesses and remove their `#, fuzzy` line"
    assert empty == [], hint.format(locale)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_translations_keep_the_placeholders(locale):
    """A placeholder renamed or invented in a translation would raise KeyError when shown."""
    wrong = []
    for entry in po(locale):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        known = set().union(*map(placeholders, ids))
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for form in forms:
            if not placeholders(form) <= known or (len(ids) == 1 and placeholders(form) != known):
                wrong.append((entry.id, form))
    assert wrong == []


def test_the_catalogue_holds_only_messages_of_the_code(messages):
    """`make translations` was run: the template and catalogues list what the code says."""
    with open(TRANSLATIONS_DIR / "messages.pot", "rb") as file:
        template = {m.id for m in read_po(file) if m.id}
    assert sorted(template ^ set(messages), key=str) == []
    for locale in TRANSLATED:
        assert sorted({m.id for m in po(locale) if m.id} - set(messages), key=str) == []


@pytest.mark.parametrize("locale", TRANSLATED)
def test_the_compiled_catalogue_is_up_to_date(locale):
    """The app reads the committed .mo: it must say what the .po says."""
    path = TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.mo"
    with open(path, "rb") as file:
        compiled = {frozen(m.id): frozen(m.string) for m in read_mo(file) if m.id}
    source = {frozen(m.id): frozen(m.string) for m in po(locale) if m.id and not m.fuzzy}
    assert compiled == source, "run `make translations` (pybabel compile)"


def test_labels_shown_from_data_values_are_all_in_the_catalogue(messages):
    """`_(label)` of a value (a state, a role, a column) escapes extraction unless the label is
    marked where it is defined: every value has a marked label."""
    from components.activities import KINDS
    from components.board import COLUMN_LABELS
    from components.shell import ROLE_LABELS

    assert set(STATE_LABELS) == set(STATES)
    assert set(ROLE_LABELS) == set(ROLES)
    assert set(KINDS) == set(ACTIVITY_KINDS)
    assert set(COLUMN_LABELS) >= set(COLUMNS)
    labels = [
        *STATE_LABELS.values(),
        *ROLE_LABELS.values(),
        *(label for label, _icon in KINDS.values()),
        *COLUMN_LABELS.values(),
    ]
    assert [label for label in labels if label not in messages] == []


def test_translate_formats_in_both_languages():
    assert translate("Hello {name}", "fr", name="Léa") == "Bonjour Léa"
    assert translate("Hello {name}", "en", name="Lea") == "Hello Lea"
    assert translate("Hello {name}", "de", name="Lea") == "Bonjour Lea"


def test_request_translation_follows_the_browser_and_defaults_to_french(sqlite_db):
    from app import create_app
    from web.context import _, n_

    server = create_app({"DATABASE_URL": sqlite_db.url, "TESTING": True})
    for accept, hello, days in (
        ("fr-FR,fr", "Bonjour Léa", "1 jour · 7 jours"),
        ("en-GB,en", "Hello Léa", "1 day · 7 days"),
        ("de", "Bonjour Léa", "1 jour · 7 jours"),
    ):
        with server.test_request_context(headers={"Accept-Language": accept}):
            assert _("Hello {name}", name="Léa") == hello
            assert " · ".join(n_("{n} day", "{n} days", n) for n in (1, 7)) == days
    server.extensions["relance_db"].dispose()


def test_counts_take_the_plural_form_of_each_language():
    reassigned = ("{n} task reassigned to {name}.", "{n} tasks reassigned to {name}.")
    french = [translate_plural(*reassigned, n, "fr", name="Paul") for n in (0, 1, 2)]
    english = [translate_plural(*reassigned, n, "en", name="Paul") for n in (0, 1, 2)]
    assert french == [
        "0 tâche réassignée à Paul.",
        "1 tâche réassignée à Paul.",
        "2 tâches réassignées à Paul.",
    ]
    assert english == [
        "0 tasks reassigned to Paul.",
        "1 task reassigned to Paul.",
        "2 tasks reassigned to Paul.",
    ]
    # {n} is written as the locale writes numbers.
    assert translate_plural(*reassigned, 20000, "fr", name="Paul").startswith("20\u202f000 ")
    assert translate_plural(*reassigned, 20000, "en", name="Paul").startswith("20,000 ")


def test_data_layer_messages_are_translated_where_shown_with_an_explicit_locale():
    """No request here (as in jobs, exports and the CLI): the locale is given."""
    one = _nmsg("{n} completed task", "{n} completed tasks", 1)
    three = _nmsg("{n} completed task", "{n} completed tasks", 3)
    assert (one.translated("fr"), three.translated("fr")) == (
        "1 tâche terminée",
        "3 tâches terminées",
    )
    assert (str(one), str(three)) == ("1 completed task", "3 completed tasks")
    refused = _msg("Unknown time zone: {value}", value="Mars/Olympus")
    assert refused.translated("fr") == "Fuseau horaire inconnu : Mars/Olympus"
    assert refused.translated("en") == str(refused) == "Unknown time zone: Mars/Olympus"


def test_a_missing_compiled_catalogue_stops_rather_than_shows_english(monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="make translations"):
            i18n.catalogue("fr")
        assert i18n.catalogue("en").gettext("Hello {name}") == "Hello {name}"
    finally:
        i18n.catalogue.cache_clear()
