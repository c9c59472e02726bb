"""Every UI string has its French text, and the catalogue formats in both languages."""

from __future__ import annotations

import ast
from pathlib import Path

from data.i18n import FRENCH, translate

ROOT = Path(__file__).resolve().parents[2]
UI_CODE = ["web/auth.py", "components", "callbacks", "pages"]


def ui_keys() -> set[str]:
    keys: set[str] = set()
    files = [ROOT / "web" / "auth.py"] + [p for d in UI_CODE[1:] for p in (ROOT / d).glob("*.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                keys.add(node.args[0].value)
    return keys


def data_messages() -> set[str]:
    """Templates of the data layer's user-facing messages: `_msg("…")` and REASON_TEXT."""
    keys: set[str] = set()
    for path in (ROOT / "data").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_msg"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                keys.add(node.args[0].value)
    from data.bulk import REASON_TEXT, UNDO_REASON_TEXT

    return keys | set(REASON_TEXT.values()) | set(UNDO_REASON_TEXT.values())


def test_every_data_layer_message_has_a_french_text():
    keys = data_messages()
    assert "The new follow-up date lies in the past." in keys
    assert sorted(k for k in keys if k not in FRENCH) == []


def test_every_ui_string_has_a_french_text():
    keys = ui_keys()
    assert len(keys) > 50
    assert sorted(k for k in keys if k not in FRENCH) == []


def test_translate_formats_in_both_languages():
    assert translate("Hello {name}", "fr", name="Léa") == "Bonjour Léa"
    assert translate("Hello {name}", "en", name="Lea") == "Hello Lea"
    assert translate("Hello {name}", "de", name="Lea") == "Bonjour Lea"
