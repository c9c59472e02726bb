"""Note rows of the demo: rep1's guaranteed tasks and notes, then a random fill."""

from __future__ import annotations

from bisect import bisect
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import accumulate
from random import Random

from demo import text as txt
from demo.world import DAY, GUARANTEED_CUSTOMERS, MINUTE, Filler, Ts, World

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


class NoteMaker:
    """Note rows (tuples in NOTE_COLUMNS order) and their note_option rows."""

    def __init__(self, rng: Random, world: World, ts: Ts) -> None:
        self.rng, self.world, self.ts, self.clock = rng, world, ts, world.clock
        self.options: list[tuple[int, int, int]] = []
        fill = self.fill = Filler(rng, world)
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
        task = dict(customer=customer, order=order, body=body, author=author, assignee=assignee)
        if kind < 0.52:  # completed task
            created = self.past()
            age = int((now - created).total_seconds())
            done = created + timedelta(seconds=r.randint(600, min(age - 60, 45 * DAY)))
            due = created + timedelta(hours=r.randint(1, 720)) if r.random() < 0.85 else None
            closer = assignee if r.random() < 0.9 else w.manager
            return self.row(
                nid, **task, created=created, due=due, completed=done, completed_by=closer
            )
        due = self.open_due()
        start = due if due is not None and due < now else now
        created = start - timedelta(minutes=r.randint(10, 45 * 24 * 60))
        deleted = created + (now - created) / 2 if r.random() < 0.003 else None
        return self.row(nid, **task, created=created, due=due, deleted=deleted)

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
