"""Transfers between a person's own accounts: matched pairs, and the pairs the person
unmatched (never proposed again).

A pair names its two transactions by Plaid's transaction id, not by our row id: a pending
transaction's posted row is a new row with a new id, and the pair moves to it
(pattern.transfers.service.follow_posted).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, utcnow

# Compared for equality with transactions.plaid_transaction_id: the same collation on
# PostgreSQL, or it could not tell which one to compare with.
PlaidId = String(255).with_variant(String(255, collation="C"), "postgresql")

# How a pair came to be: found by the matching, confirmed by the person, or matched by hand.
PAIR_STATUSES = ("auto", "confirmed", "manual")


class TransferPair(Base):
    """Money out of one of the person's accounts and into another: neither spending nor
    income."""

    __tablename__ = "transfer_pairs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Each transaction is in at most one pair.
    outflow_transaction_id: Mapped[str] = mapped_column(PlaidId, unique=True)
    inflow_transaction_id: Mapped[str] = mapped_column(PlaidId, unique=True)
    status: Mapped[str] = mapped_column(String(16), default="auto")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TransferRefusal(Base):
    """A pair the person unmatched: the matching never proposes it again."""

    __tablename__ = "transfer_refusals"
    __table_args__ = (UniqueConstraint("outflow_transaction_id", "inflow_transaction_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    outflow_transaction_id: Mapped[str] = mapped_column(PlaidId)
    inflow_transaction_id: Mapped[str] = mapped_column(PlaidId, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
