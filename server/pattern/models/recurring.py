from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, Money, Timestamps


class RecurringOverride(Timestamps, Base):
    """What the person said of one recurring stream: not recurring, or its expected amount.

    Kept by the stream's id, which stays the same from one detection to the next.
    """

    __tablename__ = "recurring_overrides"
    __table_args__ = (UniqueConstraint("user_id", "stream_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    stream_id: Mapped[str] = mapped_column(String(64))
    not_recurring: Mapped[bool] = mapped_column(default=False)
    expected_amount: Mapped[Decimal | None] = mapped_column(Money)
