"""Every UI string has its French text, and the catalogue formats in both languages."""

from __future__ import annotations

import ast
from pathlib import Path

from data.i18n import FRENCH, translate

ROOT = Path(__file__).resolve().parents[2]
UI_CODE = ["auth.py", "components", "callbacks", "pages"]


def ui_keys() -> set[str]:
    keys: set[str] = set()
    files = [ROOT / "auth.py"] + [p for d in UI_CODE[1:] for p in (ROOT / d).glob("*.py")]
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


def test_every_ui_string_has_a_french_text():
    keys = ui_keys()
    assert len(keys) > 50
    assert sorted(k for k in keys if k not in FRENCH) == []


def test_translate_formats_in_both_languages():
    assert translate("Hello {name}", "fr", name="Léa") == "Bonjour Léa"
    assert translate("Hello {name}", "en", name="Lea") == "Hello Lea"
    assert translate("Hello {name}", "de", name="Lea") == "Bonjour Lea"
