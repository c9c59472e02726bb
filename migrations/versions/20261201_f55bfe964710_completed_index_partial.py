"""index on completion time: completed notes only

Revision ID: f55bfe964710
Revises: 6b2d8e4f1a73
Create Date: 2026-12-01 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f55bfe964710"
down_revision: str | None = "6b2d8e4f1a73"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMPLETED = "completed_at IS NOT NULL"


def upgrade() -> None:
    # SQLite's statistics count every NULL as one value, so with the full index it took
    # "completed_at IS NULL" (two thirds of the notes) for a handful of rows and walked it.
    op.drop_index("ix_note_completed", table_name="note")
    op.create_index(
        "ix_note_completed",
        "note",
        ["completed_at"],
        sqlite_where=sa.text(COMPLETED),
        postgresql_where=sa.text(COMPLETED),
    )


def downgrade() -> None:
    op.drop_index("ix_note_completed", table_name="note")
    op.create_index("ix_note_completed", "note", ["completed_at"])
