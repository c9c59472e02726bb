"""How fast /export/notes.csv streams at scale, through the real server, against the database's
own export of the same query.

On a seeded demo (default 1,000,000 notes) it starts the app as in production,

    gunicorn --workers 1 --threads 4 --bind 127.0.0.1:<free port in 8070-8079> 'app:server'

(DATABASE_URL = the bench database, SECRET_KEY=bench, RELANCE_NOW = the seed's instant), signs
in with a `requests.Session` (GET /login, its hidden csrf_token, POST e-mail and password) as
admin@demo.relance (who sees every note) and as manager@demo.relance, and for each query
string (default: "" = the open notes, "completed=1" = every note, "overdue=1") streams
GET /export/notes.csv?<query> (stream=True), recording:

- first byte: from sending the request to the first chunk (the header line);
- first row: to the first chunk that completes a data row (the query's start-up shows here);
- total, bytes, rows (newlines minus the header; a csv.reader pass instead when a body or a
  customer name holds a line break) and rows/s;
- peak RSS growth of the gunicorn worker: its VmRSS (/proc/<pid>/status) sampled every 50 ms
  from just before the request to its end, peak minus the sample just before. Each (viewer,
  query) gets a freshly started server, and the growth reported is the largest of all its
  runs, warm-up included (memory freed by one run is reused by the next, which would hide it).

The floor is the very SQL the export hands to the driver (captured with a
`before_cursor_execute` listener, parameters inlined with psycopg's `mogrify`) run as
`COPY (<sql>) TO STDOUT WITH CSV HEADER` through psycopg 3's `cursor.copy`, every block read
and written to /dev/null, on an open connection. SQLite has no COPY: its floor is a bare
sqlite3 cursor running the same SQL and parameters, fetchmany(2,000), rows written with
csv.writer to /dev/null (labelled "sqlite3+csv"). On PostgreSQL the export itself relays
a COPY too (data/export/copy_stream.py `CopyStream`: the same query with every cell shaped
as the CSV's text in SQL), so there the ratio is the price of that shaping, the scope and the
relay.
Ratio = export total / floor total. One warm-up, then median of --repeat runs (default 3),
export and floor alternated. The XLSX export (/export/notes.xlsx) is timed for the "overdue=1"
query only, informational.

    python benchmarks/export.py --notes 1000000 --backend both

Goals (issue): first byte <= 1 s, peak growth <= 100 MB, total <= 3x the COPY floor.

The PostgreSQL run uses its own database (default `relance_bench`, created when missing),
wipes its public schema and seeds it; it refuses the `test` database, and refuses to wipe
while another session uses it. --reuse keeps a database this script seeded earlier with the
same --notes (a marker table records the count and the seed instant; other benchmarks wipe
it); SQLite needs --sqlite-dir for that. Plans (EXPLAIN ANALYZE) of the export SQL with --explain.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
import requests  # noqa: E402
from sqlalchemy import event, func, or_, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from benchmarks.bench_db import DEFAULT_BENCH_PG, bench_parser, ensure_pg_database  # noqa: E402
from benchmarks.recording import provenance, recorded  # noqa: E402
from data import clock  # noqa: E402
from data.clock import parse_instant  # noqa: E402
from data.db import Database  # noqa: E402
from data.export import BLOCK, plan_export  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.models import Customer, Note, User  # noqa: E402
from data.notes import count_notes  # noqa: E402
from data.scope import Viewer, load_viewer  # noqa: E402
from demo.seed import seed_demo  # noqa: E402

DEFAULT_QUERIES = ("", "completed=1", "overdue=1")
XLSX_QUERY = "overdue=1"
VIEWERS = {"admin": "admin@demo.relance", "manager": "manager@demo.relance"}
PASSWORD = "demo"  # noqa: S105 (seed_demo's default password)
PORTS = range(8070, 8080)
MARKER = "bench_export_seed"
SAMPLE_SECONDS = 0.05
GOAL_FIRST_BYTE = 1.0
GOAL_GROWTH_MB = 100.0
GOAL_RATIO = 3.0
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


# --- databases ----------------------------------------------------------------------------


def sqlite_url(workdir: Path) -> str:
    return f"sqlite:///{workdir / 'export_bench.db'}"


def seeded_marker(url: str) -> tuple[int, datetime] | None:
    """(notes, seed instant) when this script seeded the database, else None."""
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            row = conn.execute(text(f"SELECT notes, seeded_at FROM {MARKER}")).first()  # noqa: S608
    except Exception:  # no database, no table: not ours
        return None
    finally:
        db.dispose()
    return (row[0], parse_instant(row[1])) if row else None


def wipe(backend: str, url: str, workdir: Path) -> None:
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(str(workdir / "export_bench.db") + suffix).unlink(missing_ok=True)
        return
    db = Database(url)
    try:
        with db.engine.begin() as conn:
            others = conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            if others:
                sys.exit(f"{others} other session(s) use {db.engine.url.database}: not wiping it")
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        db.dispose()


def prepare(backend: str, url: str, workdir: Path, notes: int, reuse: bool) -> datetime:
    """Seed (or, with --reuse, keep) the database; returns the seed instant."""
    if reuse:
        marker = seeded_marker(url)
        if marker and marker[0] == notes:
            print(f"[{backend}] reusing {notes:,} notes seeded at {marker[1]}", file=sys.stderr)
            return marker[1]
        print(f"[{backend}] nothing to reuse ({marker}): seeding", file=sys.stderr)
    wipe(backend, url, workdir)
    upgrade(url)
    now = clock.now()
    db = Database(url)
    try:
        print(f"[{backend}] seeding {notes:,} notes…", file=sys.stderr)
        summary = seed_demo(db, notes=notes, progress=True, now=now)
        print(f"[{backend}] seeded in {summary.seconds:.0f} s", file=sys.stderr)
        with db.engine.begin() as conn:
            conn.execute(text(f"CREATE TABLE {MARKER} (notes INTEGER, seeded_at VARCHAR(40))"))
            conn.execute(
                text(f"INSERT INTO {MARKER} VALUES (:n, :at)"),  # noqa: S608
                {"n": notes, "at": now.isoformat()},
            )
    finally:
        db.dispose()
    return now


def viewer_of(db: Database, email: str) -> Viewer:
    with db.session() as s:
        uid = s.scalar(select(User.id).where(User.email == email))
        viewer = load_viewer(s, uid) if uid else None
    if viewer is None:
        sys.exit(f"no user {email} in the database: is it the demo?")
    return viewer


def has_line_breaks(db: Database) -> bool:
    """Whether a body or customer name holds a line break (then newlines are not rows)."""
    breaks = lambda column: or_(column.contains("\n"), column.contains("\r"))  # noqa: E731
    with db.session() as s:
        notes = s.scalar(select(func.count()).select_from(Note).where(breaks(Note.body)))
        names = s.scalar(select(func.count()).select_from(Customer).where(breaks(Customer.name)))
    return bool(notes or names)


# --- the export's SQL and its floor -------------------------------------------------------


@dataclass
class Statement:
    sql: str
    parameters: object
    literal: str = ""  # PostgreSQL: the parameters inlined, for COPY and EXPLAIN


def export_statement(db: Database, viewer: Viewer, query: str, now: datetime) -> Statement:
    """The statement and parameters the export hands to the driver, as stream_rows runs it."""
    with db.session() as s:
        plan = plan_export(s, viewer, query, now)
    seen: list[Statement] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        seen.append(Statement(statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        with db.engine.connect() as conn:
            opts = conn.execution_options(stream_results=True, yield_per=BLOCK)
            opts.execute(plan.query).close()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    statement = seen[-1]
    if db.engine.dialect.name == "postgresql":
        with psycopg.connect(libpq_url(db.url)) as conn:
            statement.literal = psycopg.ClientCursor(conn).mogrify(
                statement.sql, statement.parameters
            )
    return statement


def libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@dataclass
class Run:
    first_byte: float
    first_row: float
    total: float
    rows: int
    size: int = 0
    growth_mb: float = 0.0


def copy_floor(conn: psycopg.Connection, statement: Statement) -> Run:
    """COPY (<sql>) TO STDOUT WITH CSV HEADER, every block read and written to /dev/null."""
    first_byte = first_row = 0.0
    blocks = size = 0
    with conn.cursor() as cur, open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        with cur.copy(f"COPY ({statement.literal}) TO STDOUT WITH CSV HEADER") as copy:
            for data in copy:
                blocks += 1
                if blocks == 1:
                    first_byte = time.perf_counter() - start
                elif blocks == 2:
                    first_row = time.perf_counter() - start
                size += len(data)
                sink.write(data)
        total = time.perf_counter() - start
        rows = cur.rowcount
    return Run(first_byte, first_row, total, rows, size)


def sqlite_floor(path: str, statement: Statement, header_size: int) -> Run:
    """The same SQL on a bare sqlite3 cursor, rows written by csv.writer to /dev/null."""
    conn = sqlite3.connect(path)
    try:
        with open(os.devnull, "w", newline="") as sink:
            start = time.perf_counter()
            writer = csv.writer(sink)
            cur = conn.execute(statement.sql, statement.parameters)
            writer.writerow([d[0] for d in cur.description][:header_size])
            first_byte = time.perf_counter() - start
            first_row, rows = 0.0, 0
            while block := cur.fetchmany(BLOCK):
                if not rows:
                    first_row = time.perf_counter() - start
                writer.writerows(block)
                rows += len(block)
            total = time.perf_counter() - start
    finally:
        conn.close()
    return Run(first_byte, first_row, total, rows)


# --- the server ---------------------------------------------------------------------------


def free_port(ports: range = PORTS) -> int:
    for port in ports:
        with socket.socket() as probe:
            # As gunicorn binds: a port whose old connections are in TIME_WAIT is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    sys.exit(f"no free port in {ports.start}-{ports.stop - 1}")


class Server:
    """gunicorn serving app:server on the bench database; always stopped by `stop`.
    `now` None: the real clock (a database seeded by someone else, at their instant)."""

    def __init__(
        self,
        url: str,
        now: datetime | None,
        workdir: Path,
        threads: int = 4,
        ports: range = PORTS,
    ) -> None:
        self.port = free_port(ports)
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench"}
        env.pop("RELANCE_ENV", None)
        env.pop("RELANCE_NOW", None)
        if now is not None:
            env["RELANCE_NOW"] = now.isoformat()
        self.log_path = workdir / f"gunicorn-{self.port}.log"
        self.log = self.log_path.open("wb")
        command = [sys.executable, "-m", "gunicorn", "--workers", "1", "--threads", str(threads)]
        command += ["--bind", f"127.0.0.1:{self.port}", "--timeout", "600", "app:server"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait_ready()

    def _wait_ready(self, seconds: float = 90.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.25)
        self.stop()
        tail = self.log_path.read_text(errors="replace")[-3000:]
        sys.exit(f"gunicorn did not come up on {self.base}:\n{tail}")

    def worker_pid(self) -> int:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split()
        if len(pids) != 1:
            sys.exit(f"expected one gunicorn worker, found {pids}")
        return int(pids[0])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def sign_in(base: str, email: str) -> requests.Session:
    session = requests.Session()
    page = session.get(base + "/login", timeout=30)
    found = CSRF.search(page.text)
    if not found:
        sys.exit("no csrf_token on /login")
    token = found.group(1) or found.group(2)
    answer = session.post(
        base + "/login",
        data={"csrf_token": token, "email": email, "password": PASSWORD},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        sys.exit(f"sign-in as {email} failed: {answer.status_code}")
    return session


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class RssPeak:
    """The worker's VmRSS just before the block, and its peak during it (sampled)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.before = self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, rss_kib(self.pid))

    def __enter__(self) -> RssPeak:
        self.before = self.peak = rss_kib(self.pid)
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, rss_kib(self.pid))

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.before) / 1024


