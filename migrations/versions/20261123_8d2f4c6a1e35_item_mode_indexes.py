"""partial indexes for item-responsible counters

Revision ID: 8d2f4c6a1e35
Revises: 5c1e2a7d4b90
Create Date: 2026-11-23 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8d2f4c6a1e35"
down_revision: str | None = "5c1e2a7d4b90"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_TASK = "assignee_id IS NOT NULL AND completed_at IS NULL AND deleted_at IS NULL"
OPEN_ACTIVITY = "closed_at IS NULL"


def upgrade() -> None:
    op.create_index(
        "ix_note_open_task_customer_due",
        "note",
        ["customer_id", "due_at"],
        sqlite_where=sa.text(OPEN_TASK),
        postgresql_where=sa.text(OPEN_TASK),
    )
    op.create_index(
        "ix_activity_open_customer",
        "activity",
        ["customer_id", "received_at"],
        sqlite_where=sa.text(OPEN_ACTIVITY),
        postgresql_where=sa.text(OPEN_ACTIVITY),
    )


def downgrade() -> None:
    op.drop_index("ix_activity_open_customer", table_name="activity")
    op.drop_index("ix_note_open_task_customer_due", table_name="note")
