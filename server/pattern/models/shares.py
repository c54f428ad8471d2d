from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, utcnow


class Share(Base):
    """One person (the owner) shares some of their accounts with another (the member),
    to view or to view and edit (pattern.households, docs/adr/0035-households.md). Until
    someone takes its invite link, a share has no member, only the link's SHA-256."""

    __tablename__ = "shares"
    __table_args__ = (
        UniqueConstraint("owner_id", "member_id"),
        CheckConstraint("owner_id <> member_id", name="not_oneself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # "view": reads only; "edit": also categories, names, notes, tags and splits of the
    # shared accounts' transactions, and the budget's lines when the budget is shared.
    role: Mapped[str] = mapped_column(String(8))
    # The owner's budget is shared too: the household budget.
    budget: Mapped[bool] = mapped_column(Boolean, default=False)
    invite_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    invite_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ShareAccount(Base):
    """An account a share includes (the owner's)."""

    __tablename__ = "share_accounts"

    share_id: Mapped[int] = mapped_column(
        ForeignKey("shares.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
