"""The arranged office the browser stories run in, and the Relance server that serves it.

`arrange_office` builds the people, customers and tasks (`Scenario` says what each viewer
should see); `arrange_notes` adds the CRM settings /notes filters on (`NotesSettings`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from dash import Dash
from sqlalchemy import select, update

from app import create_dash
from data import migrate
from data.db import Database
from data.models import Action, Category, Customer, Note, User, Variable, VariableOption
from tests import factories as f


@dataclass
class Person:
    email: str
    name: str
    locale: str


@dataclass
class Scenario:
    """What the arranged database holds, as the stories expect to see it."""

    people: dict[str, Person]
    # note id -> expected state, per viewer and list (the "overdue" and "today" lists)
    overdue: dict[str, dict[int, str]] = field(default_factory=dict)
    today: dict[str, dict[int, str]] = field(default_factory=dict)
    bodies: dict[str, list[str]] = field(default_factory=dict)  # assignee -> task bodies
    hidden: dict[str, list[int]] = field(default_factory=dict)  # note ids a viewer never sees
    xss_note_id: int = 0
    completed_note_id: int = 0
    plain_note_id: int = 0


XSS_BODY = '<img src=x onerror="window.__xss=1">'


def arrange_office(s) -> Scenario:
    """Team Ventes (Marie manages Paul and Lea) and team Export (Omar), their customers and
    tasks around the frozen time."""
    marie = f.user(s, "Marie Manager", role="manager", email="marie@test.relance")
    paul = f.user(s, "Paul Rep", email="paul@test.relance")
    lea = f.user(s, "Lea Rep", email="lea@test.relance", locale="en")
    omar = f.user(s, "Omar Other", email="omar@test.relance")
    f.team(s, "Ventes", managers=[marie], members=[paul, lea])
    f.team(s, "Export", members=[omar])

    bakery = f.customer(s, "Boulangerie Martin", account_rep=paul)
    garage = f.customer(s, "Garage Dupont", account_rep=lea)
    exporter = f.customer(s, "Omar Import-Export", account_rep=omar)

    def task(owner, cust, body, due_in):
        return f.note(s, owner, body, customer=cust, assignee=owner, due_in=due_in).id

    # FIXED_NOW is 10:00 in Paris: "today" ends at 24:00 Paris (+14 h), threshold 15 min.
    paul_overdue = {
        task(paul, bakery, "Paul: relancer le devis de mars", timedelta(days=-2)): "overdue",
        task(paul, bakery, "Paul: rappeler la gérante", timedelta(hours=-1)): "overdue",
    }
    xss = f.note(s, marie, XSS_BODY, customer=bakery, assignee=paul, due_in=timedelta(hours=-3))
    paul_overdue[xss.id] = "overdue"
    paul_today = {
        task(paul, bakery, "Paul: confirmer la livraison", timedelta(minutes=10)): "due_soon",
        task(paul, bakery, "Paul: envoyer le catalogue", timedelta(hours=3)): "today",
    }
    paul_upcoming = task(paul, bakery, "Paul: visite trimestrielle", timedelta(days=2))
    completed = f.note(
        s,
        paul,
        "Paul: facture réglée",
        customer=bakery,
        assignee=paul,
        due_in=timedelta(days=-1),
        completed=True,
    )
    plain = f.note(s, paul, "Paul: la gérante préfère le mardi", customer=bakery)

    lea_overdue = {
        task(lea, garage, "Lea: chase the unpaid invoice", timedelta(days=-1)): "overdue"
    }
    lea_today = {
        task(lea, garage, "Lea: call back the workshop", timedelta(minutes=5)): "due_soon",
        task(lea, garage, "Lea: send the new price list", timedelta(hours=5)): "today",
    }
    lea_upcoming = task(lea, garage, "Lea: quarterly review", timedelta(days=3))

    omar_ids = [
        task(omar, exporter, "Omar: relance douane", timedelta(days=-1)),
        task(omar, exporter, "Omar: appel transitaire", timedelta(minutes=8)),
        task(omar, exporter, "Omar: devis conteneur", timedelta(hours=2)),
        task(omar, exporter, "Omar: salon export", timedelta(days=4)),
    ]

    lea_ids = [*lea_overdue, *lea_today, lea_upcoming]
    paul_ids = [*paul_overdue, *paul_today, paul_upcoming, completed.id, plain.id]
    return Scenario(
        people={
            "marie": Person(marie.email, marie.name, marie.locale),
            "paul": Person(paul.email, paul.name, paul.locale),
            "lea": Person(lea.email, lea.name, lea.locale),
            "omar": Person(omar.email, omar.name, omar.locale),
        },
        overdue={
            "paul": paul_overdue,
            "lea": lea_overdue,
            "marie": {**paul_overdue, **lea_overdue},
        },
        today={
            "paul": paul_today,
            "lea": lea_today,
            "marie": {**paul_today, **lea_today},
        },
        bodies={
            "lea": [
                "Lea: chase the unpaid invoice",
                "Lea: call back the workshop",
                "Lea: send the new price list",
            ],
            "omar": ["Omar: relance douane", "Omar: appel transitaire", "Omar: devis conteneur"],
        },
        hidden={
            "paul": [*lea_ids, *omar_ids],
            "lea": [*paul_ids, *omar_ids],
            "marie": omar_ids,
        },
        xss_note_id=xss.id,
        completed_note_id=completed.id,
        plain_note_id=plain.id,
    )


@dataclass
class NotesSettings:
    """The CRM settings /notes filters on, and the ids the stories need (names -> ids)."""

    users: dict[str, int]
    customers: dict[str, int]
    statuses: dict[str, int]
    actions: dict[str, int]
    categories: dict[str, int]
    options: dict[str, int]  # "Variable · Option" -> option id
    notes: dict[str, int]  # body -> note id
    by_status: dict[str, list[str]]  # status name -> bodies of its notes


# What Marie (manager of Paul and Lea) sees on /notes: by default the 11 notes neither
# completed nor deleted (10 open tasks and a plain note); overdue, Paul's three (one is the
# markup body) and Lea's one.
MARIE_DEFAULT_TOTAL = 11
MARIE_OVERDUE = 4

# Which arranged notes carry which status (the rest have none).
NOTE_STATUSES = {
    "En cours": [
        "Paul: relancer le devis de mars",
        "Paul: envoyer le catalogue",
        "Lea: quarterly review",
    ],
    "Nouveau": ["Paul: visite trimestrielle", "Lea: call back the workshop"],
    "Gagné": ["Paul: facture réglée"],  # completed: never in the default view
}


def arrange_notes(s) -> tuple[Scenario, NotesSettings]:
    """The office plus statuses, actions, categories and variables for /notes."""
    scenario = arrange_office(s)
    statuses = {
        "Nouveau": f.status(s, "Nouveau", background="#0dcaf0", font="#000000").id,
        "En cours": f.status(s, "En cours", background="#fd7e14").id,
        "Gagné": f.status(s, "Gagné", background="#198754").id,
    }
    actions = {}
    for position, name in enumerate(("Appel", "E-mail", "Visite")):
        action = Action(name=name, position=position)
        s.add(action)
        s.flush()
        actions[name] = action.id
    categories = {}
    for position, (name, colour) in enumerate((("Commercial", "#6610f2"), ("SAV", "#d63384"))):
        category = Category(name=name, color=colour, position=position)
        s.add(category)
        s.flush()
        categories[name] = category.id
    options = {}
    for position, (name, labels) in enumerate(
        (("Magasin", ("Alimentation", "Jouets")), ("Classement", ("A", "B", "C")))
    ):
        variable = Variable(name=name, position=position)
        s.add(variable)
        s.flush()
        for rank, label in enumerate(labels):
            option = VariableOption(variable_id=variable.id, label=label, position=rank)
            s.add(option)
            s.flush()
            options[f"{name} · {label}"] = option.id
    for name, bodies in NOTE_STATUSES.items():
        s.execute(update(Note).where(Note.body.in_(bodies)).values(status_id=statuses[name]))
    settings = NotesSettings(
        users=dict(s.execute(select(User.email, User.id)).all()),
        customers=dict(s.execute(select(Customer.name, Customer.id)).all()),
        statuses=statuses,
        actions=actions,
        categories=categories,
        options=options,
        notes=dict(s.execute(select(Note.body, Note.id)).all()),
        by_status=NOTE_STATUSES,
    )
    return scenario, settings


@dataclass
class World:
    """A served Relance app and what its database was arranged to hold."""

    app: Dash
    scenario: Scenario | None = None
    settings: NotesSettings | None = None

    def session(self):
        """A unit of work on the app's own database (committed when the block ends)."""
        return self.app.server.extensions["relance_db"].session()

    def dispose(self) -> None:
        self.app.server.extensions["relance_db"].dispose()


def serve(
    tmp_path,
    monkeypatch,
    arrange: Callable[[object], object] | None = None,
    now: datetime = f.FIXED_NOW,
) -> tuple[Dash, object]:
    """A Relance Dash app at the frozen time `now`, over a fresh, migrated SQLite file
    arranged by `arrange(session)`; returns the app and what `arrange` returned."""
    monkeypatch.setenv("RELANCE_NOW", now.isoformat())
    # Keep the generated key out of instance/: each test gets its own.
    monkeypatch.setenv("SECRET_KEY", os.urandom(16).hex())
    url = f"sqlite:///{tmp_path / 'relance.db'}"
    migrate.upgrade(url)
    arranged = None
    if arrange is not None:
        database = Database(url)
        try:
            with database.session() as s:
                arranged = arrange(s)
        finally:
            database.dispose()
    app = create_dash({"DATABASE_URL": url, "EXPORT_DIR": str(tmp_path / "exports")})
    return app, arranged
