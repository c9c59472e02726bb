"""Activity rows of the demo (calls, e-mails, chats, payments, comments); about 30 % open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from random import Random

from data.models import ACTIVITY_KINDS
from demo import text as txt
from demo.world import DAY, MINUTE, Filler, Ts, World

ACTIVITY_COLUMNS = (
    "id",
    "kind",
    "customer_id",
    "order_id",
    "note_id",
    "responsible_id",
    "received_at",
    "subject",
    "closed_at",
    "closed_by_id",
)


class ActivityMaker:
    """Incoming activities (tuples in ACTIVITY_COLUMNS order); about 30 % still open."""

    def __init__(self, rng: Random, world: World, ts: Ts, note_count: int) -> None:
        self.rng, self.world, self.ts, self.clock = rng, world, ts, world.clock
        self.note_count = max(note_count, 1)
        fill = Filler(rng, world)
        self.subjects = {
            kind: [fill(rng.choice(txt.ACTIVITY_SUBJECTS[kind])) for _ in range(100)]
            for kind in ACTIVITY_KINDS
        }
        self._fixed = self._guaranteed()

    def guaranteed_count(self) -> int:
        return len(self._fixed)

    def rows(self, total: int) -> Iterator[tuple]:
        yield from self._fixed
        for aid in range(len(self._fixed) + 1, total + 1):
            yield self.random(aid)

    def row(
        self,
        aid,
        kind,
        customer,
        responsible,
        received,
        *,
        order=None,
        note=None,
        subject=None,
        closed=None,
    ) -> tuple:
        subject = subject or self.rng.choice(self.subjects[kind])
        closer = responsible if closed is not None else None
        return (
            aid,
            kind,
            customer,
            order,
            note,
            responsible,
            self.ts(received),
            subject,
            self.ts(closed),
            closer,
        )

    def _guaranteed(self) -> list[tuple]:
        """rep1 has an open activity of every kind, two received today when possible."""
        w, c = self.world, self.clock
        now, rep1 = c.now, w.rep1
        since_midnight = now - c.today_start
        first, second = w.customers[0][0], w.customers[1][0]
        order_id, order_no = w.orders[0][0]
        specs = [
            ("incoming_call", first, now - min(30 * MINUTE, since_midnight / 2), {}),
            ("missed_call", second, now - min(timedelta(hours=3), since_midnight / 3), {}),
            ("email", second, now - timedelta(hours=26), {}),
            ("chat", first, now - min(10 * MINUTE, since_midnight / 4), {}),
            (
                "order_payment",
                first,
                c.at(-2, 660),
                {"order": order_id, "subject": f"Paiement reçu pour la commande {order_no}"},
            ),
            ("comment", first, now - timedelta(hours=5), {"note": 1}),
            ("email", first, now - timedelta(days=3), {"closed": now - timedelta(days=2)}),
            (
                "incoming_call",
                second,
                now - timedelta(days=1),
                {"closed": now - timedelta(hours=20)},
            ),
        ]
        rows = [
            self.row(aid, k, cu, rep1, at, **kw) for aid, (k, cu, at, kw) in enumerate(specs, 1)
        ]
        manager_call = self.row(len(rows) + 1, "missed_call", None, w.manager, now - 4 * MINUTE)
        return [*rows, manager_call]

    def random(self, aid: int) -> tuple:
        r, w, c = self.rng, self.world, self.clock
        kind = r.choice(ACTIVITY_KINDS)
        index = r.randrange(len(w.customers))
        customer, account_rep = w.customers[index]
        if kind in ("incoming_call", "missed_call") and r.random() < 0.05:
            customer, account_rep = None, None  # unknown caller
        responsible = w.random_assignee(r, account_rep)
        since_midnight = int((c.now - c.today_start).total_seconds())
        if since_midnight > 60 and r.random() < 0.1:
            age = r.randint(1, since_midnight)  # received today
        else:
            age = min(365 * DAY, int(r.expovariate(1 / (20 * DAY)))) + 60
        received = c.now - timedelta(seconds=age)
        order = note = subject = None
        if kind == "order_payment" and customer is not None and w.orders[index]:
            order, number = r.choice(w.orders[index])
            subject = f"Paiement reçu pour la commande {number}"
        elif kind == "comment":
            note = r.randint(1, self.note_count)
        closed = None
        if r.random() >= 0.3:
            closed = received + timedelta(seconds=r.randint(1, min(age, 3 * DAY)))
        return self.row(
            aid,
            kind,
            customer,
            responsible,
            received,
            order=order,
            note=note,
            subject=subject,
            closed=closed,
        )
