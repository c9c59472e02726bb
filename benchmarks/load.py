"""Fifty people at once: reps and managers on the real server, for two minutes.

Serves the app with gunicorn.conf.py (several workers sharing their sign-in limits in Redis)
on the PostgreSQL database that benchmarks/export.py seeds (1,000,000 notes; --reuse keeps
it), and runs locust's simulated users against it:

- reps (weight 3): /notes blocks under a few filters while scrolling, the totals, the
  counters, My day, the board, moves of their board's cards, a small CSV export;
- managers (weight 1): the same on their team, and bulk reassigns of three of their team's
  tasks to one of their reps.

Every answer must be a 200 without a Dash error. Afterwards the database is checked against
what the users were told: each move and each reassigned task announced as done has exactly
one audit row, nothing else was written, and each note's version grew by its audit rows (no
write lost or applied twice). Prints a table per kind of request (count, errors, median,
p95) and the write check (--out: also into a results file for README.md).

    python benchmarks/load.py --users 50 --seconds 120 --reuse
"""

from __future__ import annotations

import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402

# locust patches the standard library (gevent) before anything else opens a socket.
import locust  # noqa: I001
from locust import HttpUser, between, task
from locust.env import Environment
from locust.stats import StatsEntry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from benchmarks.bench_db import DEFAULT_BENCH_PG, bench_parser, ensure_pg_database  # noqa: E402
from benchmarks.export import prepare  # noqa: E402
from benchmarks.recording import provenance, recorded  # noqa: E402
from data.db import Database  # noqa: E402
from data.models import AuditEvent, Note, User, team_member  # noqa: E402

PASSWORD = "demo"  # noqa: S105 (the demo's)
REPS = [f"rep{n}@demo.relance" for n in range(1, 9)]
MANAGERS = ["manager@demo.relance"]
FILTERS = ["", "overdue=1", "completed=1", "sort=-due_at", "sort=customer", "q=devis"]
GOAL_P95_MS = 300
# What the users were told was done: ("move", note id) and ("bulk", note id), one per write.
DONE: Counter = Counter()
CALLBACKS: dict[str, dict] = {}
TEAM_REPS: list[int] = []
# The requests that are Dash callbacks (the p95 goal is theirs; sign-in and files are not).
CALLBACK_NAMES: set[str] = set()


def outputs_of(key: str) -> list[dict]:
    """The outputs of a callback key as the renderer lists them."""
    shown = []
    for part in key.strip(".").split("..."):
        ident, prop = part.rsplit(".", 1)
        ident = json.loads(ident) if ident.startswith("{") else ident
        shown.append({"id": ident, "property": prop.split("@")[0]})
    return shown


def payload(key_part: str, values: dict, changed: str | None = None) -> dict:
    """A POST body for the callback whose output key holds `key_part` (and, when several do,
    whose inputs hold the `changed` one)."""
    keys = [key_part] if key_part in CALLBACKS else [k for k in CALLBACKS if key_part in k]
    if changed and len(keys) > 1:
        ident, prop = changed.rsplit(".", 1)
        keys = [
            k
            for k in keys
            if any(i["id"] == ident and i["property"] == prop for i in CALLBACKS[k]["inputs"])
        ]
    key = keys[0]
    spec = CALLBACKS[key]

    def filled(items):
        return [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in items]

    outs = outputs_of(key)
    return {
        "output": key,
        "outputs": outs if key.startswith("..") else outs[0],
        "inputs": filled(spec["inputs"]),
        "state": filled(spec["state"]),
        "changedPropIds": [changed] if changed else [],
    }


