from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, ForeignKey, Index, String, false, func
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, Timestamps


class Account(Timestamps, Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    plaid_account_id: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    mask: Mapped[str | None] = mapped_column(String(16))
    official_name: Mapped[str | None] = mapped_column(String(255))
    current_balance: Mapped[Decimal | None]
    available_balance: Mapped[Decimal | None]
    credit_limit: Mapped[Decimal | None]
    iso_currency_code: Mapped[str | None] = mapped_column(String(8))
    unofficial_currency_code: Mapped[str | None] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(32))
    subtype: Mapped[str | None] = mapped_column(String(64))
    closed: Mapped[bool] = mapped_column(default=False)
    # The person's own: no sync writes these (Plaid's name stays in `name`).
    display_name: Mapped[str | None] = mapped_column(String(255))
    hidden: Mapped[bool] = mapped_column(default=False, server_default=false())
    excluded_from_net_worth: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Kept by hand, in the person's manual item: its balance and transactions are theirs.
    manual: Mapped[bool] = mapped_column(default=False, server_default=false())


class AccountBalanceHistory(Base):
    """A balance as it was seen at one moment, recorded whenever balances change."""

    __tablename__ = "account_balance_history"
    __table_args__ = (
        Index("ix_account_balance_history_account_time", "account_id", "recorded_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    recorded_at: Mapped[datetime]
    current_balance: Mapped[Decimal | None]
    available_balance: Mapped[Decimal | None]
    iso_currency_code: Mapped[str | None] = mapped_column(String(8))


def shown_name(account: Any = Account) -> ColumnElement[str]:
    """The name people see for an account (of `account`, an alias or the table): theirs,
    else Plaid's."""
    name: ColumnElement[str] = func.coalesce(account.display_name, account.name)
    return name
