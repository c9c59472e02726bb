"""Alembic: upgrade, downgrade to base, upgrade again; and models == migrations."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from data.db import Database
from data.migrate import downgrade, upgrade
from data.models import Base, built_on


def tables(url: str) -> set[str]:
    database = Database(url)
    try:
        return set(inspect(database.engine).get_table_names()) - {"alembic_version"}
    finally:
        database.dispose()


def test_upgrade_downgrade_upgrade(db_url):
    upgrade(db_url)
    assert tables(db_url) == set(Base.metadata.tables)
    downgrade(db_url, "base")
    assert tables(db_url) == set()
    upgrade(db_url)
    assert tables(db_url) == set(Base.metadata.tables)


def test_models_and_migrations_do_not_differ(db_url):
    upgrade(db_url)
    database = Database(db_url)
    try:
        with database.engine.connect() as conn:
            opts = {"compare_type": True, "include_object": built_on(conn.dialect.name)}
            context = MigrationContext.configure(conn, opts=opts)
            differences = compare_metadata(context, Base.metadata)
    finally:
        database.dispose()
    assert differences == []


def test_partial_index_on_open_tasks_exists(db_url):
    upgrade(db_url)
    database = Database(db_url)
    try:
        names = {ix["name"] for ix in inspect(database.engine).get_indexes("note")}
    finally:
        database.dispose()
    assert {"ix_note_open_task_assignee_due", "ix_note_open_task_due"} <= names