def csv_rows(chunks) -> int:
    """Data rows of a CSV byte stream, quoted line breaks and all (csv.reader)."""
    decoder = codecs.getincrementaldecoder("utf-8")()

    def lines():
        pending = ""
        for chunk in chunks:
            pending += decoder.decode(chunk)
            *complete, pending = pending.split("\n")
            for line in complete:
                yield line + "\n"
        if pending:
            yield pending

    return sum(1 for _ in csv.reader(lines())) - 1


def fetch(session: requests.Session, url: str, pid: int, parse: bool) -> Run:
    """Stream one export; times, size, rows and the worker's peak RSS growth."""
    with RssPeak(pid) as rss:
        start = time.perf_counter()
        first_byte = first_row = 0.0
        newlines = size = 0
        kept: list[bytes] = []
        with session.get(url, stream=True, allow_redirects=False, timeout=(10, 1800)) as answer:
            if answer.status_code != 200:
                sys.exit(f"{url}: {answer.status_code} {answer.text[:300]}")
            for chunk in answer.iter_content(chunk_size=None):
                if not size:
                    first_byte = time.perf_counter() - start
                size += len(chunk)
                newlines += chunk.count(b"\n")
                if not first_row and newlines >= 2:
                    first_row = time.perf_counter() - start
                if parse:
                    kept.append(chunk)
        total = time.perf_counter() - start
    rows = csv_rows(kept) if parse else newlines - 1
    return Run(first_byte, first_row, total, rows, size, rss.growth_mb)


