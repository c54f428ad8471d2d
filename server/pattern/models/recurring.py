from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
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


class RecurringStream(Timestamps, Base):
    """One of a person's current recurring streams, as Plaid's /transactions/recurring/get
    gave it (source "plaid") or as Pattern found it in the stored rows ("detected").

    Stored so that reading them costs no detection; what depends on the day (whether the
    stream is still active, what is due) is worked out on read.
    """

    __tablename__ = "recurring_streams"
    __table_args__ = (
        UniqueConstraint("user_id", "stream_id"),
        Index("ix_recurring_streams_account_id", "account_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    stream_id: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))  # "plaid" or "detected"
    # Plaid's own id of a stream it gave (None for a detected one).
    plaid_stream_id: Mapped[str | None] = mapped_column(String(255))
    direction: Mapped[str] = mapped_column(String(8))  # "inflow" or "outflow"
    description: Mapped[str] = mapped_column(String(512))
    merchant_name: Mapped[str | None] = mapped_column(String(255))
    category: Mapped[str | None] = mapped_column(String(255))
    subcategory: Mapped[str | None] = mapped_column(String(255))
    frequency: Mapped[str] = mapped_column(String(32))
    first_date: Mapped[dt.date]
    last_date: Mapped[dt.date]
    predicted_next_date: Mapped[dt.date]
    # The Plaid transaction ids of its payments, as a JSON list.
    transaction_ids: Mapped[str] = mapped_column(Text)
    average_amount: Mapped[Decimal]
    last_amount: Mapped[Decimal]
    # Plaid's status of the stream when stored (MATURE, EARLY_DETECTION, TOMBSTONED...).
    status: Mapped[str] = mapped_column(String(32))
    # The person's users.data_version the stream was computed from.
    data_version: Mapped[int] = mapped_column(BigInteger)
