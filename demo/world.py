"""The demo's shared state: its clock (now and the viewer's day, as naive UTC) and its world
(the ids of users, settings, customers and orders that every row maker draws from).

Times are naive UTC datetimes until the loader's `ts` turns them into what the driver
expects. The guaranteed rows of DESIGN.md ("Demo data at any RELANCE_NOW") come first,
with fixed ids, then random rows fill up to the requested count.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from random import Random

from data.clock import day_bounds, local_day, zone
from demo import text as txt

GUARANTEED_CUSTOMERS = 7  # rep1's customers; the last one is a branch of the first
DAY = 86_400
MINUTE = timedelta(minutes=1)

Ts = Callable[[datetime | None], object]


def _naive_utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(tzinfo=None)


class Clock:
    """`now` and the viewer's day boundaries, as naive UTC datetimes."""

    def __init__(self, now: datetime, time_zone: str, threshold_minutes: int) -> None:
        self.tz = zone(time_zone)
        self.now = _naive_utc(now)
        start, end = day_bounds(now, self.tz)
        self.today_start, self.today_end = _naive_utc(start), _naive_utc(end)
        self.soon_until = self.now + timedelta(minutes=threshold_minutes)
        self.today = local_day(now, self.tz)
        self._bases: dict[int, datetime] = {}

    def at(self, days: int, minutes: int) -> datetime:
        """Local wall-clock time `minutes` after midnight, `days` after today (03:00–24:00).

        Counted from local noon, so it is exact after the 02:00–03:00 DST switch.
        """
        base = self._bases.get(days)
        if base is None:
            noon = datetime.combine(self.today + timedelta(days=days), time(12), tzinfo=self.tz)
            base = self._bases[days] = _naive_utc(noon) - timedelta(hours=12)
        return base + timedelta(minutes=minutes)


class World:
    """Ids shared by the makers: users, settings, customers and their orders."""

    def __init__(self, clock: Clock, reps: int) -> None:
        self.clock = clock
        self.admin, self.manager = 1, 2
        self.reps = tuple(range(3, 3 + reps))
        self.rep1 = self.reps[0]
        self.users = (self.admin, self.manager, *self.reps)
        self.customers: list[tuple[int, int | None]] = []  # (id, account rep id)
        self.orders: list[list[tuple[int, str]]] = []  # per customer: (id, number)
        self.statuses: list[int] = []
        self.actions: list[int] = []
        self.categories: list[int] = []
        self.options: list[tuple[int, tuple[int, ...]]] = []  # (variable id, option ids)

    def user_list(self) -> list[tuple[int, str, str, str]]:
        users = [(self.admin, *txt.ADMIN, "admin"), (self.manager, *txt.MANAGER, "manager")]
        for number, uid in enumerate(self.reps, 1):
            users.append((uid, f"rep{number}@demo.relance", _rep_name(number), "rep"))
        return users

    def set_settings(self, *, statuses, actions, categories, options) -> None:
        self.statuses, self.actions, self.categories = statuses, actions, categories
        self.options = options

    def random_assignee(self, rng: Random, account_rep: int | None) -> int:
        if account_rep is not None and rng.random() < 0.7:
            return account_rep
        return rng.choice(self.reps) if rng.random() < 0.92 else self.manager


def _rep_name(number: int) -> str:
    if number <= len(txt.REP_NAMES):
        return txt.REP_NAMES[number - 1]
    first = txt.FIRST_NAMES[number % len(txt.FIRST_NAMES)]
    return f"{first} {txt.LAST_NAMES[(number * 7) % len(txt.LAST_NAMES)]}"


class Filler:
    """Fills the placeholders of the body and subject templates."""

    def __init__(self, rng: Random, world: World) -> None:
        self.rng = rng
        self.numbers = [number for orders in world.orders for _, number in orders]

    def __call__(self, template: str, order: str | None = None) -> str:
        r = self.rng
        return template.format(
            civ=r.choice(("M.", "Mme")),
            nom=r.choice(txt.LAST_NAMES),
            prenom=r.choice(txt.FIRST_NAMES),
            devis=f"{r.randint(2024, 2026)}-{r.randint(1, 400):03d}",
            pct=r.choice((5, 8, 10, 12, 15)),
            jour=r.choice(txt.DAYS),
            produit=r.choice(txt.PRODUCTS),
            order=order or (r.choice(self.numbers) if self.numbers else "CMD-2025-000001"),
        )
