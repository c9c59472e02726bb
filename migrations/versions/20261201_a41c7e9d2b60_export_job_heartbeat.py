"""export jobs beat while they run

Revision ID: a41c7e9d2b60
Revises: 421714164d43
Create Date: 2026-12-01 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data.types import UTCDateTime

revision: str = "a41c7e9d2b60"
down_revision: str | None = "421714164d43"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("export_job") as batch:
        batch.add_column(sa.Column("heartbeat_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("export_job") as batch:
        batch.drop_column("heartbeat_at")