class Person(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.5)
    emails: list[str] = []

    def on_start(self) -> None:
        self.client.headers["Origin"] = self.host
        page = self.client.get("/login", name="sign-in page").text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        form = {"email": random.choice(self.emails), "password": PASSWORD, "csrf_token": token}
        self.client.post("/login", data=form, name="sign in", allow_redirects=False)
        if not CALLBACKS:
            for item in self.client.get("/_dash-dependencies", name="dependencies").json():
                CALLBACKS[item["output"]] = item
        self.board_cards: list[dict] = []

    def callback(self, name: str, key_part: str, values: dict, changed: str | None = None):
        CALLBACK_NAMES.add(name)
        body = payload(key_part, values, changed)
        with self.client.post(
            "/_dash-update-component", json=body, name=name, catch_response=True
        ) as answer:
            if answer.status_code == 204:
                answer.success()
                return {}
            if answer.status_code != 200 or "Traceback" in answer.text:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")
                return {}
            return answer.json().get("response", {})

    @task(6)
    def scroll_notes(self) -> None:
        query = random.choice(FILTERS)
        for block in range(random.randint(1, 4)):
            request = {"startRow": block * 100, "endRow": (block + 1) * 100}
            self.callback(
                "notes: grid block",
                "notes-grid.getRowsResponse",
                {"notes-grid.getRowsRequest": request, "notes-filter.data": query},
                "notes-grid.getRowsRequest",
            )

    @task(3)
    def notes_totals(self) -> None:
        values = {"notes-filter.data": random.choice(FILTERS), "notes-refresh.data": 0}
        self.callback("notes: totals", "notes-total.children", values, "notes-filter.data")

    @task(4)
    def counters(self) -> None:
        values = {"counters-tick.n_intervals": 1, "counters-refresh.data": 0}
        self.callback("counters", "counter-incoming.children", values)

    @task(2)
    def my_day(self) -> None:
        self.callback("my day", "myday-greeting.children", {"url.pathname": "/"})

    @task(3)
    def board(self) -> None:
        values = {"board-query.data": "", "board-refresh.data": 0, "board-limits.data": {}}
        shown = self.callback("board", "board-cards.data", values)
        columns = shown.get("board-cards", {}).get("data", {}).get("columns", {})
        self.board_cards = [
            c for name, cards in columns.items() if name != "overdue" for c in cards
        ]

    @task(2)
    def move_a_card(self) -> None:
        if not self.board_cards:
            return
        card = self.board_cards.pop(random.randrange(len(self.board_cards)))
        request = {"note": card["id"], "version": card["version"], "to": "later"}
        values = {"board-move-request.data": request, "board-refresh.data": 0}
        shown = self.callback("board: move", "board-message.children", values)
        alert = shown.get("board-message", {}).get("children", {})
        if isinstance(alert, dict) and alert.get("props", {}).get("color") == "success":
            DONE[("move", card["id"])] += 1

    @task(1)
    def export_csv(self) -> None:
        with self.client.get(
            "/export/notes.csv?overdue=1&q=devis",
            name="export: csv",
            stream=True,
            catch_response=True,
        ) as answer:
            size = sum(len(block) for block in answer.iter_content(65536))
            if answer.status_code != 200 or size == 0:
                answer.failure(f"{answer.status_code}, {size} bytes")


class Rep(Person):
    weight = 3
    emails = REPS


class Manager(Person):
    weight = 1
    emails = MANAGERS

    @task(2)
    def bulk_reassign(self) -> None:
        if len(self.board_cards) < 3 or not TEAM_REPS:
            return
        chosen = [self.board_cards.pop(random.randrange(len(self.board_cards))) for _ in range(3)]
        values = {
            "bulk-submit.n_clicks": 1,
            "notes-grid.selectedRows": [{"id": card["id"]} for card in chosen],
            "bulk-rep.value": random.choice(TEAM_REPS),
            "notes-query.data": "",
            "notes-refresh.data": 0,
        }
        shown = self.callback(
            "bulk reassign", "bulk-result.children", values, "bulk-submit.n_clicks"
        )
        if shown.get("bulk-batch", {}).get("data"):
            for card in chosen:
                DONE[("bulk", card["id"])] += 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(url: str, now: datetime, workers: int, threads: int, log: Path) -> tuple:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "load",
        "RELANCE_NOW": now.isoformat(),
        "RELANCE_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "RELANCE_THREADS": str(threads),
        "RELANCE_ACCESS_LOG": str(log.with_suffix(".access")),
        "RATELIMIT_STORAGE_URI": os.environ.get(
            "RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/14"
        ),
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                return process, base
        except requests.RequestException:
            time.sleep(0.5)
    process.kill()
    sys.exit(f"gunicorn did not come up: {log.read_text()[-2000:]}")


def team_reps(db: Database) -> list[int]:
    """The reps of the manager's teams: where the managers' bulk reassigns send tasks."""
    with db.session() as s:
        manager = s.scalar(select(User.id).where(User.email == MANAGERS[0]))
        teams = select(team_member.c.team_id).where(team_member.c.user_id == manager)
        members = select(team_member.c.user_id).where(team_member.c.team_id.in_(teams))
        query = select(User.id).where(User.id.in_(members), User.role == "rep", User.active)
        return list(s.scalars(query))


def last_audit_id(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.max(AuditEvent.id))) or 0


def write_check(db: Database, after_id: int) -> dict:
    """The audit written during the run against what the users were told; and each touched
    note's version against all its audit rows (a seeded note starts at version 1, unaudited:
    every write since bumped it once and wrote one row)."""
    with db.session() as s:
        rows = s.execute(
            select(AuditEvent.action, AuditEvent.target_id).where(
                AuditEvent.id > after_id, AuditEvent.target_type == "note"
            )
        ).all()
        audited = Counter(
            ("move" if action == "note.move" else "bulk", target) for action, target in rows
        )
        notes = {target for _, target in audited}
        ever = dict(
            s.execute(
                select(AuditEvent.target_id, func.count())
                .where(AuditEvent.target_type == "note", AuditEvent.target_id.in_(notes))
                .group_by(AuditEvent.target_id)
            ).all()
        )
        versions = dict(s.execute(select(Note.id, Note.version).where(Note.id.in_(notes))).all())
    return {
        "told": sum(DONE.values()),
        "audited": sum(audited.values()),
        "lost": sum((DONE - audited).values()),
        "differences": sorted((DONE - audited) + (audited - DONE))[:10],
        "unannounced": sum((audited - DONE).values()),
        "versions_off": sum(1 for n in notes if versions[n] - 1 != ever.get(n, 0)),
        "actions": Counter(action for action, _ in rows),
    }


