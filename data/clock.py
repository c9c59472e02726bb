"""The one clock of the application.

`RELANCE_NOW` (ISO 8601 with an offset) freezes it, for tests and demos.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIME_ZONE = "Europe/Paris"


class ClockError(ValueError):
    pass


def parse_instant(value: str) -> datetime:
    """Parse an ISO 8601 instant that must carry its offset."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ClockError(f"not an ISO 8601 date and time: {value!r}") from exc
    if parsed.tzinfo is None:
        raise ClockError(f"the time has no UTC offset: {value!r}")
    return parsed.astimezone(UTC)


def now() -> datetime:
    """The current instant in UTC, frozen when RELANCE_NOW is set."""
    frozen = os.environ.get("RELANCE_NOW")
    if frozen:
        return parse_instant(frozen)
    return datetime.now(UTC)


def zone(name: str | None) -> ZoneInfo:
    """The viewer's zone; an unknown or empty name falls back to the default zone."""
    try:
        return ZoneInfo(name or DEFAULT_TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)


def start_of_day(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant at which `day` begins in `tz` (DST-safe)."""
    return datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)


def local_day(instant: datetime, tz: ZoneInfo) -> date:
    return instant.astimezone(tz).date()


def day_bounds(instant: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of the calendar day containing `instant` in `tz`, as UTC instants."""
    day = local_day(instant, tz)
    return start_of_day(day, tz), start_of_day(day + timedelta(days=1), tz)


def today_in(time_zone: str | None) -> date:
    """Today's calendar day in a time zone (a viewer's)."""
    return local_day(now(), zone(time_zone))
