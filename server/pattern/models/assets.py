from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, Timestamps


class Asset(Timestamps, Base):
    """A manual asset (positive value) or debt (negative value): a property, a vehicle or other."""

    __tablename__ = "assets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(String(255))
    value: Mapped[Decimal]
    iso_currency_code: Mapped[str] = mapped_column(String(8), default="USD")
    kind: Mapped[str] = mapped_column(String(16), default="other", server_default="other")
