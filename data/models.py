"""SQLAlchemy 2 models: the whole domain of DESIGN.md section 1.

Every timestamp is a UTC instant (`UTCDateTime`). The declarative base lives in data/base.py
and the settings lists admins configure (statuses, actions, categories, variables) in
data/settings_models.py; both are re-exported here, so every model is imported from data.models.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from data.base import NAMING as NAMING
from data.base import Base as Base
from data.base import built_on as built_on
from data.session_models import UserSession as UserSession
from data.settings_models import Action as Action
from data.settings_models import Category as Category
from data.settings_models import Status as Status
from data.settings_models import Variable as Variable
from data.settings_models import VariableOption as VariableOption
from data.types import UTCDateTime

ROLES = ("admin", "manager", "rep")
COUNTER_MODES = ("activity", "item")
LOCALES = ("fr", "en")
ACTIVITY_KINDS = ("incoming_call", "missed_call", "email", "chat", "order_payment", "comment")
NOTIFICATION_KINDS = (
    "assigned",
    "reassigned",
    "completed",
    "mentioned",
    "subscribed_note",
    "client_request",
)

team_member = Table(
    "team_member",
    Base.metadata,
    Column("team_id", ForeignKey("team.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_team_member_user", "user_id"),
)

team_manager = Table(
    "team_manager",
    Base.metadata,
    Column("team_id", ForeignKey("team.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_team_manager_user", "user_id"),
)


class Team(Base):
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)

    members: Mapped[list[User]] = relationship(secondary=team_member, back_populates="teams")
    managers: Mapped[list[User]] = relationship(
        secondary=team_manager, back_populates="managed_teams"
    )


class User(Base):
    # "user" is a reserved word in PostgreSQL.
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'manager', 'rep')", name="role"),
        CheckConstraint("counter_mode IN ('activity', 'item')", name="counter_mode"),
        CheckConstraint(
            "planned_threshold_minutes BETWEEN 1 AND 1440", name="planned_threshold_minutes"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16), default="rep")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    locale: Mapped[str] = mapped_column(String(8), default="fr")
    planned_threshold_minutes: Mapped[int] = mapped_column(Integer, default=15)
    counter_mode: Mapped[str] = mapped_column(String(16), default="activity")
    folded_panels: Mapped[str] = mapped_column(String(200), default="", server_default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    teams: Mapped[list[Team]] = relationship(secondary=team_member, back_populates="members")
    managed_teams: Mapped[list[Team]] = relationship(
        secondary=team_manager, back_populates="managers"
    )


class Customer(Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    country: Mapped[str] = mapped_column(String(2), default="FR")
    postal_code: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str | None] = mapped_column(String(120))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    account_rep_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    status_id: Mapped[int | None] = mapped_column(ForeignKey("status.id"))

    parent: Mapped[Customer | None] = relationship(remote_side=[id], back_populates="branches")
    branches: Mapped[list[Customer]] = relationship(back_populates="parent")
    account_rep: Mapped[User | None] = relationship()
    status: Mapped[Status | None] = relationship()


class Order(Base):
    __tablename__ = "customer_order"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    state: Mapped[str] = mapped_column(String(20), default="open")

    customer: Mapped[Customer] = relationship()


note_option = Table(
    "note_option",
    Base.metadata,
    Column("note_id", ForeignKey("note.id", ondelete="CASCADE"), primary_key=True),
    Column("variable_id", ForeignKey("variable.id"), primary_key=True),
    Column("option_id", ForeignKey("variable_option.id"), nullable=False),
    # The /notes "variable" filter looks notes up by option.
    Index("ix_note_option_option", "option_id", "note_id"),
)

# An open task: assigned, not completed, not deleted (DESIGN.md section 1).
OPEN_TASK_SQL = "assignee_id IS NOT NULL AND completed_at IS NULL AND deleted_at IS NULL"
# Completed, not deleted: the completions the stand-up and the analytics count.
COMPLETED_SQL = "completed_at IS NOT NULL AND deleted_at IS NULL"
# The analytics' tasks (any assignee): dated, not deleted; and every live note.
TASK_SQL = "due_at IS NOT NULL AND deleted_at IS NULL"
LIVE_SQL = "deleted_at IS NULL"
# What /notes lists by default: neither completed nor deleted (open tasks and plain notes).
OPEN_NOTE_SQL = "completed_at IS NULL AND deleted_at IS NULL"


class Note(Base):
    __tablename__ = "note"
    __table_args__ = (
        # Counters, the board and "My day": open tasks by assignee and due date.
        Index(
            "ix_note_open_task_assignee_due",
            "assignee_id",
            "due_at",
            sqlite_where=text(OPEN_TASK_SQL),
            postgresql_where=text(OPEN_TASK_SQL),
        ),
        # By due date then id (the order of the board's cards), with the scope's columns:
        # the board counts and pages open tasks checking the viewer's scope in the index,
        # without fetching rows out of scope.
        Index(
            "ix_note_open_task_due",
            "due_at",
            "id",
            "assignee_id",
            "author_id",
            "customer_id",
            sqlite_where=text(OPEN_TASK_SQL),
            postgresql_where=text(OPEN_TASK_SQL),
        ),
        # Item-responsible counters: open tasks on a rep's customers.
        Index(
            "ix_note_open_task_customer_due",
            "customer_id",
            "due_at",
            sqlite_where=text(OPEN_TASK_SQL),
            postgresql_where=text(OPEN_TASK_SQL),
        ),
        # /notes filters, each followed by the default sort column.
        Index("ix_note_customer_created", "customer_id", "created_at"),
        Index("ix_note_assignee_due", "assignee_id", "due_at"),
        Index("ix_note_author", "author_id"),
        Index("ix_note_status_due", "status_id", "due_at"),
        Index("ix_note_action", "action_id"),
        Index("ix_note_category", "category_id"),
        Index("ix_note_due", "due_at"),
        Index("ix_note_created", "created_at"),
        # Completions in a window: the stand-up's "yesterday" per person, the analytics'
        # on-time rate. Completed notes only: "completed_at IS NULL" must never be looked up
        # here (SQLite's statistics count all NULLs as one value, a few rows to its eyes).
        Index(
            "ix_note_completed",
            "completed_at",
            "completed_by_id",
            sqlite_where=text(COMPLETED_SQL),
            postgresql_where=text(COMPLETED_SQL),
        ),
        # The analytics' overdue trend and completion rates: every time of a task, per person,
        # read from the index alone. PostgreSQL only: SQLite's statistics count the NULLs of
        # completed_at as one value and would walk it for every open-task count.
        Index(
            "ix_note_task_times",
            "assignee_id",
            "completed_at",
            "due_at",
            "created_at",
            postgresql_where=text(TASK_SQL),
        ).ddl_if(dialect="postgresql"),
        # The analytics' "notes by" charts: notes created in the period, whose, per status,
        # action and category, read from the index alone.
        Index(
            "ix_note_created_breakdown",
            *("created_at", "assignee_id", "author_id", "status_id", "action_id", "category_id"),
            sqlite_where=text(LIVE_SQL),
            postgresql_where=text(LIVE_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("customer_order.id"))
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    status_id: Mapped[int | None] = mapped_column(ForeignKey("status.id"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("action.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    customer: Mapped[Customer | None] = relationship()
    order: Mapped[Order | None] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    status: Mapped[Status | None] = relationship()
    action: Mapped[Action | None] = relationship()
    category: Mapped[Category | None] = relationship()
    options: Mapped[list[VariableOption]] = relationship(secondary=note_option, viewonly=True)


# PostgreSQL only. `sort=-due_at`, undated last (SQLite's NULLs sort first: ix_note_due does).
Index("ix_note_due_desc", Note.due_at.desc().nulls_last(), Note.id.desc()).ddl_if(
    dialect="postgresql"
)
# /notes' count of open notes reads the scope's columns here, not the table (240 -> 100 ms).
Index(
    "ix_note_open_scope",
    Note.assignee_id,
    Note.author_id,
    Note.customer_id,
    postgresql_where=text(OPEN_NOTE_SQL),
).ddl_if(dialect="postgresql")

OPEN_ACTIVITY_SQL = "closed_at IS NULL"


class Activity(Base):
    __tablename__ = "activity"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('incoming_call', 'missed_call', 'email', 'chat', 'order_payment', 'comment')",
            name="kind",
        ),
        Index(
            "ix_activity_open_responsible",
            "responsible_id",
            "received_at",
            sqlite_where=text(OPEN_ACTIVITY_SQL),
            postgresql_where=text(OPEN_ACTIVITY_SQL),
        ),
        Index("ix_activity_customer", "customer_id"),
        # Item-responsible counters: open activities on a rep's customers.
        Index(
            "ix_activity_open_customer",
            "customer_id",
            "received_at",
            sqlite_where=text(OPEN_ACTIVITY_SQL),
            postgresql_where=text(OPEN_ACTIVITY_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("customer_order.id"))
    note_id: Mapped[int | None] = mapped_column(ForeignKey("note.id"))
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    subject: Mapped[str] = mapped_column(String(300))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    customer: Mapped[Customer | None] = relationship()


class Notification(Base):
    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_recipient_unread", "recipient_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    note_id: Mapped[int | None] = mapped_column(ForeignKey("note.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    # A digest ("12 tasks assigned to you") counts the notes of one batch.
    batch_id: Mapped[str | None] = mapped_column(String(36))
    item_count: Mapped[int] = mapped_column(Integer, default=1)
    # The other person of a digest: "12 of your tasks were reassigned to <subject>".
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (
        # Undo looks up each note of a batch: (batch, note) pairs.
        Index("ix_audit_event_batch_target", "batch_id", "target_id"),
        Index("ix_audit_event_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    batch_id: Mapped[str | None] = mapped_column(String(36))


class ExportJob(Base):
    """A large export built by the job runner; its owner downloads the file when it is done."""

    __tablename__ = "export_job"
    __table_args__ = (Index("ix_export_job_status", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    format: Mapped[str] = mapped_column(String(8))
    query: Mapped[str] = mapped_column(Text)  # the /notes query string, as the user sent it
    status: Mapped[str] = mapped_column(String(12), default="queued")  # queued|running|done|failed
    rows_total: Mapped[int | None] = mapped_column(Integer)
    rows_done: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Written by the running job at each progress step: a job whose beat stops lost its process.
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StandupLink(Base):
    """A read-only link that opens one team's /standup on a TV without signing in.

    The URL carries a signed token naming this row; the row decides whether it still works
    (expiry, revocation), so revoking takes effect on the TV's next refresh.
    """

    __tablename__ = "standup_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    label: Mapped[str] = mapped_column(String(80), default="")
    # Random per link, signed into the token: a token of a deleted-then-reused id never matches.
    nonce: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
