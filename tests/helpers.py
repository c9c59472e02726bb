"""For tests that go through Flask's test client: sign in through the real form, and call a
Dash callback the way the renderer does."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def killed_at_the_end(script: str, *args: str, env: dict | None = None) -> Iterator:
    """`script` run by Python in a child process from the project's root (its standard output
    piped), killed with SIGKILL when the block ends: a crash, with no chance to clean up."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    command = [sys.executable, "-c", script, *args]
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()


def csrf_token(client, path: str = "/login") -> str:
    """The CSRF token the sign-in form carries (Flask keeps its pair in the session)."""
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def sign_in(client, email: str, password: str = PASSWORD, next_=None, headers=None):
    """Post the sign-in form as a browser does; returns the response (302 when it opens)."""
    url = "/login" + (f"?next={next_}" if next_ else "")
    data = {"email": email, "password": password, "csrf_token": csrf_token(client)}
    return client.post(url, data=data, headers=headers or {})


def sign_out(client):
    """Sign out as the navbar's form does: POST /logout with the session's CSRF token."""
    return client.post("/logout", data={"csrf_token": csrf_token(client, "/logout")})


def signed_in(server, email: str, password: str = PASSWORD):
    """A fresh test client of `server`, signed in as `email`."""
    client = server.test_client()
    sign_in(client, email, password)
    return client


def post_callback(client, callback: dict, values: dict, changed: str | None = None, headers=None):
    """POST /_dash-update-component as the renderer does for `callback` (its "output",
    "inputs" and "state", as Dash lists them), `values` by "id.property"; `changed`: the input
    that triggered it."""

    def with_values(items):
        return [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in items]

    outputs = [
        {"id": o.split(".")[0], "property": o.split(".")[1].split("@")[0]}
        for o in callback["output"].strip(".").split("...")
    ]
    payload = {
        "output": callback["output"],
        # A list whenever Dash names the outputs "..a.b.." (several, or named with a dict).
        "outputs": outputs if callback["output"].startswith("..") else outputs[0],
        "inputs": with_values(callback["inputs"]),
        "state": with_values(callback["state"]),
        "changedPropIds": [changed] if changed else [],
    }
    return client.post("/_dash-update-component", json=payload, headers=headers or {})