# --- measuring ----------------------------------------------------------------------------


@dataclass
class Case:
    backend: str
    viewer: str
    query: str
    expected: int
    floor_label: str
    exports: list[Run] = field(default_factory=list)
    floors: list[Run] = field(default_factory=list)
    growth_mb: float = 0.0  # the largest of all runs, warm-up included
    rss_start_mb: float = 0.0

    def median(self, runs: list[Run], name: str) -> float:
        return statistics.median(getattr(r, name) for r in runs)

    @property
    def rows(self) -> int:
        return self.exports[0].rows

    @property
    def ratio(self) -> float:
        return self.median(self.exports, "total") / self.median(self.floors, "total")


def measure_csv(ctx: dict, viewer_name: str, query: str, repeat: int) -> Case:
    db, backend, now = ctx["db"], ctx["backend"], ctx["now"]
    viewer = viewer_of(db, VIEWERS[viewer_name])
    with db.session() as s:
        plan = plan_export(s, viewer, query, now)
        expected = count_notes(s, viewer, plan.flt, now)
    statement = export_statement(db, viewer, query, now)
    conn = None
    if backend == "postgresql":
        conn = psycopg.connect(libpq_url(db.url), autocommit=True)
        floor = lambda: copy_floor(conn, statement)  # noqa: E731
        label = "COPY"
    else:
        path = make_url(db.url).database
        floor = lambda: sqlite_floor(path, statement, len(plan.header))  # noqa: E731
        label = "sqlite3+csv"
    case = Case(backend, viewer_name, query, expected, label)
    server = None
    try:
        server = Server(db.url, now, ctx["workdir"])
        session = sign_in(server.base, VIEWERS[viewer_name])
        pid = server.worker_pid()
        case.rss_start_mb = rss_kib(pid) / 1024
        url = f"{server.base}/export/notes.csv?{query}"
        growth = [fetch(session, url, pid, ctx["parse"]).growth_mb]  # warm-up
        floor()
        for _ in range(repeat):
            run = fetch(session, url, pid, ctx["parse"])
            growth.append(run.growth_mb)
            case.exports.append(run)
            case.floors.append(floor())
            print(
                f"[{backend}] {viewer_name} {query or '(open)'}: {run.rows:,} rows, "
                f"first byte {run.first_byte:.3f} s, first row {run.first_row:.2f} s, "
                f"total {run.total:.2f} s, +{run.growth_mb:.0f} MB; "
                f"{label} {case.floors[-1].total:.2f} s",
                file=sys.stderr,
            )
        if server.worker_pid() != pid:
            sys.exit("the gunicorn worker was restarted during the runs")
        case.growth_mb = max(growth)
    finally:
        if server is not None:
            server.stop()
        if conn is not None:
            conn.close()
    for run in case.exports + case.floors:
        if run.rows != expected:
            print(
                f"[{backend}] {viewer_name} {query!r}: {run.rows:,} rows, expected {expected:,}",
                file=sys.stderr,
            )
    return case


