"""Users: password hashing (argon2id), creation and sign-in checks."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.clock import now, zone
from data.errors import InvalidInput, _msg, _nmsg
from data.models import LOCALES, ROLES, Team, User

MIN_PASSWORD_CHARS = 4
_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so that both failures take the same time.
_DUMMY_HASH = _hasher.hash("relance-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def authenticate(s: Session, email: str, password: str) -> User | None:
    """The active user with these credentials, or None (whatever the reason)."""
    user = s.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    return user


def create_user(
    s: Session,
    email: str,
    name: str,
    role: str,
    password: str,
    team: str | None = None,
    *,
    time_zone: str = "Europe/Paris",
    locale: str = "fr",
) -> User:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise InvalidInput({"email": _msg("not an e-mail address: {email}", email=repr(email))})
    if role not in ROLES:
        raise InvalidInput({"role": _msg("role must be one of {roles}", roles=", ".join(ROLES))})
    if not name.strip():
        raise InvalidInput({"name": _msg("the name is required")})
    if len(password) < MIN_PASSWORD_CHARS:
        too_short = _nmsg(
            "the password must have at least {n} character",
            "the password must have at least {n} characters",
            MIN_PASSWORD_CHARS,
        )
        raise InvalidInput({"password": too_short})
    if locale not in LOCALES:
        raise InvalidInput(
            {"locale": _msg("locale must be one of {locales}", locales=", ".join(LOCALES))}
        )
    if zone(time_zone).key != time_zone:
        raise InvalidInput({"time_zone": _msg("unknown time zone: {zone}", zone=time_zone)})
    if s.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        raise InvalidInput(
            {"email": _msg("a user with the e-mail {email} exists already", email=email)}
        )
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        password_hash=hash_password(password),
        created_at=now(),
        time_zone=time_zone,
        locale=locale,
        planned_threshold_minutes=15,
        counter_mode="activity",
        active=True,
    )
    s.add(user)
    if team:
        found = s.scalar(select(Team).where(Team.name == team))
        if found is None:
            found = Team(name=team)
            s.add(found)
        found.members.append(user)
        if role == "manager":
            found.managers.append(user)
    s.flush()
    return user
