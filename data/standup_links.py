"""Signed read-only TV links to a team's /standup: make, list, revoke, verify.

A TV link is a `StandupLink` row named by a signed token {"id", "n": nonce}. The signature
alone never opens anything: `verify_token` also reads the row, on every request, so an
expired or revoked link stops at the TV's next refresh.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import and_, exists, insert, or_, select, update
from sqlalchemy.orm import Session

from data import audit
from data.errors import UNREADABLE_TEXT, InvalidInput, NotAllowed, _msg, _nmsg
from data.models import StandupLink, Team, User, team_manager
from data.scope import Viewer
from data.standup import choose_team
from data.types import as_id, as_text

TOKEN_SALT = "relance-standup"  # noqa: S105 (a namespace for the signature, not a secret)
TOKEN_MAX_CHARS = 200  # a real token is about 70 characters
EXPIRY_DAYS = (1, 7, 30, 90)
DEFAULT_EXPIRY_DAYS = 30
LABEL_MAX_CHARS = 80
# What a TV shows when its link no longer opens the stand-up (forged, expired, revoked).
LINK_ENDED = _msg("This stand-up link is no longer valid.")


@dataclass(frozen=True)
class LinkAccess:
    """What a valid token opens: one team, shown in its creator's language and zone."""

    link_id: int
    team_id: int
    team_name: str
    locale: str
    time_zone: str


@dataclass(frozen=True)
class LinkInfo:
    id: int
    team_id: int
    label: str
    created_by: str
    created_at: datetime
    expires_at: datetime
    token: str


def _serializer(secret: str | bytes) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=TOKEN_SALT)


def sign_token(secret: str | bytes, link_id: int, nonce: str) -> str:
    return _serializer(secret).dumps({"id": link_id, "n": nonce})


def read_token(secret: str | bytes, token: object) -> tuple[int, str] | None:
    """(link id, nonce) when the signature is valid and the payload has the right shape."""
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX_CHARS:
        return None
    try:
        payload = _serializer(secret).loads(token)
    except BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    link_id, nonce = payload.get("id"), payload.get("n")
    if type(link_id) is not int or not isinstance(nonce, str):
        return None
    return link_id, nonce


def _creator_still_allowed():
    """The link's creator is active and still an admin or a manager of the team: a link
    never outlives the authority of the person who made it."""
    manages = exists().where(
        team_manager.c.team_id == StandupLink.team_id,
        team_manager.c.user_id == StandupLink.created_by_id,
    )
    return and_(User.active.is_(True), or_(User.role == "admin", manages))


def verify_token(s: Session, secret: str | bytes, token: object, now: datetime):
    """The LinkAccess of a valid token, or None: the signature, then the row (exists, same
    nonce, not revoked, not expired, its creator still allowed), in one read."""
    parsed = read_token(secret, token)
    if parsed is None:
        return None
    link_id, nonce = parsed
    row = s.execute(
        select(StandupLink.id, StandupLink.team_id, Team.name, User.locale, User.time_zone)
        .join(Team, Team.id == StandupLink.team_id)
        .join(User, User.id == StandupLink.created_by_id)
        .where(
            StandupLink.id == link_id,
            StandupLink.nonce == nonce,
            StandupLink.revoked_at.is_(None),
            StandupLink.expires_at > now,
            _creator_still_allowed(),
        )
    ).first()
    return LinkAccess(*row) if row else None


def _may_manage(s: Session, actor: Viewer, team_id: object) -> int:
    """The team id when the actor may make and revoke its links; NotAllowed otherwise."""
    if not (actor.is_admin or actor.is_manager):
        raise NotAllowed()
    return choose_team(s, actor, team_id if team_id not in (None, "") else -1)


def clean_label(label: object) -> str:
    if label is not None and as_text(label) is None:
        raise InvalidInput({"label": UNREADABLE_TEXT})
    text = " ".join((label or "").split())
    if len(text) > LABEL_MAX_CHARS:
        raise InvalidInput(
            {
                "label": _nmsg(
                    "The label is longer than {n} character.",
                    "The label is longer than {n} characters.",
                    LABEL_MAX_CHARS,
                )
            }
        )
    if "<" in text or ">" in text:
        raise InvalidInput({"label": _msg("The label cannot contain < or >.")})
    return text


def create_link(
    s: Session,
    actor: Viewer,
    secret: str | bytes,
    team_id: object,
    days: object,
    label: object,
    now: datetime,
) -> LinkInfo:
    """A new TV link for a team the actor manages (an admin: any team), audited."""
    team = _may_manage(s, actor, team_id)
    valid_days = as_id(days)
    if valid_days not in EXPIRY_DAYS:
        raise InvalidInput({"days": _msg("Choose how long the link works.")})
    text = clean_label(label)
    nonce = secrets.token_hex(16)
    expires_at = now + timedelta(days=valid_days)
    link_id = s.execute(
        insert(StandupLink)
        .values(
            team_id=team,
            created_by_id=actor.id,
            label=text,
            nonce=nonce,
            created_at=now,
            expires_at=expires_at,
        )
        .returning(StandupLink.id)
    ).scalar_one()
    after = {"team_id": team, "label": text, "expires_at": expires_at.isoformat()}
    audit.record(s, actor.id, "standup_link.create", ("standup_link", link_id), now, after=after)
    token = sign_token(secret, link_id, nonce)
    return LinkInfo(link_id, team, text, actor.name, now, expires_at, token)


def active_links(
    s: Session, actor: Viewer, secret: str | bytes, team_id: object, now: datetime
) -> list[LinkInfo]:
    """The team's links that still work (not revoked, not expired), newest first."""
    team = _may_manage(s, actor, team_id)
    rows = s.execute(
        select(
            StandupLink.id,
            StandupLink.team_id,
            StandupLink.label,
            User.name,
            StandupLink.created_at,
            StandupLink.expires_at,
            StandupLink.nonce,
        )
        .join(User, User.id == StandupLink.created_by_id)
        .where(
            StandupLink.team_id == team,
            StandupLink.revoked_at.is_(None),
            StandupLink.expires_at > now,
        )
        .order_by(StandupLink.created_at.desc(), StandupLink.id.desc())
    ).all()
    return [LinkInfo(*row[:6], sign_token(secret, row[0], row[6])) for row in rows]


def revoke_link(s: Session, actor: Viewer, link_id: object, now: datetime) -> int:
    """Revoke a link of a team the actor manages, audited; returns its team id."""
    wanted = as_id(link_id)
    if wanted is None:
        raise NotAllowed()
    row = s.execute(
        select(StandupLink.team_id, StandupLink.revoked_at, StandupLink.label).where(
            StandupLink.id == wanted
        )
    ).first()
    if row is None:
        raise NotAllowed()
    team = _may_manage(s, actor, row[0])
    if row[1] is not None:
        raise InvalidInput({"link": _msg("This link was revoked already.")})
    s.execute(
        update(StandupLink)
        .where(StandupLink.id == wanted, StandupLink.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    revoked = {"revoked_at": now.isoformat()}
    audit.record(s, actor.id, "standup_link.revoke", ("standup_link", wanted), now, after=revoked)
    return team