@dataclass
class XlsxCase:
    backend: str
    query: str
    rows: int
    totals: list[float]
    size: int
    growth_mb: float


def measure_xlsx(ctx: dict, repeat: int) -> XlsxCase:
    db, now = ctx["db"], ctx["now"]
    viewer = viewer_of(db, VIEWERS["admin"])
    with db.session() as s:
        plan = plan_export(s, viewer, XLSX_QUERY, now)
        rows = count_notes(s, viewer, plan.flt, now)
    server = Server(db.url, now, ctx["workdir"])
    totals, growth, size = [], [], 0
    try:
        session = sign_in(server.base, VIEWERS["admin"])
        pid = server.worker_pid()
        url = f"{server.base}/export/notes.xlsx?{XLSX_QUERY}"
        for attempt in range(repeat + 1):  # the first one is the warm-up
            with RssPeak(pid) as rss:
                start = time.perf_counter()
                answer = session.get(url, allow_redirects=False, timeout=(10, 1800))
                seconds = time.perf_counter() - start
            if answer.status_code != 200:
                sys.exit(f"{url}: {answer.status_code} {answer.text[:300]}")
            size = len(answer.content)
            growth.append(rss.growth_mb)
            if attempt:
                totals.append(seconds)
    finally:
        server.stop()
    print(f"[{ctx['backend']}] xlsx {XLSX_QUERY}: {totals}, +{max(growth):.0f} MB", file=sys.stderr)
    return XlsxCase(ctx["backend"], XLSX_QUERY, rows, totals, size, max(growth))


