"""My day: fills the two lists from the data layer."""

from __future__ import annotations

from dash import Dash, Input, Output, html

from auth import current_db, current_viewer
from components import ids
from components.i18n import _
from components.tasks import task_item
from data import clock
from data.myday import my_day


def _items(tasks, total: int, viewer, empty: str, time_only: bool = False):
    if not tasks:
        return [html.Div(empty, className="list-group-item text-secondary fst-italic")]
    items = [task_item(t, viewer, time_only) for t in tasks]
    if total > len(tasks):
        items.append(
            html.Div(
                _("showing {shown} of {total}", shown=len(tasks), total=total),
                className="list-group-item small text-secondary",
            )
        )
    return items


def _scope_text(viewer) -> str:
    if viewer.is_admin:
        return _("All open tasks, oldest first.")
    if viewer.is_manager:
        return _("Your team's open tasks, oldest first.")
    return _("Your open tasks, oldest first.")


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.MYDAY_GREETING, "children"),
        Output("myday-scope", "children"),
        Output(ids.MYDAY_OVERDUE, "children"),
        Output(ids.MYDAY_OVERDUE_COUNT, "children"),
        Output(ids.MYDAY_TODAY, "children"),
        Output(ids.MYDAY_TODAY_COUNT, "children"),
        Input(ids.URL, "pathname"),
    )
    def show_my_day(_pathname):
        viewer = current_viewer()
        with current_db().session() as s:
            day = my_day(s, viewer, clock.now())
        return (
            _("Hello {name}", name=viewer.name),
            _scope_text(viewer),
            _items(day.overdue, day.overdue_total, viewer, _("Nothing overdue. Well done!")),
            str(day.overdue_total),
            _items(day.today, day.today_total, viewer, _("Nothing else due today."), True),
            str(day.today_total),
        )
