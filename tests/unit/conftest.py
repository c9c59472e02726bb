"""Fixtures shared by the unit tests' modules (the database ones are in tests/conftest.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert

from data.models import Action, Category, Variable, VariableOption, note_option
from tests import factories as f
from tests import world as w
from tests.conftest import require_postgres, reset_postgres
from tests.factories import FIXED_NOW
from tests.unit.export_world import world  # noqa: F401 (a fixture of the export tests)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world_site(request, tmp_path_factory):
    """tests/world.py's two teams in a database of the module's own, and an app over it:
    (db, world, server). Tests that write must expect the changes of the previous ones."""
    from app import create_app
    from data.db import Database
    from data.models import Base

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('world') / 'world.db'}"
    else:
        url = require_postgres()
        reset_postgres(url)
    db = Database(url)
    Base.metadata.create_all(db.engine)
    built = w.build(db)
    server = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": w.SECRET})
    yield db, built, server
    server.extensions["relance_db"].dispose()
    db.dispose()


@pytest.fixture
def notes_world(db):
    """Team Ventes (Marie manages Paul and Lea), statuses, actions, a category, variables and
    notes of every kind for the /notes listing and its exports: (db, note ids, other ids)."""
    with db.session() as s:
        admin, paul, lea, marie = f.people(s, "admin", "paul", "lea", "marie")
        f.team(s, "Ventes", managers=[marie], members=[paul, lea])
        new = f.status(s, "Nouveau")
        won = f.status(s, "Gagné")
        call = Action(name="Appeler", position=1)
        mail_ = Action(name="E-mail", position=2)
        cat = Category(name="Devis", color="#ff0000", position=1)
        store = Variable(name="Magasin", position=1)
        rank = Variable(name="Classement", position=2)
        s.add_all([call, mail_, cat, store, rank])
        s.flush()
        toys = VariableOption(variable_id=store.id, label="Jouets", position=1)
        food = VariableOption(variable_id=store.id, label="Alimentation", position=2)
        rank_a = VariableOption(variable_id=rank.id, label="A", position=1)
        s.add_all([toys, food, rank_a])
        s.flush()
        bakery = f.customer(s, "Boulangerie Martin", paul, code="BM001")
        garage = f.customer(s, "Garage Dupuis", lea, code="GD002")
        n = {}
        n["overdue_paul"] = f.note(
            s,
            paul,
            "Relancer le devis",
            customer=bakery,
            assignee=paul,
            due_in=timedelta(days=-3),
            status_id=new.id,
            action_id=call.id,
            category_id=cat.id,
        )
        n["today_paul"] = f.note(
            s,
            paul,
            "Appeler demain",
            customer=bakery,
            assignee=paul,
            due_in=timedelta(hours=2),
            status_id=won.id,
            action_id=mail_.id,
        )
        n["lea_next_week"] = f.note(
            s,
            lea,
            "Visite atelier",
            customer=garage,
            assignee=lea,
            due_at=FIXED_NOW + timedelta(days=8),
            status_id=new.id,
        )
        n["plain_paul"] = f.note(s, paul, "Simple remarque", customer=bakery)
        n["done_paul"] = f.note(
            s,
            paul,
            "Fait",
            customer=bakery,
            assignee=paul,
            due_in=timedelta(days=-1),
            completed=True,
        )
        n["deleted"] = f.note(s, paul, "Supprimée", assignee=paul, deleted=True)
        n["general_lea"] = f.note(s, lea, "Réunion d'équipe 50% _x_")
        s.execute(
            insert(note_option),
            [
                {"note_id": n["overdue_paul"].id, "variable_id": store.id, "option_id": toys.id},
                {"note_id": n["overdue_paul"].id, "variable_id": rank.id, "option_id": rank_a.id},
                {"note_id": n["today_paul"].id, "variable_id": store.id, "option_id": food.id},
                {"note_id": n["lea_next_week"].id, "variable_id": store.id, "option_id": toys.id},
            ],
        )
        ids = {k: v.id for k, v in n.items()}
        refs = {
            "admin": admin.id,
            "paul": paul.id,
            "lea": lea.id,
            "marie": marie.id,
            "new": new.id,
            "won": won.id,
            "call": call.id,
            "cat": cat.id,
            "toys": toys.id,
            "food": food.id,
            "rank_a": rank_a.id,
            "bakery": bakery.id,
            "store": store.id,
        }
    return db, ids, refs
