"""Row makers for the demo data: plain tuples, generated from one `random.Random`.

Times are naive UTC datetimes until the loader's `ts` turns them into what the driver
expects. The guaranteed rows of DESIGN.md ("Demo data at any RELANCE_NOW") come first,
with fixed ids, then random rows fill up to the requested count.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from itertools import accumulate
from random import Random

from data.clock import day_bounds, local_day, zone
from data.models import ACTIVITY_KINDS
from demo import text as txt

NOTE_COLUMNS = (
    "id",
    "customer_id",
    "order_id",
    "body",
    "author_id",
    "created_at",
    "updated_at",
    "updated_by_id",
    "status_id",
    "action_id",
    "category_id",
    "due_at",
    "assignee_id",
    "completed_at",
    "completed_by_id",
    "deleted_at",
    "version",
)
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
GUARANTEED_CUSTOMERS = 7  # rep1's customers; the last one is a branch of the first
DAY = 86_400
MINUTE = timedelta(minutes=1)
# Open tasks of the random fill: (due date bucket, weight).
OPEN_BUCKETS = (
    ("overdue_minutes", 3),
    ("overdue_days", 12),
    ("overdue_months", 8),
    ("due_soon", 2),
    ("today", 10),
    ("this_week", 20),
    ("next_week", 12),
    ("later", 15),
    ("no_date", 18),
)
_BUCKET_NAMES = tuple(name for name, _ in OPEN_BUCKETS)
_BUCKET_CUM = tuple(accumulate(w for _, w in OPEN_BUCKETS))

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


class _Filler:
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


class NoteMaker:
    """Note rows (tuples in NOTE_COLUMNS order) and their note_option rows."""

    def __init__(self, rng: Random, world: World, ts: Ts) -> None:
        self.rng, self.world, self.ts, self.clock = rng, world, ts, world.clock
        self.options: list[tuple[int, int, int]] = []
        fill = self.fill = _Filler(rng, world)
        plain = [t for t in txt.CUSTOMER_BODIES if "{order}" not in t]
        self.order_templates = [t for t in txt.CUSTOMER_BODIES if "{order}" in t]
        self.bodies = [fill(rng.choice(plain)) for _ in range(4_000)]
        self.general = [fill(rng.choice(txt.GENERAL_BODIES)) for _ in range(200)]
        self._fixed = self._guaranteed()

    def guaranteed_count(self) -> int:
        return len(self._fixed)

    def take_options(self) -> list[tuple[int, int, int]]:
        taken, self.options = self.options, []
        return taken

    def rows(self, total: int) -> Iterator[tuple]:
        yield from self._fixed
        for nid in range(len(self._fixed) + 1, total + 1):
            yield self.random(nid)

    def row(
        self,
        nid,
        *,
        customer,
        body,
        author,
        created,
        due=None,
        assignee=None,
        completed=None,
        completed_by=None,
        order=None,
        deleted=None,
    ) -> tuple:
        r, w, ts = self.rng, self.world, self.ts
        status = r.choice(w.statuses) if r.random() < 0.85 else None
        action = r.choice(w.actions) if r.random() < 0.85 else None
        category = r.choice(w.categories) if r.random() < 0.8 else None
        for variable, option_ids in w.options:
            if r.random() < 0.6:
                self.options.append((nid, variable, r.choice(option_ids)))
        stamp = ts(created)
        return (
            nid,
            customer,
            order,
            body,
            author,
            stamp,
            stamp,
            None,
            status,
            action,
            category,
            ts(due),
            assignee,
            ts(completed),
            completed_by,
            ts(deleted),
            1,
        )

    def past(self) -> datetime:
        """A creation time in the last two years, recent ones more likely."""
        seconds = min(730 * DAY, int(self.rng.expovariate(1 / (120 * DAY))))
        return self.clock.now - timedelta(seconds=seconds + 3_600)

    def random(self, nid: int) -> tuple:
        r, w, now = self.rng, self.world, self.clock.now
        kind = r.random()
        if kind < 0.03:  # general note: no customer
            return self.row(
                nid,
                customer=None,
                body=r.choice(self.general),
                author=r.choice(w.users),
                created=self.past(),
            )
        index = r.randrange(len(w.customers))
        customer, account_rep = w.customers[index]
        order, number, body = None, None, None
        if w.orders[index] and r.random() < 0.15:
            order, number = r.choice(w.orders[index])
            body = r.choice(self.order_templates).format(order=number)
        if r.random() < 0.004:  # a body a spreadsheet would read as a formula
            body = self.fill(r.choice(txt.FORMULA_BODIES), order=number)
        body = body or r.choice(self.bodies)
        if kind < 0.20:  # plain note: no assignee
            return self.row(
                nid,
                customer=customer,
                order=order,
                body=body,
                author=r.choice(w.users),
                created=self.past(),
            )
        assignee = w.random_assignee(r, account_rep)
        author = assignee if r.random() < 0.5 else r.choice(w.users)
        if kind < 0.52:  # completed task
            created = self.past()
            age = int((now - created).total_seconds())
            done = created + timedelta(seconds=r.randint(600, min(age - 60, 45 * DAY)))
            due = created + timedelta(hours=r.randint(1, 720)) if r.random() < 0.85 else None
            closer = assignee if r.random() < 0.9 else w.manager
            return self.row(
                nid,
                customer=customer,
                order=order,
                body=body,
                author=author,
                created=created,
                due=due,
                assignee=assignee,
                completed=done,
                completed_by=closer,
            )
        due = self.open_due()
        start = due if due is not None and due < now else now
        created = start - timedelta(minutes=r.randint(10, 45 * 24 * 60))
        deleted = created + (now - created) / 2 if r.random() < 0.003 else None
        return self.row(
            nid,
            customer=customer,
            order=order,
            body=body,
            author=author,
            created=created,
            due=due,
            assignee=assignee,
            deleted=deleted,
        )

    def open_due(self) -> datetime | None:
        r, c = self.rng, self.clock
        bucket = _BUCKET_NAMES[bisect(_BUCKET_CUM, r.random() * _BUCKET_CUM[-1])]
        work = r.randrange(96, 217) * 5  # 08:00–18:00 local, every 5 minutes
        if bucket == "today":
            room = int((c.today_end - c.soon_until).total_seconds())
            if room > 60:
                return c.soon_until + timedelta(seconds=r.randrange(room))
            bucket = "this_week"  # late evening: nothing left of today past the threshold
        if bucket == "overdue_minutes":
            return c.now - timedelta(minutes=r.randint(1, 240))
        if bucket == "due_soon":
            return c.now + timedelta(
                seconds=r.randint(30, int((c.soon_until - c.now).seconds) - 30)
            )
        days = {
            "overdue_days": (-30, -1),
            "overdue_months": (-365, -31),
            "this_week": (1, 6),
            "next_week": (7, 14),
            "later": (15, 180),
        }.get(bucket)
        return None if days is None else c.at(r.randint(*days), work)

    def _guaranteed(self) -> list[tuple]:
        """rep1's tasks in every state, completed tasks, plain and general notes, formulas."""
        r, w, c = self.rng, self.world, self.clock
        now, rep1 = c.now, w.rep1
        mine = [cid for cid, _ in w.customers[:GUARANTEED_CUSTOMERS]]
        other = w.customers[GUARANTEED_CUSTOMERS][0]
        order_id, order_no = w.orders[0][0]
        formula = [t.format(order=order_no, prenom="Claire") for t in txt.FORMULA_BODIES]
        soon = now + min(timedelta(minutes=5), (c.today_end - now) / 2)
        if c.today_end - c.soon_until >= 2 * MINUTE:
            today = c.soon_until + min(timedelta(hours=2), (c.today_end - c.soon_until) / 2)
        else:
            # Edge: from about 23:43 local every instant left of today is within the
            # threshold, so "today but not due soon" cannot exist; keep the task on today's
            # calendar day (it counts in "Today" and shows as due soon).
            today = now + (c.today_end - now) / 2
        next_week = 7 - c.today.weekday() + 1  # Tuesday of next week
        open_tasks = [
            ("Rappeler M. Dupont au sujet du devis 2024-118", now - 20 * MINUTE, mine[0]),
            ("Relancer le devis 2024-087, sans réponse depuis une semaine", c.at(-3, 840), mine[1]),
            (f"Relancer le paiement de la commande {order_no}", c.at(-62, 600), mine[0]),
            ("Envoyer le catalogue printemps à Mme Garnier", soon, mine[2]),
            ("Confirmer le rendez-vous de demain avec Sophie Morel", today, mine[3]),
            ("Présenter les nouveautés bio lors de la visite", c.at(1, 570), mine[4]),
            ("Demande de devis pour 200 unités premium", c.at(2, 840), mine[5]),
            ("Point trimestriel avec le responsable achats", c.at(next_week, 600), mine[6]),
            (
                "Proposer la remise fidélité de 10 % sur la prochaine commande",
                c.at(40, 660),
                mine[1],
            ),
            ("Mettre à jour les coordonnées de facturation", None, mine[2]),
            ("Prospect rencontré au salon, prendre rendez-vous", None, mine[3]),
            (formula[0], c.at(5, 540), mine[0]),
            (formula[2], None, mine[4]),
        ]
        if now - c.today_start >= 2 * MINUTE:  # overdue earlier today
            earlier = max(c.today_start + (now - c.today_start) / 2, now - timedelta(hours=2))
            open_tasks.append(("Appeler Mme Roux pour la livraison de ce matin", earlier, mine[5]))
        specs = []
        for body, due, customer in open_tasks:
            start = due if due is not None and due < now else now
            order = order_id if order_no in body else None
            specs.append(
                dict(
                    customer=customer,
                    body=body,
                    author=rep1,
                    assignee=rep1,
                    due=due,
                    order=order,
                    created=start - timedelta(hours=r.randint(2, 240)),
                )
            )
        completions = [
            ("Envoyer les conditions générales de vente mises à jour", c.at(-1, 960), rep1),
            ("Vérifier le stock avant de confirmer la commande", now - 8 * timedelta(days=1), rep1),
            (
                "Confirmer la livraison du lundi",
                now - min(30 * MINUTE, (now - c.today_start) / 2),
                w.manager,
            ),
        ]
        for body, done, closer in completions:
            created = done - timedelta(days=r.randint(1, 10))
            specs.append(
                dict(
                    customer=mine[1],
                    body=body,
                    author=rep1,
                    assignee=rep1,
                    due=done,
                    created=created,
                    completed=done,
                    completed_by=closer,
                )
            )
        week_ago = now - timedelta(days=7)
        plain = [
            (formula[1], mine[0], order_id, rep1),
            (formula[3], mine[1], None, w.manager),
            ("Client intéressé par la gamme éco, envoyer un échantillon", mine[2], None, rep1),
            (
                "Le client a changé d'interlocuteur : Julien Faure remplace l'acheteur",
                mine[6],
                None,
                rep1,
            ),
            ("Réunion d'équipe : objectifs du trimestre", None, None, w.manager),
            ("Nouveaux tarifs transport applicables le 1er du mois", None, None, w.admin),
        ]
        for body, customer, order, author in plain:
            specs.append(
                dict(
                    customer=customer,
                    body=body,
                    author=author,
                    order=order,
                    created=week_ago + timedelta(hours=r.randint(0, 160)),
                )
            )
        specs.append(
            dict(
                customer=None,
                body="Formation CRM pour les nouveaux commerciaux",
                author=w.manager,
                assignee=rep1,
                due=c.at(3, 900),
                created=week_ago,
            )
        )
        specs.append(
            dict(
                customer=other,
                body="Valider les remises du trimestre",
                author=w.admin,
                assignee=w.manager,
                due=c.at(-1, 900),
                created=week_ago,
            )
        )
        return [self.row(nid, **spec) for nid, spec in enumerate(specs, 1)]


class ActivityMaker:
    """Incoming activities (tuples in ACTIVITY_COLUMNS order); about 30 % still open."""

    def __init__(self, rng: Random, world: World, ts: Ts, note_count: int) -> None:
        self.rng, self.world, self.ts, self.clock = rng, world, ts, world.clock
        self.note_count = max(note_count, 1)
        fill = _Filler(rng, world)
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
