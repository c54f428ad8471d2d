from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, Money, Timestamps


class User(Timestamps, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    # Bumped with every change to the user's transactions (pattern.users.data_version).
    data_version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # Whether the transfers among the transactions stored so far have been matched once
    # (pattern.transfers): after that, each sync pass matches only around what it changed.
    transfers_matched: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The 30-day forecast warns when a cash account would go below this.
    low_balance_threshold: Mapped[Decimal] = mapped_column(Money, default=0, server_default="0")
    # The data_version the stored recurring streams were detected from (None: never yet).
    recurring_version: Mapped[int | None] = mapped_column(BigInteger)
    # The data version of the latest change to every day of the person's transactions (a
    # rule run, an item removed): month totals stored before it are counted again.
    totals_reset_version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # The person's own settings (pattern.users.preferences): the web app's colour scheme,
    # the IANA time zone their "today" is in (None: the server's TIMEZONE), and the currency
    # money with none of its own is shown in (None: the one most of their accounts hold).
    theme: Mapped[str] = mapped_column(String(8), default="system", server_default="system")
    time_zone: Mapped[str | None] = mapped_column(String(64))
    currency: Mapped[str | None] = mapped_column(String(3))
    # Set by an administrator: the account can neither log in nor use a session it had.
    disabled_at: Mapped[datetime | None]
    # The latest successful log-in (shown on the admin page and in Settings).
    last_login_at: Mapped[datetime | None]


class UserSession(Base):
    """One login: its refresh token is rotated, and a replayed old one revokes it."""

    __tablename__ = "user_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    refresh_generation: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    # How it signed in: "sso" through the OpenID provider; None, the server's own log-in.
    method: Mapped[str | None] = mapped_column(String(16), default=None)
