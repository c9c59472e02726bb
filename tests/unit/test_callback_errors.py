"""Malformed callback payloads that used to answer 500: each is read with its type where the
callback reads it, or refused by web/errors.py as JSON with status 400; never a traceback."""

from __future__ import annotations

import pytest

from components import ids
from tests import world as w
from tests.callback_payloads import name_of, payload, server_callbacks
from tests.helpers import signed_in

BY_NAME = {name_of(c): c for c in server_callbacks()}
SURROGATE = "caf\ud800"

# (callback, values by "id.property", the wildcard key of a pattern-matching input)
USED_TO_CRASH = {
    "body that is a number": ("note-save", {f"{ids.NOTE_BODY}.value": 12345}, 1),
    "body with a lone surrogate": ("note-save", {f"{ids.NOTE_BODY}.value": SURROGATE}, 1),
    "option that is no id": (
        "note-save",
        {
            f"{ids.NOTE_BODY}.value": "ok",
            '{"type":"note-option","variable":["ALL"]}.value': "y",
            '{"type":"note-option","variable":["ALL"]}.id': {
                "type": "note-option",
                "variable": "x",
            },
        },
        "x",
    ),
    "activity id beyond 64 bits": ("activity-close", {}, 2**70),
    "export job id that is no number": ("export-job-tick", {f"{ids.EXPORT_JOB_ID}.data": "x"}, 1),
    "board limits that are a list": ("board-more", {f"{ids.BOARD_LIMITS}.data": [1]}, "later"),
    "grid rows that are text": (
        "notes-grid.getRowsRequest",
        {f"{ids.NOTES_GRID}.getRowsRequest": {"startRow": "x"}},
        1,
    ),
    "grid cell id that is no number": (
        "note-new",
        {f"{ids.NOTES_GRID}.cellClicked": {"rowId": "12a", "colId": "body"}},
        1,
    ),
    "TV link lasting forever": (
        "standup-link-create",
        {f"{ids.STANDUP_LINK_EXPIRY}.value": 1e309},
        1,
    ),
    "notes query that is a number": (
        "notes-grid.id->notes-filter",
        {f"{ids.NOTES_QUERY}.data": 5},
        1,
    ),
    "reassign with ids as text": (
        "reassign-submit",
        {
            f"{ids.NOTE_EDITING}.data": {"id": "TASK", "version": "1"},
            f"{ids.REASSIGN_REP}.value": "LEA",
        },
        1,
    ),
    "a pathname that is no text": ("_pages_location", {"_pages_location.pathname": False}, 1),
    "a pathname that is no path": ("_pages_location", {"_pages_location.pathname": "x/y"}, 1),
    "an empty pathname": ("_pages_location", {"_pages_location.pathname": ""}, 1),
    "a bulk query that is a number": (
        "bulk-preview",
        {f"{ids.BULK_ALL_MATCHING}.value": True, f"{ids.NOTES_QUERY}.data": 1},
        1,
    ),
}


def find(prefix: str) -> dict:
    return next(c for name, c in BY_NAME.items() if name.startswith(prefix) or prefix in name)


@pytest.fixture(scope="module")
def client(world_site):
    _db, _world, server = world_site
    return signed_in(server, w.EMAILS["manager"])


@pytest.mark.parametrize("case", sorted(USED_TO_CRASH))
def test_a_malformed_value_is_read_or_refused_never_a_500(client, world_site, case):
    _db, world, _server = world_site
    prefix, values, wildcard = USED_TO_CRASH[case]
    values = {
        k: {**v, "id": world.ids["task_A"]} if isinstance(v, dict) and v.get("id") == "TASK" else v
        for k, v in values.items()
    }
    if values.get(f"{ids.REASSIGN_REP}.value") == "LEA":
        values[f"{ids.REASSIGN_REP}.value"] = str(world.ids["lea"])
    body = payload(find(prefix), values, wildcard)
    response = client.post("/_dash-update-component", json=body)
    text = response.get_data(as_text=True)
    assert response.status_code in (200, 204, 400), text[:300]
    assert "Traceback" not in text


@pytest.mark.parametrize(
    "body",
    [
        [],
        "x",
        {"output": "nope.children"},
        {"output": "..board-refresh.data..", "inputs": 5},
        "TRIGGER:{not json.data",
        "TRIGGER:" + "x" * 5,
    ],
    ids=[
        "a list",
        "a string",
        "an unknown callback",
        "inputs that are no list",
        "a trigger that is no id",
        "a trigger that is no input",
    ],
)
def test_a_payload_the_renderer_never_sends_is_a_json_400(client, body):
    if isinstance(body, str) and body.startswith("TRIGGER:"):
        real = payload(find("board-move-request"), {})
        body = {**real, "changedPropIds": [body.removeprefix("TRIGGER:")]}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"
