"""Bulk reassign on /notes: preview, apply, undo.

data/bulk decides (the selection, the preview token, whether a submit applies or previews
again, the refusals); these callbacks read the bar, call it and shape what is shown.
"""

from __future__ import annotations

from functools import partial

from dash import Input, Output, State, html, no_update

from callbacks.common import alert, bump, shown_count
from callbacks.refusals import field_texts, refusal_text
from callbacks.registry import callback, clientside
from components import ids
from components.bulk import HIDDEN, SHOWN, preview_lines, undo_lines
from components.i18n import _, n_
from data import bulk, clock, lookups
from data.errors import InvalidInput, Message, StaleVersion
from data.i18n import format_instant
from web.context import current_db, current_viewer

# The bar as a click sends it (data.bulk.BulkForm.read reads these names).
FORM = dict(
    rows=State(ids.NOTES_GRID, "selectedRows"),
    all_matching=State(ids.BULK_ALL_MATCHING, "value"),
    # "All matching" is the filter that applies (a URL's bad parameters left out).
    query=State(ids.NOTES_FILTER, "data"),
    rep=State(ids.BULK_REP, "value"),
    day=State(ids.BULK_DATE, "date"),
    at=State(ids.BULK_TIME, "value"),
)
# What a click may change; preview, submit and undo each write some of it.
TARGETS = dict(
    result=(ids.BULK_RESULT, "children"),
    token=(ids.BULK_PREVIEWED, "data"),
    rep_error=(ids.BULK_REP_ERROR, "children"),
    date_error=(ids.BULK_DATE_ERROR, "children"),
    undo=(ids.BULK_UNDO, "style"),
    batch=(ids.BULK_BATCH, "data"),
    all_matching=(ids.BULK_ALL_MATCHING, "value"),
    refresh=(ids.NOTES_REFRESH, "data"),
)
PREVIEW = ("result", "token", "rep_error", "date_error", "undo")
SUBMIT = (*PREVIEW, "batch", "all_matching", "refresh")
UNDO = ("result", "rep_error", "date_error", "undo", "batch", "refresh")


def outputs(names: tuple[str, ...]) -> dict:
    return {name: Output(*TARGETS[name], allow_duplicate=True) for name in names}


def shown(names: tuple[str, ...], **values) -> dict:
    """Every output of `names`: the given values, field errors cleared, the rest unchanged."""
    cleared = dict(rep_error="", date_error="")
    return {name: values.get(name, cleared.get(name, no_update)) for name in names}


def _texts(messages: list[Message]) -> list[str]:
    locale = current_viewer().locale
    return [message.translated(locale) for message in messages]


def _preview_card(p: bulk.Preview, assignee: str | None, form: bulk.BulkForm):
    viewer = current_viewer()
    due = format_instant(form.due_at, viewer.time_zone, viewer.locale) if form.due_at else None
    lines = preview_lines(p, assignee, due, _texts(p.messages()))
    return alert(lines, "info" if p.can_apply else "danger")


def _previewed(names: tuple[str, ...], previewed: bulk.Previewed, form: bulk.BulkForm) -> dict:
    card = _preview_card(previewed.preview, previewed.assignee_name, form)
    if previewed.form_changed:
        changed = alert(_("The form changed since the preview: check again."), "warning")
        return shown(names, result=html.Div([changed, card]), token=previewed.token)
    return shown(names, result=card, token=previewed.token, undo=HIDDEN)


def _refused(names: tuple[str, ...], refused: bulk.BulkError, form: bulk.BulkForm) -> dict:
    """Field errors next to their fields; the selection's refusal and preview in the result."""
    rep_error, date_error, selection = field_texts(refused, ("rep", "date", "selection"))
    parts, token = [alert(selection, "danger")] if selection else [], no_update
    if refused.preview is not None:
        parts.append(_preview_card(refused.preview, None, form))
        token = form.token(refused.preview)
    result = html.Div(parts) if parts else ""
    return shown(
        names, result=result, token=token, rep_error=rep_error, date_error=date_error, undo=HIDDEN
    )


def _applied(result: bulk.BulkResult, refresh) -> dict:
    text = n_(
        "{n} task reassigned to {name}.",
        "{n} tasks reassigned to {name}.",
        result.count,
        name=result.assignee_name,
    )
    return shown(
        SUBMIT,
        result=alert(html.Strong(text), "success"),
        token=None,
        undo=SHOWN,
        batch=result.batch_id,
        all_matching=False,
        refresh=bump(refresh),
    )


@callback(
    output=dict(options=Output(ids.BULK_REP, "options")),
    inputs=dict(_bar=Input(ids.BULK_REP, "id")),
)
def load_people(_bar):
    with current_db().session() as s:
        return dict(options=lookups.assignees(s, current_viewer()))


