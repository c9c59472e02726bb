"""Buttons with a Bootstrap icon before their label."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html


def icon_button(icon: str, label, gap: int = 1, **kwargs) -> dbc.Button:
    """`icon` is a Bootstrap Icons name ("download"); kwargs go to dbc.Button."""
    return dbc.Button([html.I(className=f"bi bi-{icon} me-{gap}"), label], **kwargs)
