"""/standup — the team's morning stand-up screen, for a TV (DESIGN.md section 2).

`?token=…` (a TV link): the linked team, full screen, nothing else. Signed in: managers and
admins pick a team (`?team=id` preselects one) and manage the team's TV links below the
screen; reps get "not allowed".
"""

from __future__ import annotations

import dash
from dash import html
from flask_login import current_user

from components.standup import links_panel, not_allowed, screen, toolbar

dash.register_page(__name__, path="/standup", title="Stand-up · Relance")


def layout(token=None, team=None, **_query):
    if token is not None:
        # The guard let this request in with a valid token; the callback checks it again.
        return screen({"token": token if isinstance(token, str) else ""}, tv=True)
    viewer = current_user.viewer if current_user.is_authenticated else None
    if viewer is None or viewer.role not in ("admin", "manager"):
        return not_allowed()
    return html.Div(
        [
            toolbar(),
            screen({"team": team if isinstance(team, str) else None}, tv=False),
            links_panel(),
        ]
    )