def callbacks_entry(env: Environment) -> StatsEntry:
    """Every callback request together (their p95 is the goal's)."""
    together = StatsEntry(env.stats, "callbacks", "", use_response_times_cache=False)
    for (name, _method), entry in env.stats.entries.items():
        if name in CALLBACK_NAMES:
            together.extend(entry)
    return together


def ramp_lines(env: Environment) -> str:
    """The ramp (users arriving and signing in, then the warm-up), in one line per request."""
    parts = [
        f"{name} {entry.num_requests} (median {entry.median_response_time:.0f} ms, p95 "
        f"{entry.get_response_time_percentile(0.95):.0f} ms, {entry.num_failures} errors)"
        for (name, _method), entry in sorted(env.stats.entries.items())
    ]
    return "\nRamp and warm-up, not in the table: " + "; ".join(parts) + ".\n"


def table(env: Environment, check: dict, args, seconds: float) -> str:
    pace = f"{args.think[0]:g}-{args.think[1]:g} s"
    lines = [
        f"Load: {args.users} users for {seconds:.0f} s, each waiting {pace} between actions, "
        f"gunicorn {args.workers} workers × {args.threads} threads, PostgreSQL, "
        f"{args.notes:,} notes (p95 goal for callbacks: {GOAL_P95_MS} ms); measured from "
        f"{args.warm_up:g} s after the last user signed in.",
        "",
        "| request | count | errors | median | p95 | max |",
        "| --- | --: | --: | --: | --: | --: |",
    ]
    entries = sorted((k, e) for k, e in env.stats.entries.items() if e.num_requests)
    for name, entry in [(name, entry) for (name, _method), entry in entries] + [
        ("**callbacks**", callbacks_entry(env)),
        ("**all**", env.stats.total),
    ]:
        p95 = entry.get_response_time_percentile(0.95)
        median, worst = entry.median_response_time, entry.max_response_time
        lines.append(
            f"| {name} | {entry.num_requests:,} | {entry.num_failures} | "
            f"{median:.0f} ms | {p95:.0f} ms | {worst:.0f} ms |"
        )
    lines += [
        "",
        f"Writes: {check['told']} announced as done to the users, {check['audited']} audit rows "
        f"({dict(check['actions'])}); lost {check['lost']}, unannounced {check['unannounced']}, "
        f"notes whose version disagrees with their audit rows: "
        f"{check['versions_off']}.",
    ]
    if check["lost"] or check["unannounced"]:
        lines.append(f"Differences (kind, note): {check['differences']}")
    if env.stats.errors:
        lines += ["", "Errors:"] + [
            f"- {error.name}: {error.error} ×{error.occurrences}"
            for error in list(env.stats.errors.values())[:10]
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = bench_parser(__doc__, DEFAULT_BENCH_PG, reuse_help="keep the seeded database")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--warm-up",
        type=float,
        default=10,
        help="seconds after the last user signed in before the measured window starts",
    )
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(0.5, 2.5),
        metavar=("MIN", "MAX"),
        help="seconds each user waits between two actions (default: a busy 0.5-2.5)",
    )
    args = parser.parse_args()
    Person.wait_time = between(*args.think)
    stamp = provenance()
    ensure_pg_database(args.pg_url)
    workdir = Path(tempfile.mkdtemp(prefix="relance-load-"))
    now = prepare("postgresql", args.pg_url, workdir, args.notes, args.reuse)
    db = Database(args.pg_url)
    TEAM_REPS.extend(team_reps(db))
    after_id = last_audit_id(db)
    process, base = serve(args.pg_url, now, args.workers, args.threads, workdir / "gunicorn.log")
    try:
        # Users finish the task they are in when time is up: a write cut off mid-request would
        # be applied by the server yet never announced to its user (one "unannounced" move).
        env = Environment(
            user_classes=[Rep, Manager], host=base, events=locust.events, stop_timeout=60
        )
        runner = env.create_local_runner()
        runner.start(args.users, spawn_rate=min(args.users, 10))
        # The users sign in as they arrive (argon2: a burst of CPU by design). The measured
        # window starts once they are all in and `--warm-up` more seconds have passed, as
        # locust's --reset-stats does; the ramp's own figures are kept apart.
        while runner.user_count < args.users:
            gevent.sleep(0.2)
        gevent.sleep(args.warm_up)
        ramp, ramp_failures = ramp_lines(env), env.stats.total.num_failures
        env.stats.reset_all()
        started = time.monotonic()
        gevent.spawn_later(args.seconds, lambda: (runner.stop(), runner.quit()))
        runner.greenlet.join()
        elapsed = time.monotonic() - started
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    check = write_check(db, after_id)
    db.dispose()
    with recorded(args.out, stamp):
        print(table(env, check, args, elapsed) + ramp)
    wrong = check["lost"] + check["unannounced"] + check["versions_off"]
    failures = ramp_failures + env.stats.total.num_failures
    sys.exit(0 if failures == 0 and not wrong else 1)


if __name__ == "__main__":
    main()
