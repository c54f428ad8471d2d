from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, utcnow


class ApiToken(Base):
    """A person's personal API token (pattern.api_tokens): only its SHA-256 is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # "read": GET, HEAD and OPTIONS only; "write": every method its owner may use.
    scope: Mapped[str] = mapped_column(String(8))
    # Hex SHA-256 of the whole secret (with its pat_ prefix); the secret is not kept.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The last day it works, as the person chose it, and the moment that day ends in their
    # time zone (None: it does not expire).
    expires_date: Mapped[date | None]
    expires_at: Mapped[datetime | None]
    # Updated at most once a minute per token (pattern.api_tokens.service).
    last_used_at: Mapped[datetime | None]
