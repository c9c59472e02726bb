"""The layout the README's Architecture section describes, checked: each layer stays in its
home, modules stay small enough to read, callbacks stay thin."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_PACKAGES = ("callbacks", "components", "data", "demo", "jobs", "pages", "web")
MAX_MODULE_LINES = 400
MAX_CALLBACK_STATEMENTS = 15


def modules(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (ROOT / package).rglob("*.py"))


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def statements(function: ast.FunctionDef) -> int:
    """Statements in a function's body, nested ones included, its docstring left out."""
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return sum(1 for node in body for n in ast.walk(node) if isinstance(n, ast.stmt))


def callbacks() -> list[tuple[str, int]]:
    """Every function marked with @callback in callbacks/, with its statement count."""
    found = []
    for path in modules("callbacks"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call) and getattr(d.func, "id", "") == "callback"
                for d in node.decorator_list
            ):
                found.append((f"{path.stem}.{node.name}", statements(node)))
    return found


def test_the_top_level_holds_only_the_app_factory_and_the_server_settings():
    # gunicorn.conf.py is read by gunicorn (-c), never imported by the app.
    assert sorted(p.name for p in ROOT.glob("*.py")) == ["app.py", "gunicorn.conf.py"]


@pytest.mark.parametrize("path", modules(*APP_PACKAGES), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_400_lines(path):
    assert len(path.read_text().splitlines()) <= MAX_MODULE_LINES


@pytest.mark.parametrize("path", modules("data", "demo", "jobs"), ids=lambda p: p.name)
def test_the_data_layer_imports_no_dash_and_no_flask(path):
    assert not {n for n in imported(path) if n.split(".")[0] in ("dash", "flask", "web")}


@pytest.mark.parametrize("path", modules("callbacks", "components", "pages"), ids=lambda p: p.name)
def test_screens_reach_the_http_layer_only_through_its_context(path):
    web = {n for n in imported(path) if n == "web" or n.startswith("web.")}
    assert web <= {"web.context", "web.standup_link"}


def test_callbacks_are_thin():
    found = callbacks()
    assert len(found) >= 30  # every server callback is a marked module-level function
    assert [c for c in found if c[1] > MAX_CALLBACK_STATEMENTS] == []
