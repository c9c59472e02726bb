"""bulk reassign: digest subject, audit lookup by (batch, note)

Revision ID: 5c1e2a7d4b90
Revises: 09b1098de14b
Create Date: 2026-11-23 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c1e2a7d4b90"
down_revision: str | None = "09b1098de14b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject_user_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_notification_subject_user_id_user_account"),
            "user_account",
            ["subject_user_id"],
            ["id"],
        )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_batch")
        batch_op.create_index("ix_audit_event_batch_target", ["batch_id", "target_id"])


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_batch_target")
        batch_op.create_index("ix_audit_event_batch", ["batch_id"])
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_notification_subject_user_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_column("subject_user_id")