@callback(
    output=dict(
        count=Output(ids.BULK_SELECTED, "children"),
        label=Output(ids.BULK_SELECTED_LABEL, "children"),
    ),
    inputs=dict(
        rows=Input(ids.NOTES_GRID, "selectedRows"),
        every=Input(ids.BULK_ALL_MATCHING, "value"),
        total=Input(ids.NOTES_TOTAL, "children"),
    ),
)
def ticked_count(rows, every, total):
    """How many notes the bar acts on: the ticked rows, or with "all matching" the filter's."""
    matching = shown_count(total)
    if every is True and matching is not None:
        return dict(count=total, label=n_("matching this filter", "matching this filter", matching))
    ticked = len(bulk.ticked_ids(rows))
    return dict(count=str(ticked), label=n_("ticked", "ticked", ticked))


# The last batch is kept for the browser session: after a reload, Undo is still there
# (the server still checks that it is the actor's and less than 24 hours old).
@callback(
    output=dict(style=Output(ids.BULK_UNDO, "style", allow_duplicate=True)),
    inputs=dict(batch=Input(ids.BULK_BATCH, "data")),
    prevent_initial_call="initial_duplicate",
)
def undo_available(batch):
    return dict(style=SHOWN if batch else HIDDEN)


def _on_form(kind, bar: dict, step, done):
    """Read the bar's form, run `step(s, viewer, form)` in one transaction, shape with `done`;
    a refusal at any point is shown next to what it is about."""
    viewer = current_viewer()
    try:
        form = bulk.BulkForm.read(**bar, time_zone=viewer.time_zone)
    except InvalidInput as refused:
        return shown(kind, date_error=refusal_text(refused))
    try:
        with bulk.contention_refused(), current_db().session() as s:
            result = step(s, viewer, form)
    except bulk.BulkError as refused:
        return _refused(kind, refused, form)
    except StaleVersion as refused:
        return shown(kind, result=alert(refusal_text(refused), "danger"))
    return done(result, form)


# A new filter starts a new selection (the ticked rows may no longer be listed); a new sort
# (which changes the URL, not the filter) keeps it.
clientside(
    "function(q, b) { return window.dash_clientside.relance.clearSelection('notes-grid'); }",
    Output("bulk-selection-sink", "children"),
    Input(ids.NOTES_FILTER, "data"),
    Input(ids.BULK_BATCH, "data"),
    prevent_initial_call=True,
)


@callback(
    output=outputs(PREVIEW),
    inputs=dict(_click=Input(ids.BULK_PREVIEW, "n_clicks")),
    state=FORM,
    prevent_initial_call=True,
)
def preview_bulk(_click, **bar):
    step = partial(bulk.preview_form, now=clock.now())
    return _on_form(
        PREVIEW, bar, step, lambda previewed, form: _previewed(PREVIEW, previewed, form)
    )


@callback(
    output=outputs(SUBMIT),
    inputs=dict(_click=Input(ids.BULK_SUBMIT, "n_clicks")),
    state=dict(
        **FORM,
        token=State(ids.BULK_PREVIEWED, "data"),
        refresh=State(ids.NOTES_REFRESH, "data"),
    ),
    prevent_initial_call=True,
)
def submit_bulk(_click, token, refresh, **bar):
    """Apply what was previewed, at once; or preview again when the form changed since."""

    def done(outcome, form):
        if isinstance(outcome, bulk.Previewed):
            return _previewed(SUBMIT, outcome, form)
        return _applied(outcome, refresh)

    step = partial(bulk.submit_form, token=token, now=clock.now())
    return _on_form(SUBMIT, bar, step, done)


@callback(
    output=outputs(UNDO),
    inputs=dict(_click=Input(ids.BULK_UNDO, "n_clicks")),
    state=dict(batch=State(ids.BULK_BATCH, "data"), refresh=State(ids.NOTES_REFRESH, "data")),
    prevent_initial_call=True,
)
def undo_bulk(_click, batch, refresh):
    try:
        with bulk.contention_refused(), current_db().session() as s:
            result = bulk.undo(s, current_viewer(), batch, clock.now())
    except bulk.BulkError as refused:
        return shown(UNDO, result=alert(refusal_text(refused), "danger"), undo=HIDDEN)
    except StaleVersion as refused:
        return shown(UNDO, result=alert(refusal_text(refused), "danger"))
    details = _texts(result.messages())
    lines = undo_lines(result.restored, details)
    colour = "warning" if details else "success"
    return shown(UNDO, result=alert(lines, colour), undo=HIDDEN, batch=None, refresh=bump(refresh))
