"""A benchmark's printed tables, also written to a results file (--out) that says what was
measured: the commit, whether the tree had uncommitted changes, the date and the cores.
benchmarks/report.py copies those files into README.md."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What `make bench` itself rewrites as it goes: not a change to what is measured.
OUTPUTS = (":(exclude)benchmarks/results", ":(exclude)README.md")


def git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def provenance(now: datetime | None = None) -> str:
    """One line: 'Measured on commit 0cc1894 (clean tree), 2026-12-01 17:40 UTC, 2 cores.'"""
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", *OUTPUTS)
    tree = "uncommitted changes" if changed else "clean tree"
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return f"Measured on commit {commit} ({tree}), {when}, {os.cpu_count()} cores."


class _Tee(io.TextIOBase):
    def __init__(self, *streams) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


@contextlib.contextmanager
def recorded(out: Path | None, stamp: str | None = None) -> Iterator[None]:
    """What the block prints goes to the terminal and, when it ends without an error, to `out`
    after `stamp`, the provenance line (by default taken as the block starts; a script that
    prints at the end takes it before it measures: the tree as it was measured)."""
    if out is None:
        yield
        return
    first_line = stamp or provenance()
    captured = io.StringIO()
    terminal = sys.stdout
    sys.stdout = _Tee(terminal, captured)
    try:
        yield
    finally:
        sys.stdout = terminal
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(first_line + "\n\n" + captured.getvalue().strip() + "\n", encoding="utf-8")
    print(f"results written to {out}", file=sys.stderr)
