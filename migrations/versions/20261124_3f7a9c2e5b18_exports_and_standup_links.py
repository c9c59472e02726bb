"""export jobs and stand-up links

Revision ID: 3f7a9c2e5b18
Revises: 8d2f4c6a1e35
Create Date: 2026-11-24 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data.types import UTCDateTime

revision: str = "3f7a9c2e5b18"
down_revision: str | None = "8d2f4c6a1e35"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "export_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=True),
        sa.Column("rows_done", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name="fk_export_job_user_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_export_job"),
    )
    op.create_index("ix_export_job_status", "export_job", ["status", "id"])
    op.create_index("ix_export_job_user_id", "export_job", ["user_id"])
    op.create_table(
        "standup_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name="fk_standup_link_created_by_id_user_account",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name="fk_standup_link_team_id_team", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_standup_link"),
    )
    op.create_index("ix_standup_link_team_id", "standup_link", ["team_id"])


def downgrade() -> None:
    op.drop_index("ix_standup_link_team_id", table_name="standup_link")
    op.drop_table("standup_link")
    op.drop_index("ix_export_job_user_id", table_name="export_job")
    op.drop_index("ix_export_job_status", table_name="export_job")
    op.drop_table("export_job")
