from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, utcnow

NOTICE_KINDS = ("new_subscription", "price_rise", "bill_due")


class Notice(Base):
    """Something Pattern tells a person once: a new subscription, a price rise, a bill due.

    `dedupe_key` names what the notice is about (the stream, and the payment or due date),
    unique per person, so the same notice is never made twice, even by two processes.
    """

    __tablename__ = "notices"
    __table_args__ = (
        UniqueConstraint("user_id", "dedupe_key"),
        CheckConstraint("kind IN ('new_subscription', 'price_rise', 'bill_due')", name="kind"),
        Index("ix_notices_user_id_id", "user_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    stream_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(String(500))
    amount: Mapped[Decimal | None]
    due_date: Mapped[dt.date | None]
    dedupe_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(
        default=utcnow, server_default=func.current_timestamp()
    )
    read_at: Mapped[dt.datetime | None]


class NoticeSettings(Base):
    """A person's notice settings: how many days ahead a bill due is told (0: never)."""

    __tablename__ = "notice_settings"
    __table_args__ = (CheckConstraint("bill_due_days BETWEEN 0 AND 14", name="bill_due_days"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    bill_due_days: Mapped[int] = mapped_column(default=3)


class NoticeStream(Base):
    """A recurring stream as notices last saw it: the stream is known (not new), its latest
    payment (a rise is told once, on a payment after this one), and a due date passed over
    in silence when the stream was first recorded."""

    __tablename__ = "notice_streams"
    __table_args__ = (UniqueConstraint("user_id", "stream_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    stream_id: Mapped[str] = mapped_column(String(64))
    last_transaction_id: Mapped[str | None] = mapped_column(String(64))
    quiet_due_date: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime] = mapped_column(
        default=utcnow, server_default=func.current_timestamp()
    )


class NoticeItem(Base):
    """An item whose whole history notices have seen: streams on it can be new from then on.
    Until then (a bank just linked, its history still coming) they are recorded silently."""

    __tablename__ = "notice_items"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