def explain(db: Database, statement: Statement) -> str:
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        if db.engine.dialect.name == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement.literal)
            lines = [row[0] for row in cursor.fetchall()]
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + statement.sql, statement.parameters)
            lines = [row[-1] for row in cursor.fetchall()]
        cursor.close()
    finally:
        raw.close()
    return "\n".join(lines)


# --- report -------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def print_tables(cases: list[Case], xlsx: list[XlsxCase], notes: int, repeat: int) -> None:
    print()
    print(
        f"CSV export through gunicorn (1 worker, 4 threads), {notes:,} notes; median of "
        f"{repeat} runs after a warm-up, export and floor alternated. Floor: PostgreSQL "
        "`COPY (same SQL) TO STDOUT WITH CSV HEADER` via psycopg; SQLite (no COPY): bare "
        "sqlite3 cursor + csv.writer. Peak growth: worker VmRSS, largest of all runs of a "
        "freshly started server."
    )
    print(
        f"Goals: first byte <= {GOAL_FIRST_BYTE:g} s, peak growth <= {GOAL_GROWTH_MB:g} MB, "
        f"total <= {GOAL_RATIO:g}x the floor."
    )
    print()
    print(
        "| backend | viewer | query | rows | first byte (s) | first row (s) | total (s) "
        "| rows/s | MB | worker RSS (MB) | peak growth (MB) | floor | floor first row (s) "
        f"| floor total (s) | ratio | goal <= {GOAL_FIRST_BYTE:g} s | goal <= "
        f"{GOAL_GROWTH_MB:g} MB | goal <= {GOAL_RATIO:g}x |"
    )
    print("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|---|---|---|")
    for c in cases:
        total = c.median(c.exports, "total")
        first = c.median(c.exports, "first_byte")
        ratio_ok = c.backend == "postgresql" and c.ratio <= GOAL_RATIO
        ratio_goal = verdict(ratio_ok) if c.backend == "postgresql" else "n/a (no COPY)"
        print(
            f"| {c.backend} | {c.viewer} | `{c.query or '(open notes)'}` | {c.rows:,} "
            f"| {first:.3f} | {c.median(c.exports, 'first_row'):.2f} | {total:.2f} "
            f"| {c.rows / total:,.0f} | {c.median(c.exports, 'size') / 1e6:.0f} "
            f"| {c.rss_start_mb:.0f} | {c.growth_mb:.1f} | {c.floor_label} "
            f"| {c.median(c.floors, 'first_row'):.2f} | {c.median(c.floors, 'total'):.2f} "
            f"| {c.ratio:.1f}x | {verdict(first <= GOAL_FIRST_BYTE)} "
            f"| {verdict(c.growth_mb <= GOAL_GROWTH_MB)} | {ratio_goal} |"
        )
    if xlsx:
        print()
        print("XLSX export (informational), the same server setup:")
        print()
        print("| backend | query | rows | total (s) | rows/s | MB | peak growth (MB) |")
        print("|---|---|--:|--:|--:|--:|--:|")
        for x in xlsx:
            total = statistics.median(x.totals)
            print(
                f"| {x.backend} | `{x.query}` | {x.rows:,} | {total:.2f} | {x.rows / total:,.0f} "
                f"| {x.size / 1e6:.1f} | {x.growth_mb:.1f} |"
            )


