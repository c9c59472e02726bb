"""Dash callback payloads built from what the app declares (the list GET /_dash-dependencies
serves), with any value in any input or state: the access matrix and the fuzzing use them."""

from __future__ import annotations

import json

from app import create_dash


def server_callbacks() -> list[dict]:
    """Every server callback of the app, as /_dash-dependencies lists it (clientside ones run
    in the browser and never reach the server)."""
    app = create_dash({"DATABASE_URL": "sqlite://", "TESTING": True})
    with app.server.test_request_context("/"):
        # What a first request does: the pages router is declared, every callback merged.
        for setup in app.server.before_request_funcs[None]:
            if getattr(setup, "__name__", "") in ("router_sync", "_setup_server"):
                setup()
    found = [dict(c) for c in app._callback_list if not c.get("clientside_function")]
    app.server.extensions["relance_db"].dispose()
    return found


def name_of(callback: dict) -> str:
    """A readable, unique name: its first input and its first output (without Dash's
    duplicate-output suffix)."""
    first_in = callback["inputs"][0]
    first_out = callback["output"].strip(".").split("...")[0].split("@")[0]
    return f"{first_in['id']}.{first_in['property']}->{first_out}"


def _split(prop_id: str) -> tuple[object, str]:
    id_, prop = prop_id.rsplit(".", 1)
    return (json.loads(id_) if id_.startswith("{") else id_), prop.split("@")[0]


def _is_wildcard(id_: object) -> bool:
    return isinstance(id_, dict) and any(isinstance(v, list) for v in id_.values())


def stringify(id_: object) -> str:
    """A component id as Dash writes it in a prop id."""
    if isinstance(id_, dict):
        return json.dumps(id_, sort_keys=True, separators=(",", ":"))
    return id_


def _outputs(callback: dict) -> list | dict:
    outputs = []
    for prop_id in callback["output"].strip(".").split("..."):
        id_, prop = _split(prop_id)
        # A pattern-matching output matches no component here: an empty list.
        outputs.append([] if _is_wildcard(id_) else {"id": id_, "property": prop})
    # Several outputs (or named ones) are written "..a.b...c.d..": a list, one per output.
    return outputs if callback["output"].startswith("..") else outputs[0]


def _items(specs: list[dict], values: list, wildcard_keys: list) -> list:
    items = []
    for spec, value, key in zip(specs, values, wildcard_keys, strict=True):
        id_, prop = _split(f"{spec['id']}.{spec['property']}")
        if _is_wildcard(id_):
            concrete = {k: (key if isinstance(v, list) else v) for k, v in id_.items()}
            items.append([{"id": concrete, "property": prop, "value": value}])
        else:
            items.append({"id": id_, "property": prop, "value": value})
    return items


def payload(
    callback: dict, values: dict, wildcard_key: object = 1, changed: str | None = None
) -> dict:
    """The renderer's POST body for `callback`: `values` by "id.property" (absent: None);
    a pattern-matching input is one component whose wildcard key is `wildcard_key`. The
    input that changed: `changed` ("id.property"), else the first one."""

    def value_of(spec):
        return values.get(f"{spec['id']}.{spec['property']}")

    inputs = _items(
        callback["inputs"],
        [value_of(i) for i in callback["inputs"]],
        [wildcard_key] * len(callback["inputs"]),
    )
    state = _items(
        callback["state"],
        [value_of(i) for i in callback["state"]],
        [wildcard_key] * len(callback["state"]),
    )
    first = inputs[0][0] if isinstance(inputs[0], list) else inputs[0]
    return {
        "output": callback["output"],
        "outputs": _outputs(callback),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [changed or f"{stringify(first['id'])}.{first['property']}"],
    }


def prop_ids(callback: dict) -> list[str]:
    """The "id.property" of every input then state (the keys of `payload`'s values)."""
    return [f"{i['id']}.{i['property']}" for i in callback["inputs"] + callback["state"]]
