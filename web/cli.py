"""`flask --app app …` commands: init-db, seed-demo, create-user, run-jobs."""

from __future__ import annotations

import sys
import time

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from data.errors import InvalidInput
from data.models import User
from data.users import create_user


def _db():
    return current_app.extensions["relance_db"]


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Upgrade the database to the latest migration."""
    from data.migrate import upgrade

    upgrade(_db().url)
    click.echo("database upgraded to the latest migration")


@click.command("seed-demo")
@with_appcontext
@click.option("--notes", default=20_000, show_default=True, type=click.IntRange(0, 10_000_000))
@click.option("--customers", default=None, type=click.IntRange(1, 1_000_000))
@click.option("--reps", default=8, show_default=True, type=click.IntRange(1, 500))
@click.option("--seed", default=42, show_default=True, type=int)
@click.option("--password", default="demo", show_default=True)
@click.option("--if-empty", is_flag=True, help="Do nothing when the database has users.")
def seed_demo_command(if_empty: bool, **options) -> None:
    """Load deterministic demo data (bulk inserts; a million notes in minutes)."""
    from demo.seed import seed_demo

    db = _db()
    with db.session() as s:
        users = s.scalar(select(func.count()).select_from(User))
    if users:
        if if_empty:
            click.echo("the database has data already: demo not loaded")
            return
        raise click.ClickException("the database is not empty; seed-demo needs an empty one")
    summary = seed_demo(db, **options, progress=True)  # notes, customers, reps, seed, password
    click.echo(
        f"demo loaded: {summary.notes} notes, {summary.customers} customers, "
        f"{summary.activities} activities in {summary.seconds:.1f} s"
    )
    click.echo(
        f"sign in with admin@demo.relance, manager@demo.relance, rep1@demo.relance … "
        f"rep{options['reps']}@demo.relance, password: {options['password']}"
    )


def _read_password() -> str:
    if sys.stdin.isatty():
        first = click.prompt("Password", hide_input=True)
        second = click.prompt("Password (again)", hide_input=True)
        if first != second:
            raise click.ClickException("the two passwords differ")
        return first
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(["admin", "manager", "rep"]))
@click.option("--team", default=None, help="Team to join (created when missing).")
@click.option("--locale", default="fr", show_default=True, type=click.Choice(["fr", "en"]))
@click.option("--time-zone", default="Europe/Paris", show_default=True)
def create_user_command(email, name, role, team, locale, time_zone) -> None:
    """Create a user; the password is read from standard input."""
    password = _read_password()
    try:
        with _db().session() as s:
            user = create_user(
                s, email, name, role, password, team, time_zone=time_zone, locale=locale
            )
            click.echo(f"user {user.email} created (id {user.id}, {user.role})")
    except InvalidInput as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("run-jobs")
@with_appcontext
@click.option("--once", is_flag=True, help="Run what is queued now, then exit.")
@click.option("--interval", default=2.0, show_default=True, type=click.FloatRange(0.1, 3600))
def run_jobs_command(once, interval) -> None:
    """Run background jobs (large exports); safe to start in several processes."""
    from pathlib import Path

    from data.jobs import EXPORT_DIR
    from jobs.exports import run_pending

    directory = Path(current_app.config.get("EXPORT_DIR") or EXPORT_DIR)
    while True:
        ran = run_pending(_db(), directory)
        if ran:
            click.echo(f"{ran} job(s) run")
        if once:
            return
        time.sleep(interval)


def init_app(server: Flask) -> None:
    for command in (init_db, seed_demo_command, create_user_command, run_jobs_command):
        server.cli.add_command(command)