def main() -> None:
    parser = bench_parser(
        __doc__,
        DEFAULT_BENCH_PG,
        f"its database is wiped (default: {DEFAULT_BENCH_PG})",
        reuse_help="keep a database this script seeded with the same --notes (else seed it)",
    )
    parser.add_argument(
        "--query",
        action="append",
        help='a /notes query string to export; repeatable (default: "", completed=1, overdue=1)',
    )
    parser.add_argument(
        "--viewers", default="admin,manager", help="who exports (default: admin,manager)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measure")
    parser.add_argument("--no-xlsx", action="store_true", help="skip the XLSX measure")
    parser.add_argument("--explain", action="store_true", help="print the plan of each query")
    args = parser.parse_args()
    stamp = provenance()
    # A plain `kill` must still run the finally blocks that stop gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    queries = args.query if args.query is not None else list(DEFAULT_QUERIES)
    viewers = [v.strip() for v in args.viewers.split(",") if v.strip()]
    if unknown := set(viewers) - set(VIEWERS):
        sys.exit(f"unknown viewers {sorted(unknown)}: choose among {sorted(VIEWERS)}")
    if "postgresql" in backends:
        ensure_pg_database(args.pg_url)  # fail early on a forbidden database
    started = time.perf_counter()
    workdir = Path(args.sqlite_dir or tempfile.mkdtemp(prefix="relance-export-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    cases, xlsx, plans = [], [], []
    try:
        for backend in backends:
            url = sqlite_url(workdir) if backend == "sqlite" else args.pg_url
            now = prepare(backend, url, workdir, args.notes, args.reuse)
            db = Database(url)
            try:
                ctx = {"db": db, "backend": backend, "now": now, "workdir": workdir}
                ctx["parse"] = has_line_breaks(db)
                if ctx["parse"]:
                    print(f"[{backend}] line breaks in bodies: csv.reader counts", file=sys.stderr)
                for viewer_name in viewers:
                    for query in queries:
                        cases.append(measure_csv(ctx, viewer_name, query, args.repeat))
                        if args.explain:
                            viewer = viewer_of(db, VIEWERS[viewer_name])
                            st = export_statement(db, viewer, query, now)
                            plans.append(f"--- {backend}, {viewer_name}, {query!r}\n")
                            plans.append(explain(db, st) + "\n")
                if not args.no_xlsx:
                    xlsx.append(measure_xlsx(ctx, 1))
            finally:
                db.dispose()
    finally:
        if args.sqlite_dir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    with recorded(args.out, stamp):
        print_tables(cases, xlsx, args.notes, args.repeat)
    if plans:
        print("\nPlans of the export SQL:\n")
        print("\n".join(plans))
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
