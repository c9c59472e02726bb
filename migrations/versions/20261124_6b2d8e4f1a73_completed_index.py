"""index on completion time

Revision ID: 6b2d8e4f1a73
Revises: 3f7a9c2e5b18
Create Date: 2026-11-24 11:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "6b2d8e4f1a73"
down_revision: str | None = "3f7a9c2e5b18"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_note_completed", "note", ["completed_at"])


def downgrade() -> None:
    op.drop_index("ix_note_completed", table_name="note")
