"""How long each screen takes in a real browser, from navigation to content shown and usable.

Headless Chromium (Debian's chromium and chromedriver, window 1600×1000) signs in once per
person (admin, manager, rep1 of the demo) and, for each screen, navigates to it (one warm-up,
then --runs fresh navigations, default 10) and times from `driver.get` until the screen's
condition holds and a script round-trip comes back within 0.1 s (benchmarks/browser_screens.py
says what each screen waits for). A screen not ready within its timeout is recorded as
"> N s" and its browser restarted. It prints median and p95 (nearest rank) per database,
person and screen against the goal (1.5 s; /notes 1.0 s from 1,000,000 notes), then the
heaviest Dash callback response of each screen (size on the wire, server time = request sent
to response headers, both medians), from Chromium's network log.

Each database is served by gunicorn started from this checkout (1 worker, 8 threads, a free
port in --ports). Point it at existing databases, seeded by `flask --app app seed-demo`:

    python benchmarks/browser.py --url "SQLite 20k=sqlite:////work/bench/demo20k.db" \\
        --url "PostgreSQL 1M=postgresql+psycopg://postgres@127.0.0.1:5432/relance_bench"

Without --url it measures what `make bench` seeds: a 20,000-note SQLite demo, and the
--notes databases of benchmarks/export.py (with --reuse, those it seeded earlier; SQLite in
--sqlite-dir), served at their seed instant.

    python benchmarks/browser.py --backend both --reuse --sqlite-dir /tmp/relance-bench
"""

from __future__ import annotations

import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from benchmarks.bench_db import DEFAULT_BENCH_PG, bench_parser, ensure_pg_database  # noqa: E402
from benchmarks.browser_screens import SCREENS, Run, Session, median, percentile  # noqa: E402
from benchmarks.export import PASSWORD, Server, prepare, sqlite_url  # noqa: E402
from benchmarks.recording import recorded  # noqa: E402
from data.db import Database  # noqa: E402

ROLES = {
    "admin": "admin@demo.relance",
    "manager": "manager@demo.relance",
    "rep1": "rep1@demo.relance",
}
GOAL_SECONDS = 1.5
NOTES_GOAL_AT_1M = 1.0  # /notes' first row at a million notes (issue 17)
DEMO_NOTES = 20_000


@dataclass
class Target:
    label: str
    url: str
    now: datetime | None  # the clock to serve with; None: the real one
    notes: int = 0


@dataclass
class Result:
    target: Target
    role: str
    screen: str
    runs: list[Run] = field(default_factory=list)
    timeout: float = 0.0


