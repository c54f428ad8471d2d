from __future__ import annotations

from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, Money, Timestamps


class TransactionRule(Timestamps, Base):
    """Ordered rewrite rule: the first rule whose match fields all match wins.

    Amounts are in Plaid's sign (money out positive), both ends included; the account ids
    are the owner's (one of them matches)."""

    __tablename__ = "transaction_rules"
    __table_args__ = (Index("ix_transaction_rules_user_position", "user_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    match_name: Mapped[str | None] = mapped_column(String(255))
    match_merchant: Mapped[str | None] = mapped_column(String(255))
    match_category: Mapped[str | None] = mapped_column(String(255))
    match_subcategory: Mapped[str | None] = mapped_column(String(255))
    min_amount: Mapped[Decimal | None] = mapped_column(Money)
    max_amount: Mapped[Decimal | None] = mapped_column(Money)
    match_account_ids: Mapped[list[int] | None] = mapped_column(JSON)
    set_name: Mapped[str | None] = mapped_column(String(512))
    set_category: Mapped[str | None] = mapped_column(String(255))
    set_subcategory: Mapped[str | None] = mapped_column(String(255))
