"""Two teams and a record of each kind on each side, for the access matrix and the fuzzing:
every role of DESIGN.md "Access", and records inside and outside each one's scope.

Team Ventes: Marie manages Paul and Lea (and Gone, deactivated later). Team Nord: Nadia
manages Omar. Ada is the admin. "A" records are Paul's (team Ventes), "B" records Omar's.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import insert, select

from data import clock
from data.models import AuditEvent, ExportJob, Notification, StandupLink, User
from data.standup_links import sign_token
from tests import factories as f
from tests.factories import FIXED_NOW

SECRET = "matrix-secret-key"  # noqa: S105 (a test key)
EMAILS = {
    "rep": "paul.rep@test.relance",
    "rep_other_team": "omar.other@test.relance",
    "manager": "marie.manager@test.relance",
    "manager_other_team": "nadia.nord@test.relance",
    "admin": "ada.admin@test.relance",
    "deactivated": "gone.rep@test.relance",
    "signed_out": "paul.rep@test.relance",
}


@dataclass
class World:
    ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    batch: str = ""


def build(db) -> World:
    w = World()
    with db.session() as s:
        admin = f.user(s, "Ada Admin", "admin", locale="en")
        marie = f.user(s, "Marie Manager", "manager", locale="en")
        nadia = f.user(s, "Nadia Nord", "manager", email=EMAILS["manager_other_team"], locale="en")
        paul = f.user(s, "Paul Rep", locale="en")
        lea = f.user(s, "Lea Rep", locale="en")
        omar = f.user(s, "Omar Other", locale="en")
        gone = f.user(s, "Gone Rep", locale="en")
        ventes = f.team(s, "Ventes", managers=[marie], members=[paul, lea, gone])
        nord = f.team(s, "Nord", managers=[nadia], members=[omar])
        bakery = f.customer(s, "Boulangerie A", paul)
        garage = f.customer(s, "Garage B", omar)
        soon = timedelta(hours=2)
        notes = {
            "task_A": f.note(s, paul, "task A", customer=bakery, assignee=paul, due_in=soon),
            "task_A2": f.note(s, paul, "task A2", customer=bakery, assignee=paul, due_in=soon),
            "lea_task_A": f.note(s, paul, "lea's on A", customer=bakery, assignee=lea, due_in=soon),
            "plain_A": f.note(s, paul, "plain A", customer=bakery),
            "task_B": f.note(s, omar, "task B", customer=garage, assignee=omar, due_in=soon),
            "plain_B": f.note(s, omar, "plain B", customer=garage),
        }
        notes["task_A2"].version = 2  # as Marie's bulk batch below left it
        activities = {
            "activity_A": f.activity(s, paul, customer=bakery),
            "activity_B": f.activity(s, omar, customer=garage),
        }
        w.ids = {
            "admin": admin.id,
            "marie": marie.id,
            "nadia": nadia.id,
            "paul": paul.id,
            "lea": lea.id,
            "omar": omar.id,
            "gone": gone.id,
            "team_A": ventes.id,
            "team_B": nord.id,
            "customer_A": bakery.id,
            "customer_B": garage.id,
            **{k: v.id for k, v in notes.items()},
            **{k: v.id for k, v in activities.items()},
        }
        for side, creator, team in (("A", marie, ventes), ("B", nadia, nord)):
            nonce = uuid.uuid4().hex
            link = s.execute(
                insert(StandupLink)
                .values(
                    team_id=team.id,
                    created_by_id=creator.id,
                    label=f"TV {side}",
                    nonce=nonce,
                    created_at=FIXED_NOW,
                    expires_at=FIXED_NOW + timedelta(days=30),
                )
                .returning(StandupLink.id)
            ).scalar_one()
            w.ids[f"link_{side}"] = link
            w.tokens[f"link_{side}"] = sign_token(SECRET, link, nonce)
            job = ExportJob(
                user_id=paul.id if side == "A" else omar.id,
                format="csv",
                query="",
                status="done",
                rows_total=1,
                rows_done=1,
                file_name=f"export-{side}.csv",
                created_at=FIXED_NOW,
            )
            s.add(job)
            s.flush()
            w.ids[f"job_{side}"] = job.id
            recipient = paul if side == "A" else omar
            s.execute(
                insert(Notification).values(
                    recipient_id=recipient.id, kind="assigned", created_at=FIXED_NOW
                )
            )
        # A bulk batch of Marie's on team A's tasks, less than a day old: undoable by her only.
        w.batch = str(uuid.uuid4())
        snapshot = {"assignee_id": paul.id, "due_at": None, "version": 1}
        s.execute(
            insert(AuditEvent).values(
                actor_id=marie.id,
                at=clock.now() - timedelta(hours=1),
                action="note.bulk_reassign",
                target_type="note",
                target_id=notes["task_A2"].id,
                before=snapshot,
                after={**snapshot, "version": 2},
                batch_id=w.batch,
            )
        )
    return w


def deactivate(db, user_id: int) -> None:
    with db.session() as s:
        s.get(User, user_id).active = False


def digest(db, leave_out: tuple[str, ...] = ()) -> str:
    """Every row of every table, as one string: equal digests, unchanged database. Sign-in
    sessions are left out: a refused request may end its own (a deactivated user's), which is
    the refusal, not a change to anyone's data; `leave_out` names more tables to skip."""
    from data.models import Base

    parts = []
    with db.session() as s:
        for table in Base.metadata.sorted_tables:
            if table.name == "user_session" or table.name in leave_out:
                continue
            rows = s.execute(select(table).order_by(*table.primary_key.columns)).all()
            parts.append(json.dumps([table.name, [list(map(str, r)) for r in rows]]))
    return "\n".join(parts)
