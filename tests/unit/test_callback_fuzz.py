"""Every registered callback, as each role, with hostile values in its inputs and states (None,
numbers, huge ints, floats, NaN, nested lists and objects, long text, lone surrogates, ids of
other people's records): never a 500, never a traceback, and the database unchanged unless
the input was valid and in scope.

Two kinds of examples per callback:
- "any": every value drawn from the pool below, valid ones included (a callback may write);
- "refused": a writing callback gets a value it can never accept in the field that decides
  (its `GATES` entry), every other value from the pool: the database must stay exactly as it
  was. A callback that writes nothing must leave the database unchanged whatever it gets.

`make test` runs a few deterministic examples per callback and database; `make fuzz` many
(RELANCE_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from components import ids
from tests import world as w
from tests.callback_payloads import name_of, payload, prop_ids, server_callbacks
from tests.helpers import signed_in

EXAMPLES = int(os.environ.get("RELANCE_FUZZ_EXAMPLES", "3"))
ROLES = ("rep", "rep_other_team", "manager", "manager_other_team", "admin")
CALLBACKS = server_callbacks()
BY_NAME = {name_of(c): c for c in CALLBACKS}

# The writing callbacks, each with the input or state that decides whether it writes.
GATES = {
    "note-save.n_clicks->note-message.children": f"{ids.NOTE_BODY}.value",
    "note-complete.n_clicks->note-modal.is_open": f"{ids.NOTE_EDITING}.data",
    "reassign-submit.n_clicks->reassign-message.children": f"{ids.NOTE_EDITING}.data",
    "board-move-request.data->board-refresh.data": f"{ids.BOARD_MOVE}.data",
    '{"id":["ALL"],"type":"activity-close"}.n_clicks->counters-refresh.data': "wildcard",
    "activities-undo.n_clicks->counters-refresh.data": f"{ids.ACTIVITIES_CLOSED}.data",
    "myday-mark-read.n_clicks->myday-notifications.children": f"{ids.MYDAY_MARK_READ}.n_clicks",
    "settings-save.n_clicks->settings-message.children": f"{ids.SETTINGS_TIME_ZONE}.value",
    "standup-link-create.n_clicks->standup-link-message.children": "create",
    '{"link":["ALL"],"type":"standup-revoke"}.n_clicks->standup-link-message.children': "wildcard",
    "bulk-submit.n_clicks->bulk-result.children": f"{ids.BULK_REP}.value",
    "bulk-undo.n_clicks->bulk-result.children": f"{ids.BULK_BATCH}.data",
}
WRITERS = set(GATES)

huge = st.sampled_from([2**31, 2**53 + 1, 2**63, 2**64 + 1, 10**30, -(2**63) - 1, -1, 0])
surrogate = st.builds(lambda a, b: a + "\ud800" + b, st.text(max_size=5), st.text(max_size=5))
# Values no field accepts: wrong types, out-of-range numbers, unreadable text.
NEVER_VALID = st.one_of(
    huge,
    st.floats(allow_nan=True, allow_infinity=True).filter(lambda x: not x.is_integer()),
    surrogate,
    st.lists(st.integers(), min_size=1, max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), min_size=1, max_size=2),
    st.just("x" * 30_000),
)
nested = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def pool(world: w.World, role: str) -> st.SearchStrategy:
    """Anything: valid-looking values, ids of the role's own and of other people's records."""
    record_ids = sorted(world.ids.values())
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-5, max_value=60),
        st.sampled_from(record_ids),
        st.sampled_from(record_ids).map(str),
        st.integers(),
        huge,
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=40),
        surrogate,
        st.just("x" * 30_000),
        st.sampled_from([world.batch, "2026-11-24", "10:30", "Europe/Paris", "en", "later"]),
        st.builds(dict, id=st.sampled_from(record_ids), version=st.integers(0, 3)),
        st.builds(
            dict,
            note=st.sampled_from(record_ids),
            version=st.integers(0, 3),
            to=st.text(max_size=9),
        ),
        nested,
    )


def foreign(world: w.World, role: str, kind: str) -> list[int]:
    """Ids of `kind` ("note", "activity", "link") outside the role's scope (none: admin)."""
    side = {"rep": "B", "manager": "B", "rep_other_team": "A", "manager_other_team": "A"}
    if role not in side:
        return []
    names = {"note": ["task", "plain"], "activity": ["activity"], "link": ["link"]}[kind]
    if side[role] == "A" and kind == "note":
        names = ["task", "lea_task"]
    return [world.ids[f"{name}_{side[role]}"] for name in names]


@pytest.fixture(scope="module")
def site(world_site):
    db, world, server = world_site
    return db, world, {role: signed_in(server, w.EMAILS[role]) for role in ROLES}


def check_answer(response) -> None:
    body = response.get_data(as_text=True)
    assert response.status_code != 500, body[:500]
    assert response.status_code in (200, 204, 400, 403), (response.status_code, body[:300])
    assert "Traceback" not in body and 'File "' not in body


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_no_payload_crashes_a_callback_or_writes_what_it_must_not(site, name):
    db, world, clients = site
    callback = BY_NAME[name]
    keys = prop_ids(callback)

    @settings(
        max_examples=EXAMPLES,
        derandomize=EXAMPLES <= 10,
        phases=[Phase.explicit, Phase.generate] if EXAMPLES <= 10 else list(Phase),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        role = data.draw(st.sampled_from(ROLES), label="role")
        values = {key: data.draw(pool(world, role), label=key) for key in keys}
        wildcard = data.draw(pool(world, role), label="wildcard id")
        refused = name in WRITERS and data.draw(st.booleans(), label="refused")
        if refused:
            values, wildcard = gate(data, name, values, wildcard, world, role)
        values = trigger(values, callback)
        before = w.digest(db) if refused or name not in WRITERS else None
        response = clients[role].post(
            "/_dash-update-component", json=payload(callback, values, wildcard)
        )
        check_answer(response)
        if before is not None:
            assert w.digest(db) == before, (role, values)

    run()


def trigger(values: dict, callback: dict) -> dict:
    """A click or a change on the first input, unless the payload already gives one."""
    first = f"{callback['inputs'][0]['id']}.{callback['inputs'][0]['property']}"
    if first.endswith(".n_clicks") and values.get(first) is None:
        return {**values, first: 1}
    return values


def gate(data, name: str, values: dict, wildcard, world: w.World, role: str):
    """The deciding value replaced with one the callback can never accept."""
    decides = GATES[name]

    def never(kind: str) -> st.SearchStrategy:
        return st.one_of(NEVER_VALID, st.sampled_from(foreign(world, role, kind) or [2**40]))

    if decides == "wildcard":
        kind = "link" if "standup" in name else "activity"
        return values, data.draw(never(kind), label="gate")
    if decides == "create":
        values = {**values, f"{ids.STANDUP_LINK_EXPIRY}.value": data.draw(NEVER_VALID)}
        return values, wildcard
    if decides.startswith(ids.NOTE_EDITING) or decides.startswith(ids.BOARD_MOVE):
        key = "note" if decides.startswith(ids.BOARD_MOVE) else "id"
        bad = st.one_of(NEVER_VALID, never("note").map(lambda x: {key: x, "version": 1}))
        if key == "note":
            bad = bad.map(lambda v: {**v, "to": "later"} if isinstance(v, dict) else v)
        return {**values, decides: data.draw(bad, label="gate")}, wildcard
    return {**values, decides: data.draw(NEVER_VALID, label="gate")}, wildcard
