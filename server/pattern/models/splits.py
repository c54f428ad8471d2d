"""A transaction split into parts, each with its own amount, category, note and tags."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base


class TransactionSplit(Base):
    """One part of a split transaction. The parts of a transaction sum to its amount (in
    Plaid's sign: positive is money out); where it has parts, they are what is counted
    (insights, budgets, cash flow, the CSV) and the transaction itself is not. They are the
    person's alone: every sync keeps them, and a posted transaction takes over its pending
    one's (pattern.splits)."""

    __tablename__ = "transaction_splits"
    __table_args__ = (Index("ix_transaction_splits_user", "user_id", "transaction_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(
        ForeignKey("transactions.id", ondelete="CASCADE"), index=True
    )
    # The owner, as on transactions: the user's parts are found without a join.
    user_id: Mapped[int]
    position: Mapped[int]  # 0, 1, ...: the order the person gave them
    amount: Mapped[Decimal]
    category: Mapped[str | None] = mapped_column(String(255))
    subcategory: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[str | None] = mapped_column(Text)  # pattern.models.transactions.tags_text()
