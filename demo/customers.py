"""Customer and order rows of the demo: French companies, their branches and orders."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import timedelta
from random import Random

from demo import text as txt
from demo.world import DAY, GUARANTEED_CUSTOMERS, Ts, World


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())


def customer_rows(rng: Random, world: World, count: int) -> Iterator[tuple]:
    """Companies with French names and cities; about 10 % are branches of a main customer."""
    mains: list[int] = []  # indexes of main customers
    names: list[str] = []
    for index in range(count):
        cid = index + 1
        city, postal, country = _city(rng)
        name = rng.choice(txt.COMPANY_PATTERNS).format(
            trade=rng.choice(txt.TRADES),
            name=rng.choice(txt.LAST_NAMES),
            place=rng.choice(txt.PLACES),
            form=rng.choice(txt.LEGAL_FORMS),
        )
        parent = None
        if index == GUARANTEED_CUSTOMERS - 1:
            parent = 0
        elif index >= GUARANTEED_CUSTOMERS and mains and rng.random() < 0.1:
            parent = rng.choice(mains)
        if parent is not None:
            name = f"{names[parent]} – {city}"
        if index < GUARANTEED_CUSTOMERS:
            rep = world.rep1
        elif parent is not None and rng.random() < 0.8:
            rep = world.customers[parent][1]
        else:
            rep = rng.choice(world.reps) if rng.random() < 0.95 else None
        domain = _slug(names[parent] if parent is not None else name)
        email = f"{rng.choice(txt.EMAIL_BOXES)}@{domain}.{country.lower()}"
        status = rng.choice(world.statuses) if rng.random() < 0.9 else None
        names.append(name)
        if parent is None:
            mains.append(index)
        world.customers.append((cid, rep))
        parent_id = None if parent is None else parent + 1
        yield (cid, name, f"C{cid:06d}", country, postal, city, email, parent_id, rep, status)


def _city(rng: Random) -> tuple[str, str, str]:
    if rng.random() < 0.08:
        return rng.choice(txt.FOREIGN_CITIES)
    city, postal, country = rng.choice(txt.CITIES)
    if postal in txt.ARRONDISSEMENTS:
        postal = f"{postal}{rng.randint(1, txt.ARRONDISSEMENTS[postal]):02d}"
    return city, postal, country


def order_rows(rng: Random, world: World, ts: Ts) -> Iterator[tuple]:
    """A few orders per customer, placed in the last two years; numbers are unique."""
    now = world.clock.now
    oid = 0
    for index, (cid, _rep) in enumerate(world.customers):
        count = rng.randint(0, 5)
        if index < GUARANTEED_CUSTOMERS:
            count = max(count, 2)
        mine = []
        for _ in range(count):
            oid += 1
            placed = now - timedelta(seconds=rng.randint(3_600, 730 * DAY))
            number = f"CMD-{placed.year}-{oid:06d}"
            cents = rng.randint(2_000, 2_500_000)
            state = "open" if now - placed < timedelta(days=7) else rng.choice(txt.ORDER_STATES)
            mine.append((oid, number))
            yield (oid, number, cid, ts(placed), f"{cents // 100}.{cents % 100:02d}", state)
        world.orders.append(mine)
