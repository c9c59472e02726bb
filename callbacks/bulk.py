"""Bulk reassign on /notes: preview, apply, undo (data/bulk.py does the work in SQL)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate
from sqlalchemy.exc import OperationalError

from components import ids
from components.bulk import HIDDEN
from components.i18n import _
from data import bulk, clock, lookups
from data.errors import InvalidInput, Message
from data.i18n import format_instant
from data.note_ops import parse_due
from web.context import current_db, current_viewer

SHOWN: dict = {}


def _ticked(rows) -> list:
    """Note ids of the ticked rows, as the browser sent them (checked by Selection)."""
    if not isinstance(rows, list):
        return []
    return [row.get("id") if isinstance(row, dict) else row for row in rows]


def _key(ticked: list, all_matching: bool, query: str | None, rep, due_iso: str | None) -> str:
    """What a preview was for: the same key at submit time means "apply what was previewed"."""
    chosen = "all:" + (query or "") if all_matching else "ids:" + ",".join(map(str, ticked))
    return f"{chosen}|rep:{rep}|due:{due_iso}"


def _alert(children, colour: str) -> dbc.Alert:
    return dbc.Alert(children, color=colour, className="py-2 px-3 mb-0")


def _text(message: Message, locale: str) -> str:
    return message.translated(locale)


def render_preview(p: bulk.Preview, target: str | None, due_text: str | None, locale: str):
    lines = [
        html.Div(
            [
                html.Strong(_("Preview: {n} tasks", n=p.tasks)),
                html.Span(" → " + target if target else "", className="fw-semibold"),
                html.Span(
                    " · " + _("new follow-up {date}", date=due_text) if due_text else "",
                ),
            ]
        )
    ]
    if p.per_assignee:
        people = " · ".join(f"{name}: {n}" for _id, name, n in p.per_assignee)
        lines.append(html.Div(_("Assigned now to: {people}", people=people)))
    if p.blocked:
        lines.append(
            html.Div(
                [
                    html.Strong(_("Cannot be changed:") + " "),
                    *[html.Div(_text(m, locale)) for m in p.messages()],
                    html.Div(_("Nothing will change until they are left out of the selection.")),
                ],
                className="text-danger mt-1",
            )
        )
    elif p.tasks:
        lines.append(html.Div(_("Nothing has changed yet."), className="text-secondary"))
    else:
        lines.append(html.Div(_("There is no open task in this selection.")))
    return _alert(lines, "danger" if p.blocked or not p.tasks else "info")


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.BULK_REP, "options"),
        Input(ids.BULK_REP, "id"),
    )
    def load_people(_id):
        with current_db().session() as s:
            return lookups.assignees(s, current_viewer())

    @app.callback(
        Output(ids.BULK_SELECTED, "children"),
        Input(ids.NOTES_GRID, "selectedRows"),
    )
    def ticked_count(rows):
        return str(len(_ticked(rows)))

    # The last batch is kept for the browser session: after a reload, Undo is still there
    # (the server still checks that it is the actor's and less than 24 hours old).
    @app.callback(
        Output(ids.BULK_UNDO, "style", allow_duplicate=True),
        Input(ids.BULK_BATCH, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def undo_available(batch):
        return SHOWN if batch else HIDDEN

    # A new filter starts a new selection (the ticked rows may no longer be listed).
    app.clientside_callback(
        "function(q, b) { return window.dash_clientside.relance.clearSelection('notes-grid'); }",
        Output("bulk-selection-sink", "children"),
        Input(ids.NOTES_QUERY, "data"),
        Input(ids.BULK_BATCH, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.BULK_RESULT, "children"),
        Output(ids.BULK_PREVIEWED, "data"),
        Output(ids.BULK_REP_ERROR, "children"),
        Output(ids.BULK_DATE_ERROR, "children"),
        Output(ids.BULK_UNDO, "style"),
        Output(ids.BULK_BATCH, "data"),
        Output(ids.BULK_ALL_MATCHING, "value"),
        Output(ids.NOTES_REFRESH, "data", allow_duplicate=True),
        Input(ids.BULK_PREVIEW, "n_clicks"),
        Input(ids.BULK_SUBMIT, "n_clicks"),
        Input(ids.BULK_UNDO, "n_clicks"),
        State(ids.NOTES_GRID, "selectedRows"),
        State(ids.BULK_ALL_MATCHING, "value"),
        State(ids.NOTES_QUERY, "data"),
        State(ids.BULK_REP, "value"),
        State(ids.BULK_DATE, "value"),
        State(ids.BULK_TIME, "value"),
        State(ids.BULK_PREVIEWED, "data"),
        State(ids.BULK_BATCH, "data"),
        State(ids.NOTES_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def act(_p, _s, _u, rows, all_matching, query, rep, day, at, token, batch, refresh):
        trigger = ctx.triggered_id
        if trigger not in (ids.BULK_PREVIEW, ids.BULK_SUBMIT, ids.BULK_UNDO):
            raise PreventUpdate
        viewer, now = current_viewer(), clock.now()
        locale = viewer.locale
        # result, token, rep error, date error, undo style, batch, all matching, refresh
        out = [no_update, no_update, "", "", no_update, no_update, no_update, no_update]

        if trigger == ids.BULK_UNDO:
            try:
                with current_db().session() as s:
                    result = bulk.undo(s, viewer, batch, now)
            except bulk.BulkError as exc:
                out[0] = _alert(_text(exc.errors["undo"], locale), "danger")
                out[4] = HIDDEN
                return out
            details = [html.Div(_text(m, locale)) for m in result.messages()]
            if details:
                details.insert(0, html.Div(_("Not restored:")))
            out[0] = _alert(
                [html.Strong(_("{n} tasks given back.", n=result.restored)), *details],
                "warning" if details else "success",
            )
            out[4], out[5], out[7] = HIDDEN, None, (refresh or 0) + 1
            return out

        ticked = _ticked(rows)
        try:
            due_at = parse_due(day, at, viewer.time_zone)
        except InvalidInput as exc:
            out[3] = _text(exc.errors["due"], locale)
            return out
        due_text = format_instant(due_at, viewer.time_zone, locale) if due_at else None
        key = _key(ticked, bool(all_matching), query, rep, due_at.isoformat() if due_at else None)
        try:
            with current_db().session() as s:
                selection = bulk.Selection.from_payload(ticked, bool(all_matching), query)
                if trigger == ids.BULK_PREVIEW:
                    target = None
                    if rep not in (None, ""):
                        target = bulk.check_target(s, viewer, rep, due_at, now)[1]
                    p = bulk.preview(s, viewer, selection, now)
                    out[0] = render_preview(p, target, due_text, locale)
                    out[1] = {"fingerprint": p.fingerprint, "key": key}
                    out[4] = HIDDEN
                    return out
                expected = None
                if token and token.get("key") == key:
                    expected = token.get("fingerprint")
                elif token:
                    # The form changed since the preview: show what would happen now.
                    p = bulk.preview(s, viewer, selection, now)
                    target = bulk.check_target(s, viewer, rep, due_at, now)[1]
                    out[0] = html.Div(
                        [
                            _alert(
                                _("The form changed since the preview: check again."), "warning"
                            ),
                            render_preview(p, target, due_text, locale),
                        ]
                    )
                    out[1] = {"fingerprint": p.fingerprint, "key": key}
                    return out
                result = bulk.reassign(s, viewer, selection, rep, due_at, now, expected)
        except bulk.BulkError as exc:
            out[2] = _text(exc.errors["rep"], locale) if "rep" in exc.errors else ""
            out[3] = _text(exc.errors["date"], locale) if "date" in exc.errors else ""
            parts = []
            if "selection" in exc.errors:
                parts.append(_alert(_text(exc.errors["selection"], locale), "danger"))
            if exc.preview is not None:
                parts.append(render_preview(exc.preview, None, due_text, locale))
                out[1] = {"fingerprint": exc.preview.fingerprint, "key": key}
            out[0] = html.Div(parts) if parts else ""
            out[4] = HIDDEN
            return out
        except OperationalError:
            # A lock wait that gave up or a deadlock: the transaction was rolled back.
            out[0] = _alert(_("Someone else is changing these tasks: try again."), "danger")
            return out
        out[0] = _alert(
            html.Strong(
                _("{n} tasks reassigned to {name}.", n=result.count, name=result.assignee_name)
            ),
            "success",
        )
        out[1], out[4], out[5], out[6] = None, SHOWN, result.batch_id, False
        out[7] = (refresh or 0) + 1
        return out
