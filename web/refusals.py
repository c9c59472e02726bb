"""What a route answers when data/ refuses (data/errors.py): a status code and the messages
as plain text, in the viewer's language."""

from __future__ import annotations

from flask import Response

from data.errors import NotAllowed, Refusal, StaleVersion, Unavailable
from web.context import PRIVATE_HEADERS, request_locale


def status_of(refusal: Refusal) -> int:
    if isinstance(refusal, NotAllowed):
        return 403
    if isinstance(refusal, StaleVersion):
        return 409
    if isinstance(refusal, Unavailable):
        return 503
    return 400


def plain(refusal: Refusal) -> Response:
    """The refusal as a plain-text answer; nothing was changed."""
    text = refusal.text(request_locale()) + "\n"
    return Response(text, status=status_of(refusal), mimetype="text/plain", headers=PRIVATE_HEADERS)
