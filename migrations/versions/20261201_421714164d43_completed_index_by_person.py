"""completions of live notes, with who completed them

Revision ID: 421714164d43
Revises: 76ffb345e2e8
Create Date: 2026-12-01 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "421714164d43"
down_revision: str | None = "76ffb345e2e8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _create(columns: list[str], where: str) -> None:
    op.create_index(
        "ix_note_completed",
        "note",
        columns,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def upgrade() -> None:
    # The stand-up counts yesterday's completions per person: 18,000 of them at a million
    # notes sat on 12,000 table pages (240 ms on PostgreSQL); the index alone answers.
    op.drop_index("ix_note_completed", table_name="note")
    _create(
        ["completed_at", "completed_by_id"],
        "completed_at IS NOT NULL AND deleted_at IS NULL",
    )
    if op.get_bind().dialect.name == "sqlite":
        # Dropping an index dropped its statistics (here and in the two revisions before):
        # SQLite would plan with some indexes measured and the rebuilt ones guessed.
        op.execute("ANALYZE note")


def downgrade() -> None:
    op.drop_index("ix_note_completed", table_name="note")
    _create(["completed_at"], "completed_at IS NOT NULL")
