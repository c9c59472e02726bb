"""/standup: what the screen shows for a team, and what a TV link opens (and never opens).

The office: team Ventes (Marie manages; Paul, Lea and Gone, who left, are members) and team
Export (Bruno manages; Omar). FIXED_NOW is Monday 23 November 2026, 10:00 in Paris.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, insert, select, update

from app import create_app
from data.counters import counters
from data.errors import InvalidInput, NotAllowed
from data.models import AuditEvent, Customer, StandupLink, User, team_manager
from data.scope import load_viewer
from data.standup import standup
from data.standup_links import (
    active_links,
    create_link,
    revoke_link,
    sign_token,
    verify_token,
)
from tests import factories as f
from tests.factories import at
from tests.helpers import post_callback, signed_in

NOW = f.FIXED_NOW
SECRET = "standup-test-secret"
INVALID_FR = "Ce lien de stand-up n'est plus valide"
INVALID_EN = "This stand-up link is no longer valid"


@pytest.fixture
def office(db):
    with db.session() as s:
        admin = f.user(s, "Ada Admin", "admin", email="ada@test.relance")
        marie = f.user(s, "Marie Manager", "manager", email="marie@test.relance")
        bruno = f.user(s, "Bruno Boss", "manager", email="bruno@test.relance", locale="en")
        paul = f.user(s, "Paul Rep", email="paul@test.relance")
        # Lea counts by item responsible, in New York, with a 2-hour threshold.
        lea = f.user(
            s,
            "Lea Rep",
            email="lea@test.relance",
            counter_mode="item",
            time_zone="America/New_York",
            planned_threshold_minutes=120,
        )
        gone = f.user(s, "Gone Rep", email="gone@test.relance", active=False)
        omar = f.user(s, "Omar Other", email="omar@test.relance")
        ventes = f.team(s, "Ventes", managers=[marie], members=[paul, lea, gone])
        export = f.team(s, "Export", managers=[bruno], members=[omar])
        bakery = f.customer(s, "Boulangerie Martin", paul)
        garage = f.customer(s, "Garage Dupont", lea)
        ids = {
            "admin": admin.id,
            "marie": marie.id,
            "bruno": bruno.id,
            "paul": paul.id,
            "lea": lea.id,
            "gone": gone.id,
            "omar": omar.id,
            "ventes": ventes.id,
            "export": export.id,
            "bakery": bakery.id,
            "garage": garage.id,
        }
    return db, ids


def viewer(db, ids, who):
    with db.session() as s:
        return load_viewer(s, ids[who])


def task(s, ids, who, body, due_at, customer="bakery", **kw):
    person = s.get(User, ids[who])
    return f.note(
        s,
        person,
        body,
        customer=s.get(Customer, ids[customer]) if customer else None,
        assignee=person,
        due_at=due_at,
        **kw,
    )


def completed(s, ids, who, completed_at):
    note = task(s, ids, who, f"done at {completed_at.isoformat()}", completed_at)
    note.completed_at = completed_at
    note.completed_by_id = ids[who]
    s.flush()
    return note


# --- the screen's data ---------------------------------------------------------------------


def test_each_reps_counters_are_their_own_counters(office):
    db, ids = office
    with db.session() as s:
        task(s, ids, "paul", "Paul overdue", NOW - timedelta(days=1))
        task(s, ids, "paul", "Paul soon", NOW + timedelta(minutes=10))
        task(s, ids, "paul", "Paul tonight", NOW + timedelta(hours=10))
        # Lea counts what is on her customer, whoever is assigned, with her 2-hour threshold.
        task(s, ids, "paul", "on Lea's customer", NOW + timedelta(minutes=90), "garage")
        task(s, ids, "lea", "Lea tomorrow", NOW + timedelta(days=1), "garage")
        f.activity(s, s.get(User, ids["paul"]))
        task(s, ids, "omar", "Omar overdue", NOW - timedelta(days=3), None)
    with db.session() as s:
        board = standup(s, ids["ventes"], "Europe/Paris", NOW)
        own = {who: counters(s, load_viewer(s, ids[who]), NOW) for who in ("paul", "lea", "omar")}
    shown = {rep.name: rep.counters for rep in board.reps}
    assert list(shown) == ["Lea Rep", "Paul Rep"]  # by name; Gone (inactive) and Omar absent
    assert shown["Paul Rep"] == own["paul"]
    assert shown["Lea Rep"] == own["lea"]
    assert own["paul"].planned == 2 and own["paul"].incoming == 1
    assert own["lea"].planned == 1  # the task on her customer, due within her 2 hours
    assert board.team_name == "Ventes"


def test_the_ten_oldest_overdue_tasks_of_the_team_in_order(office):
    db, ids = office
    with db.session() as s:
        expected = []
        for day in range(12, 0, -1):  # 12 days late … 1 day late
            who = "paul" if day % 2 else "lea"
            note = task(s, ids, who, f"late by {day} days", NOW - timedelta(days=day))
            expected.append(note.id)
        # Older, but not shown: another team, a person who left, completed, deleted, no date.
        task(s, ids, "omar", "Omar very late", NOW - timedelta(days=40))
        task(s, ids, "gone", "Gone very late", NOW - timedelta(days=40))
        done = task(s, ids, "paul", "done long ago", NOW - timedelta(days=40))
        done.completed_at = NOW - timedelta(days=1)
        task(s, ids, "paul", "deleted", NOW - timedelta(days=40), deleted=True)
        task(s, ids, "paul", "no date", None)
        task(s, ids, "paul", "later today", NOW + timedelta(hours=1))
    with db.session() as s:
        board = standup(s, ids["ventes"], "Europe/Paris", NOW)
    assert [t.note_id for t in board.oldest_overdue] == expected[:10]
    assert board.oldest_overdue[0].excerpt == "late by 12 days"
    assert board.oldest_overdue[0].customer == "Boulangerie Martin"
    assert board.glance.overdue == 12
    assert board.glance.due_today == 1
    assert {r.name: r.overdue for r in board.reps} == {"Lea Rep": 6, "Paul Rep": 6}


def test_a_long_body_shows_as_a_short_single_line_excerpt(office):
    db, ids = office
    with db.session() as s:
        task(s, ids, "paul", "Première ligne\n\n" + "x" * 5000, NOW - timedelta(days=1))
    with db.session() as s:
        (item,) = standup(s, ids["ventes"], "Europe/Paris", NOW).oldest_overdue
    assert item.excerpt.startswith("Première ligne xxx")
    assert len(item.excerpt) <= 140 and item.excerpt.endswith("…")


def test_yesterdays_completions_follow_the_local_midnight(office):
    db, ids = office
    with db.session() as s:
        completed(s, ids, "paul", at(2026, 11, 21, 22, 30))  # Sat 23:30 Paris: before
        completed(s, ids, "paul", at(2026, 11, 21, 23, 30))  # Sun 00:30 Paris: yesterday
        completed(s, ids, "paul", at(2026, 11, 22, 22, 59))  # Sun 23:59 Paris: yesterday
        completed(s, ids, "paul", at(2026, 11, 22, 23, 10))  # Mon 00:10 Paris: today
        completed(s, ids, "lea", at(2026, 11, 23, 4, 0))  # Mon 05:00 Paris, Sun 23:00 NY
        completed(s, ids, "omar", at(2026, 11, 22, 12, 0))  # another team
    with db.session() as s:
        paris = standup(s, ids["ventes"], "Europe/Paris", NOW)
        new_york = standup(s, ids["ventes"], "America/New_York", NOW)
    assert {r.name: r.done_yesterday for r in paris.reps} == {"Lea Rep": 0, "Paul Rep": 2}
    assert (paris.glance.done_yesterday, paris.glance.done_today) == (2, 2)
    # In New York, Sunday runs from 05:00 UTC on the 22nd to 05:00 UTC on the 23rd.
    assert {r.name: r.done_yesterday for r in new_york.reps} == {"Lea Rep": 1, "Paul Rep": 2}
    assert (new_york.glance.done_yesterday, new_york.glance.done_today) == (3, 0)


# --- links: who may make them, and what makes a token valid --------------------------------


def test_managers_make_links_for_their_teams_only_and_reps_for_none(office):
    db, ids = office
    marie, paul, admin = (viewer(db, ids, w) for w in ("marie", "paul", "admin"))
    with db.session() as s:
        with pytest.raises(NotAllowed):
            create_link(s, marie, SECRET, ids["export"], 30, "", NOW)
        with pytest.raises(NotAllowed):
            create_link(s, paul, SECRET, ids["ventes"], 30, "", NOW)
        with pytest.raises(NotAllowed):
            active_links(s, marie, SECRET, ids["export"], NOW)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(StandupLink)) == 0
        link = create_link(s, admin, SECRET, ids["export"], 7, "Hall", NOW)
    assert link.expires_at == NOW + timedelta(days=7)
    with db.session() as s:
        with pytest.raises(NotAllowed):
            revoke_link(s, marie, link.id, NOW)
        access = verify_token(s, SECRET, link.token, NOW)
    assert access.team_id == ids["export"] and access.team_name == "Export"


@pytest.mark.parametrize(
    ("days", "label", "expected"),
    [
        (2, "", "Choose how long the link works."),
        ("abc", "", "Choose how long the link works."),
        (30, "x" * 81, "The label is longer than 80 characters."),
        (30, "<script>alert(1)</script>", "The label cannot contain < or >."),
    ],
)
def test_a_bad_link_form_gets_a_message_and_creates_nothing(office, days, label, expected):
    db, ids = office
    marie = viewer(db, ids, "marie")
    with db.session() as s, pytest.raises(InvalidInput) as refused:
        create_link(s, marie, SECRET, ids["ventes"], days, label, NOW)
    assert str(refused.value.message) == expected
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(StandupLink)) == 0


def test_creating_and_revoking_are_audited_and_revoking_ends_the_token(office):
    db, ids = office
    marie = viewer(db, ids, "marie")
    with db.session() as s:
        link = create_link(s, marie, SECRET, ids["ventes"], 30, "  Salle   réunion ", NOW)
    assert link.label == "Salle réunion"
    with db.session() as s:
        assert [x.id for x in active_links(s, marie, SECRET, ids["ventes"], NOW)] == [link.id]
        assert verify_token(s, SECRET, link.token, NOW) is not None
        revoke_link(s, marie, link.id, NOW)
    with db.session() as s:
        assert verify_token(s, SECRET, link.token, NOW) is None
        assert active_links(s, marie, SECRET, ids["ventes"], NOW) == []
        with pytest.raises(InvalidInput):
            revoke_link(s, marie, link.id, NOW)
    with db.session() as s:
        events = s.execute(
            select(AuditEvent.action, AuditEvent.actor_id, AuditEvent.target_id).order_by(
                AuditEvent.id
            )
        ).all()
    assert [tuple(e) for e in events] == [
        ("standup_link.create", ids["marie"], link.id),
        ("standup_link.revoke", ids["marie"], link.id),
    ]


def test_a_token_is_refused_when_forged_expired_or_its_creator_left(office):
    db, ids = office
    marie = viewer(db, ids, "marie")
    with db.session() as s:
        link = create_link(s, marie, SECRET, ids["ventes"], 1, "", NOW)
        nonce = s.scalar(select(StandupLink.nonce).where(StandupLink.id == link.id))
    with db.session() as s:
        assert verify_token(s, SECRET, link.token, NOW + timedelta(hours=23)) is not None
        assert verify_token(s, SECRET, link.token, NOW + timedelta(days=1)) is None  # expired
        assert verify_token(s, "another-secret", link.token, NOW) is None
        assert verify_token(s, SECRET, sign_token(SECRET, link.id, "0" * 32), NOW) is None
        assert verify_token(s, SECRET, sign_token(SECRET, link.id + 1, nonce), NOW) is None
        assert verify_token(s, SECRET, link.token[:-2] + "xx", NOW) is None
        assert verify_token(s, SECRET, None, NOW) is None
        s.execute(
            delete(team_manager).where(
                team_manager.c.user_id == ids["marie"], team_manager.c.team_id == ids["ventes"]
            )
        )
    with db.session() as s:
        assert verify_token(s, SECRET, link.token, NOW) is None  # Marie no longer manages it
        s.execute(insert(team_manager).values(user_id=ids["marie"], team_id=ids["ventes"]))
    with db.session() as s:
        assert verify_token(s, SECRET, link.token, NOW) is not None
        s.execute(update(User).where(User.id == ids["marie"]).values(active=False))
    with db.session() as s:
        assert verify_token(s, SECRET, link.token, NOW) is None  # Marie left


# --- through HTTP: the guard ---------------------------------------------------------------


@pytest.fixture
def site(office, monkeypatch):
    """The server, and a valid TV link for Ventes (made by Marie) and for Export (Bruno)."""
    db, ids = office
    monkeypatch.setenv("RELANCE_NOW", NOW.isoformat())
    with db.session() as s:
        task(s, ids, "paul", "Paul: relancer le devis", NOW - timedelta(days=2))
        task(s, ids, "omar", "Omar: relance douane", NOW - timedelta(days=2), None)
        ventes = create_link(s, load_viewer(s, ids["marie"]), SECRET, ids["ventes"], 30, "", NOW)
        export = create_link(s, load_viewer(s, ids["bruno"]), SECRET, ids["export"], 30, "", NOW)
    server = create_app({"DATABASE_URL": db.url, "TESTING": True, "SECRET_KEY": SECRET})
    yield server, db, ids, {"ventes": ventes, "export": export}
    server.extensions["relance_db"].dispose()


def callback(server, key_part: str) -> dict:
    """The registered callback whose outputs name `key_part`: its output key, inputs, state."""
    dash_app = server.extensions["dash_app"]
    key = next(k for k in dash_app.callback_map if key_part in k)
    spec = dash_app.callback_map[key]
    return {"output": key, "inputs": spec["inputs"], "state": spec["state"]}


def tv(server, token: str):
    """A fresh browser that opened the TV link (nobody signed in)."""
    client = server.test_client()
    assert client.get(f"/standup?token={token}").status_code == 200
    return client


def shown(response) -> str:
    return json.dumps(response.json["response"], ensure_ascii=False)


def test_a_valid_token_opens_the_standup_in_its_creators_language(site):
    server, _db, _ids, links = site
    client = server.test_client()
    page = client.get(f"/standup?token={links['ventes'].token}")
    assert page.status_code == 200
    assert '<html lang="fr">' in page.get_data(as_text=True)
    page = client.get(f"/standup?token={links['export'].token}")  # Bruno writes English
    assert '<html lang="en">' in page.get_data(as_text=True)


def test_a_tv_gets_the_layout_without_navbar_and_its_team_only(site):
    server, _db, _ids, links = site
    client = tv(server, links["ventes"].token)
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200 and "navbar" not in layout.get_data(as_text=True)
    assert client.get("/_dash-dependencies").status_code == 200

    cb = callback(server, "_pages_content.children")
    search = f"?token={links['ventes'].token}"
    page = post_callback(
        client, cb, {"_pages_location.pathname": "/standup", "_pages_location.search": search}
    )
    assert page.status_code == 200 and "standup-source" in shown(page)

    cb = callback(server, "standup-content.children")
    # A forged team next to the token changes nothing: the team comes from the link's row.
    source = {"token": links["ventes"].token, "team": str(_ids["export"])}
    content = post_callback(client, cb, {"standup-source.data": source})
    assert content.status_code == 200
    text = shown(content)
    assert "Paul Rep" in text and "Lea Rep" in text and "Paul: relancer le devis" in text
    assert "Ventes" in text
    assert "Omar" not in text and "Export" not in text and "Gone Rep" not in text


def test_the_token_opens_nothing_else(site):
    server, _db, _ids, links = site
    token = links["ventes"].token
    client = tv(server, token)
    for path in ("/notes", "/board", "/", f"/notes?token={token}", "/analytics"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/login"), path
    assert client.get("/export/notes.csv").status_code == 401
    assert client.get(f"/export/notes.csv?token={token}").status_code == 401
    assert client.get(f"/export/notes.xlsx?token={token}").status_code == 401

    cb = callback(server, "board-cards.data")
    assert post_callback(client, cb, {"board-query.data": ""}).status_code == 403
    cb = callback(server, "notes-total.children")
    assert post_callback(client, cb, {"notes-query.data": ""}).status_code == 403
    cb = callback(server, "standup-links.children")  # managers' panel: not for a TV
    response = post_callback(client, cb, {"standup-team.value": _ids["ventes"]})
    assert response.status_code == 403

    cb = callback(server, "_pages_content.children")
    for pathname in ("/notes", "/board", "/", "/standup/../notes"):
        values = {"_pages_location.pathname": pathname, "_pages_location.search": f"?token={token}"}
        response = post_callback(client, cb, values)
        assert response.status_code == 403, pathname
        assert "notes-grid" not in response.get_data(as_text=True)


def test_without_a_token_the_standup_callbacks_stay_closed(site):
    server, _db, ids, links = site
    client = server.test_client()  # never opened a link
    cb = callback(server, "standup-content.children")
    assert post_callback(client, cb, {"standup-source.data": {}}).status_code == 401
    values = {"standup-source.data": {"team": ids["ventes"]}}
    assert post_callback(client, cb, values).status_code == 401
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/standup").status_code == 302


@pytest.mark.parametrize("how", ["tampered", "other key", "expired", "revoked", "empty"])
def test_a_bad_token_gets_the_403_page(site, monkeypatch, how):
    server, db, ids, links = site
    token = links["ventes"].token
    if how == "tampered":
        token = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    elif how == "other key":
        token = sign_token("not-the-secret", links["ventes"].id, "0" * 32)
    elif how == "expired":
        monkeypatch.setenv("RELANCE_NOW", (NOW + timedelta(days=31)).isoformat())
    elif how == "revoked":
        with db.session() as s:
            revoke_link(s, load_viewer(s, ids["marie"]), links["ventes"].id, NOW)
    elif how == "empty":
        token = ""
    response = server.test_client().get(f"/standup?token={token}")
    assert response.status_code == 403
    text = response.get_data(as_text=True)
    assert INVALID_FR in text and INVALID_EN in text
    assert "Paul Rep" not in text


def test_revoking_stops_an_open_tv_at_its_next_refresh(site):
    server, db, ids, links = site
    client = tv(server, links["ventes"].token)
    cb = callback(server, "standup-content.children")
    values = {"standup-source.data": {"token": links["ventes"].token}}
    assert post_callback(client, cb, values).status_code == 200
    with db.session() as s:
        revoke_link(s, load_viewer(s, ids["marie"]), links["ventes"].id, NOW)
    assert post_callback(client, cb, values).status_code == 403
    assert client.get("/_dash-layout").status_code == 401
    assert client.get(f"/standup?token={links['ventes'].token}").status_code == 403


def test_a_signed_in_manager_sees_their_team_and_not_another(site):
    server, _db, ids, _links = site
    client = signed_in(server, "marie@test.relance")
    assert client.get("/standup").status_code == 200
    cb = callback(server, "standup-content.children")
    mine = post_callback(client, cb, {"standup-source.data": {"team": None}})
    assert "Paul Rep" in shown(mine) and "Omar" not in shown(mine)
    other = post_callback(client, cb, {"standup-source.data": {"team": ids["export"]}})
    assert "Non autorisé" in shown(other) and "Omar" not in shown(other)


def test_a_rep_sees_not_allowed_and_no_data(site):
    server, _db, ids, _links = site
    client = signed_in(server, "paul@test.relance")
    cb = callback(server, "_pages_content.children")
    page = post_callback(
        client, cb, {"_pages_location.pathname": "/standup", "_pages_location.search": ""}
    )
    assert "standup-not-allowed" in shown(page)
    cb = callback(server, "standup-content.children")
    response = post_callback(client, cb, {"standup-source.data": {"team": ids["ventes"]}})
    assert "Non autorisé" in shown(response) and "Lea Rep" not in shown(response)


def test_through_the_panel_a_manager_cannot_make_a_link_for_another_team(site):
    server, db, ids, _links = site
    client = signed_in(server, "marie@test.relance")
    cb = callback(server, "standup-link-message.children")
    values = {
        "standup-link-create.n_clicks": 1,
        "standup-team.value": ids["export"],
        "standup-link-expiry.value": 30,
        "standup-link-label.value": "Hall",
    }
    create = "standup-link-create.n_clicks"
    refused = post_callback(client, cb, values, create)
    assert "Non autorisé" in shown(refused)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(StandupLink)) == 2  # the fixture's
    made = post_callback(client, cb, {**values, "standup-team.value": ids["ventes"]}, create)
    assert "http://localhost/standup?token=" in shown(made)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(StandupLink)) == 3


def test_a_signed_in_viewer_with_a_bad_token_gets_the_403_page_too(site):
    server, _db, _ids, links = site
    client = signed_in(server, "marie@test.relance")
    assert client.get(f"/standup?token={links['ventes'].token}x").status_code == 403
    assert client.get(f"/standup?token={links['export'].token}").status_code == 200
