"""A user's own settings: time zone, planned threshold, counter mode, language."""

from __future__ import annotations

from zoneinfo import available_timezones

from sqlalchemy import update
from sqlalchemy.orm import Session

from data.errors import InvalidInput, Message, _msg
from data.models import COUNTER_MODES, LOCALES, User
from data.scope import Viewer

MIN_THRESHOLD, MAX_THRESHOLD = 1, 1440


def time_zones() -> list[str]:
    return sorted(available_timezones())


def update_preferences(
    s: Session,
    viewer: Viewer,
    *,
    time_zone: object,
    threshold: object,
    counter_mode: object,
    locale: object,
) -> None:
    """Check every field, then save them all in one UPDATE of the viewer's own row."""
    errors: dict[str, Message] = {}
    zone_name = str(time_zone or "").strip()
    if zone_name not in available_timezones():
        errors["time_zone"] = _msg("Unknown time zone: {value}", value=zone_name[:60] or "—")
    minutes = None
    text = str(threshold if threshold is not None else "").strip()
    if text.isdigit() and MIN_THRESHOLD <= int(text) <= MAX_THRESHOLD:
        minutes = int(text)
    else:
        errors["threshold"] = _msg(
            "The planned threshold is a whole number of minutes from {low} to {high}.",
            low=MIN_THRESHOLD,
            high=MAX_THRESHOLD,
        )
    if counter_mode not in COUNTER_MODES:
        errors["counter_mode"] = _msg("Choose a counter mode.")
    if locale not in LOCALES:
        errors["locale"] = _msg("Choose a language.")
    if errors:
        raise InvalidInput(errors)
    s.execute(
        update(User)
        .where(User.id == viewer.id)
        .values(
            time_zone=zone_name,
            planned_threshold_minutes=minutes,
            counter_mode=counter_mode,
            locale=locale,
        )
        .execution_options(synchronize_session=False)
    )


# The parts of screens a user may fold away; each user's choice is kept until they change it.
FOLDABLE = ("notes-filters", "notes-bulk", "notes-overdue")


def save_folded(s: Session, viewer: Viewer, panels: object) -> tuple[str, ...]:
    """Keep which parts the viewer folded (known names only, in FOLDABLE order) in their own
    row; what was kept."""
    if not isinstance(panels, list | tuple) or not all(p in FOLDABLE for p in panels):
        raise InvalidInput({"folded_panels": _msg("Unknown part of the screen.")})
    folded = tuple(p for p in FOLDABLE if p in panels)
    s.execute(
        update(User)
        .where(User.id == viewer.id)
        .values(folded_panels=",".join(folded))
        .execution_options(synchronize_session=False)
    )
    return folded
