"""A signed-in browser, kept on the server (re-exported by data.models).

The session cookie names one row by a random token; the row holds only the token's SHA-256,
so a copy of the table opens nothing. Deleting the row (sign-out, expiry, deactivation) ends
the session whatever the cookie still says.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from data.base import Base
from data.types import UTCDateTime


class UserSession(Base):
    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
