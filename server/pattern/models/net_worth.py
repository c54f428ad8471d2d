from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, Timestamps


class NetWorthSnapshot(Timestamps, Base):
    """The user's net worth in one currency as of one day; rewritten during the day."""

    __tablename__ = "net_worth_snapshots"
    __table_args__ = (UniqueConstraint("user_id", "snapshot_date", "iso_currency_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    snapshot_date: Mapped[date]
    iso_currency_code: Mapped[str] = mapped_column(String(16), server_default="USD")
    assets: Mapped[Decimal]
    liabilities: Mapped[Decimal]
    net_worth: Mapped[Decimal]
