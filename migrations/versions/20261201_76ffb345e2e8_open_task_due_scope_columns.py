"""open tasks by due date carry the scope's columns

Revision ID: 76ffb345e2e8
Revises: f55bfe964710
Create Date: 2026-12-01 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "76ffb345e2e8"
down_revision: str | None = "f55bfe964710"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_TASK = "assignee_id IS NOT NULL AND completed_at IS NULL AND deleted_at IS NULL"


def _create(columns: list[str]) -> None:
    op.create_index(
        "ix_note_open_task_due",
        "note",
        columns,
        sqlite_where=sa.text(OPEN_TASK),
        postgresql_where=sa.text(OPEN_TASK),
    )


def upgrade() -> None:
    # The board's counts and cards check the viewer's scope (assignee, author, customer) on
    # every open task: read from the index, no table row is fetched for a task out of scope;
    # the id keeps the cards' order (due date, id) so that a page stops at its last card.
    op.drop_index("ix_note_open_task_due", table_name="note")
    _create(["due_at", "id", "assignee_id", "author_id", "customer_id"])


def downgrade() -> None:
    op.drop_index("ix_note_open_task_due", table_name="note")
    _create(["due_at"])