def human(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def count_notes(url: str) -> int:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return int(conn.scalar(text("SELECT count(*) FROM note")))
    finally:
        db.dispose()


def targets_from(args) -> list[Target]:
    if args.url:
        targets = []
        for given in args.url:
            label, sep, url = given.partition("=")
            if not sep or not url:
                sys.exit(f"--url {given!r}: write LABEL=URL, e.g. 'SQLite 20k=sqlite:///x.db'")
            targets.append(Target(label.strip(), url.strip(), None))
        return targets
    # What `make bench` seeds: the demo, and benchmarks/export.py's databases.
    workdir = args.sqlite_dir or Path(tempfile.mkdtemp(prefix="relance-browser-"))
    (workdir / "demo").mkdir(parents=True, exist_ok=True)
    demo_url = sqlite_url(workdir / "demo")
    demo_now = prepare("sqlite", demo_url, workdir / "demo", DEMO_NOTES, args.reuse)
    targets = [Target(f"SQLite {human(DEMO_NOTES)}", demo_url, demo_now)]
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    for backend in backends:
        if backend == "postgresql":
            ensure_pg_database(args.pg_url)
        url = args.pg_url if backend == "postgresql" else sqlite_url(workdir)
        now = prepare(backend, url, workdir, args.notes, args.reuse)
        name = "PostgreSQL" if backend == "postgresql" else "SQLite"
        targets.append(Target(f"{name} {human(args.notes)}", url, now))
    return targets


def screen_timeouts(args) -> dict[str, float]:
    timeouts = {name: args.timeout for name in SCREENS}
    for given in args.screen_timeout or []:
        name, _, seconds = given.partition("=")
        if name not in SCREENS or not seconds:
            sys.exit(f"--screen-timeout {given!r}: write SCREEN=SECONDS, e.g. board=150")
        timeouts[name] = float(seconds)
    return timeouts


def chosen(given: str | None, known, what: str) -> list[str]:
    names = [n.strip() for n in (given or ",".join(known)).split(",") if n.strip()]
    if unknown := [n for n in names if n not in known]:
        sys.exit(f"unknown {what} {unknown}: choose among {list(known)}")
    return names


def measure(target: Target, args, roles, screens, timeouts, results: list[Result]) -> None:
    """Each screen's result is appended to `results` as soon as it is complete."""
    target.notes = count_notes(target.url)
    workdir = Path(tempfile.mkdtemp(prefix="relance-browser-server-"))
    server = Server(target.url, target.now, workdir, threads=8, ports=args.ports)
    try:
        for role in roles:
            session = Session(server.base, ROLES[role], PASSWORD, max(timeouts.values()))
            try:
                for name in screens:
                    result = Result(target, role, name, timeout=timeouts[name])
                    warm = session.visit(SCREENS[name], timeouts[name])
                    log(f"{target.label} {role} {name}: warm-up {shown(warm.seconds, result)}")
                    for _ in range(args.runs):
                        result.runs.append(session.visit(SCREENS[name], timeouts[name]))
                        log(f"  {shown(result.runs[-1].seconds, result)}")
                    results.append(result)
            finally:
                session.quit()
    finally:
        server.stop()


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def seconds_of(result: Result) -> list[float]:
    return [r.seconds if r.seconds is not None else float("inf") for r in result.runs]


def shown(seconds: float | None, result: Result) -> str:
    if seconds is None or seconds == float("inf"):
        return f"> {result.timeout:g} s"
    return f"{seconds:.2f} s"


def goal_of(result: Result) -> float:
    if result.screen == "notes" and result.target.notes >= 1_000_000:
        return NOTES_GOAL_AT_1M
    return GOAL_SECONDS


def print_tables(results: list[Result], args, roles, screens) -> None:
    runs = f"{args.runs} runs" if args.runs > 1 else "1 run"
    print(
        f"Browser: headless Chromium 1600×1000, navigation → content shown and usable; "
        f"median and p95 (nearest rank) of {runs} after a warm-up; gunicorn 1 worker, "
        f"8 threads, on this machine. Roles: {', '.join(roles)}."
    )
    print()
    for name in screens:
        print(f"- `{SCREENS[name].path}`: {SCREENS[name].shows}")
    print()
    print("| database | role | screen | median | p95 | goal | met |")
    print("| --- | --- | --- | --: | --: | --: | --- |")
    for r in results:
        samples = seconds_of(r)
        p95, goal = percentile(samples, 0.95), goal_of(r)
        print(
            f"| {r.target.label} | {r.role} | `{SCREENS[r.screen].path}` "
            f"| {shown(median(samples), r)} | {shown(p95, r)} | {goal:g} s "
            f"| {'yes' if p95 <= goal else 'no'} |"
        )
    print()
    print("Heaviest Dash callback response per screen (median of the timed runs):")
    print()
    print("| database | role | screen | outputs | size | server time |")
    print("| --- | --- | --- | --- | --: | --: |")
    for r in results:
        heaviest = [h for h in (run.heaviest() for run in r.runs) if h is not None]
        if not heaviest:
            print(f"| {r.target.label} | {r.role} | `{SCREENS[r.screen].path}` | — | — | — |")
            continue
        outputs = max(heaviest, key=lambda h: h.bytes).outputs
        size = median([h.bytes for h in heaviest]) / 1000
        server_ms = median([h.server_ms for h in heaviest])
        print(
            f"| {r.target.label} | {r.role} | `{SCREENS[r.screen].path}` | `{outputs}` "
            f"| {size:,.0f} KB | {server_ms:,.0f} ms |"
        )


def port_range(given: str) -> range:
    first, _, last = given.partition("-")
    return range(int(first), int(last or first) + 1)


def main() -> None:
    parser = bench_parser(
        __doc__.split("\n\n")[0],
        DEFAULT_BENCH_PG,
        reuse_help="without --url: keep the databases seeded earlier with the same --notes",
    )
    parser.add_argument(
        "--url",
        action="append",
        help='LABEL=URL of an existing database, e.g. "PostgreSQL 1M=postgresql+psycopg://…"; '
        "repeatable; nothing is written to it but the sign-ins",
    )
    parser.add_argument("--runs", type=int, default=10, help="timed navigations per screen")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per navigation")
    parser.add_argument(
        "--screen-timeout", action="append", help="SCREEN=SECONDS for one screen, e.g. board=150"
    )
    parser.add_argument("--screens", help=f"comma-separated, among {','.join(SCREENS)}")
    parser.add_argument("--roles", help=f"comma-separated, among {','.join(ROLES)}")
    parser.add_argument(
        "--ports", type=port_range, default=port_range("8062-8069"), help="for gunicorn"
    )
    args = parser.parse_args()
    # Ctrl-C or a plain `kill`: stop gunicorn and Chromium, print what was measured.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    roles = chosen(args.roles, ROLES, "roles")
    screens = chosen(args.screens, SCREENS, "screens")
    timeouts = screen_timeouts(args)
    with recorded(args.out):
        started = time.perf_counter()
        results: list[Result] = []
        try:
            for target in targets_from(args):
                measure(target, args, roles, screens, timeouts, results)
        except KeyboardInterrupt:
            log("interrupted: the tables hold the screens measured so far")
        print_tables(results, args, roles, screens)
        log(f"whole run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
