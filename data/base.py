"""The declarative base of the models: one metadata with stable constraint names."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names so that Alembic migrations are identical on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def built_on(dialect: str):
    """An Alembic include_object: leaves out what .ddl_if() builds on other databases only,
    so comparing models with a database of `dialect` does not miss it there."""

    def include(obj, _name, type_, _reflected, _compare_to) -> bool:
        only = getattr(obj, "_ddl_if", None)  # set by SchemaItem.ddl_if()
        return type_ != "index" or only is None or only.dialect in (None, dialect)

    return include
