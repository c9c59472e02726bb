"""Sign-in sessions on the server: open one at sign-in, find its viewer on each request,
end it at sign-out. A cookie replayed after its row is gone opens nothing."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from data.models import UserSession
from data.scope import Viewer, load_viewer

TOKEN_BYTES = 32
TOKEN_MAX_CHARS = 100  # a real token is 43 characters: anything longer is not one of ours


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def open_session(s: Session, user_id: int, now: datetime, lifetime: timedelta) -> str:
    """A new session for `user_id`, valid for `lifetime`; returns the token for the cookie.
    The user's expired sessions are swept on the way."""
    s.execute(
        delete(UserSession).where(UserSession.user_id == user_id, UserSession.expires_at <= now)
    )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    s.add(
        UserSession(
            user_id=user_id, token_hash=_digest(token), created_at=now, expires_at=now + lifetime
        )
    )
    s.flush()
    return token


def session_viewer(s: Session, token: object, now: datetime) -> Viewer | None:
    """The viewer of a live session, or None. An expired session, or one whose user was
    deactivated, is deleted: reactivating the user does not bring it back."""
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX_CHARS:
        return None
    row = s.execute(
        select(UserSession.id, UserSession.user_id, UserSession.expires_at).where(
            UserSession.token_hash == _digest(token)
        )
    ).first()
    if row is None:
        return None
    viewer = load_viewer(s, row.user_id) if row.expires_at > now else None
    if viewer is None:
        s.execute(delete(UserSession).where(UserSession.id == row.id))
    return viewer


def end_session(s: Session, token: object) -> None:
    if isinstance(token, str) and token:
        s.execute(delete(UserSession).where(UserSession.token_hash == _digest(token)))


def end_sessions_of(s: Session, user_id: int) -> int:
    """Ends every session of a user (deactivation, password change); how many there were."""
    return s.execute(delete(UserSession).where(UserSession.user_id == user_id)).rowcount
