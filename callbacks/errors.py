"""What the user reads when a callback fails for a reason that is not theirs: a database that
could not be reached or dropped the connection says so above the page ("nothing was changed":
the transaction was rolled back). Anything else stays an error for web/errors.py."""

from __future__ import annotations

from dash import set_props

from callbacks.common import alert
from callbacks.refusals import refusal_text
from components import ids
from data.db import is_lost
from data.errors import Unavailable


def on_callback_error(error: Exception) -> None:
    """The Dash app's `on_error`: returning None leaves every output as it was."""
    if not is_lost(error):
        raise error
    notice = alert(refusal_text(Unavailable()), "danger")
    notice.dismissable = True
    set_props(ids.APP_NOTICE, {"children": notice})
