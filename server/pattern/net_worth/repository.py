"""Net worth's SQL: balances and manual assets summed per currency, and the daily snapshots."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, case, delete, extract, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.db import Shown, within
from pattern.kit.upsert import insert_for
from pattern.models import (
    Account,
    AccountBalanceHistory,
    Asset,
    Item,
    NetWorthSnapshot,
    Transaction,
)


def currency_of(table: Any) -> ColumnElement[str]:
    """An account's or a transaction's currency: its ISO code, else the unofficial one,
    else USD (how net worth and insights both count money without a code)."""
    return func.coalesce(table.iso_currency_code, table.unofficial_currency_code, "USD")


async def account_totals(
    session: AsyncSession,
    user_id: int,
    *,
    assets: Sequence[str],
    liabilities: Sequence[str],
    shown: Shown = None,
) -> Sequence[Row[str, Any, Any]]:
    """(currency, assets, liabilities) of the user's open accounts, per currency: the
    balances of accounts of the `assets` types, and of the `liabilities` types (an account
    with no balance counts as zero)."""
    currency = currency_of(Account)
    balance = func.coalesce(Account.current_balance, 0)
    rows: Sequence[Row[str, Any, Any]] = (
        await session.execute(
            select(
                currency,
                func.sum(case((Account.type.in_(assets), balance), else_=0)),
                func.sum(case((Account.type.in_(liabilities), balance), else_=0)),
            )
            .join(Item, Item.id == Account.item_id)
            .where(
                Item.user_id == user_id,
                within(Account.id, shown),
                Account.closed.is_(False),
                Account.excluded_from_net_worth.is_(False),
            )
            .group_by(currency)
        )
    ).all()
    return rows


async def counted_accounts(
    session: AsyncSession, user_id: int, *, types: Sequence[str], shown: Shown = None
) -> Sequence[Row[int, str, str, Any]]:
    """(id, currency, type, current balance) of the user's open accounts of `types` that
    count in net worth (of the `shown` ones, when it says which)."""
    rows: Sequence[Row[int, str, str, Any]] = (
        await session.execute(
            select(Account.id, currency_of(Account), Account.type, Account.current_balance)
            .join(Item, Item.id == Account.item_id)
            .where(
                Item.user_id == user_id,
                within(Account.id, shown),
                Account.closed.is_(False),
                Account.excluded_from_net_worth.is_(False),
                Account.type.in_(types),
            )
        )
    ).all()
    return rows


async def daily_sums(
    session: AsyncSession, user_id: int, account_ids: Sequence[int]
) -> Sequence[Row[int, date, Any]]:
    """(account id, date, sum of the amounts) of the posted transactions of the accounts,
    one row per account and day: what the balances were made of, in one query."""
    if not account_ids:
        return []
    rows: Sequence[Row[int, date, Any]] = (
        await session.execute(
            select(Transaction.account_id, Transaction.date, func.sum(Transaction.amount))
            .where(
                Transaction.user_id == user_id,
                Transaction.account_id.in_(account_ids),
                Transaction.pending.is_(False),
            )
            .group_by(Transaction.account_id, Transaction.date)
        )
    ).all()
    return rows


async def account_daily_sums(session: AsyncSession, account_id: int) -> Sequence[Row[date, Any]]:
    """(date, sum of the amounts) of one account's posted transactions, one row a day."""
    rows: Sequence[Row[date, Any]] = (
        await session.execute(
            select(Transaction.date, func.sum(Transaction.amount))
            .where(Transaction.account_id == account_id, Transaction.pending.is_(False))
            .group_by(Transaction.date)
        )
    ).all()
    return rows


async def manual_totals(session: AsyncSession, user_id: int) -> Sequence[Row[str, Any, Any]]:
    """(currency, assets, debts) of the user's manual assets, per currency: the positive
    values, and the negative ones as positive amounts."""
    rows: Sequence[Row[str, Any, Any]] = (
        await session.execute(
            select(
                Asset.iso_currency_code,
                func.sum(case((Asset.value > 0, Asset.value), else_=0)),
                func.sum(case((Asset.value < 0, -Asset.value), else_=0)),
            )
            .where(Asset.user_id == user_id)
            .group_by(Asset.iso_currency_code)
        )
    ).all()
    return rows


async def save_snapshot(
    session: AsyncSession,
    user_id: int,
    day: date,
    currency: str,
    *,
    assets: Decimal,
    liabilities: Decimal,
    net_worth: Decimal,
    now: datetime,
) -> None:
    """Write the day's snapshot of a currency, or rewrite it."""
    statement = insert_for(session, NetWorthSnapshot).values(
        user_id=user_id,
        snapshot_date=day,
        iso_currency_code=currency,
        assets=assets,
        liabilities=liabilities,
        net_worth=net_worth,
        created_at=now,
        updated_at=now,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "snapshot_date", "iso_currency_code"],
            set_={
                "assets": statement.excluded.assets,
                "liabilities": statement.excluded.liabilities,
                "net_worth": statement.excluded.net_worth,
                "updated_at": statement.excluded.updated_at,
            },
        )
    )


async def keep_month_ends(session: AsyncSession, user_id: int, before: date) -> None:
    """Of the snapshots before `before`, delete all but each month's last (per currency)."""
    snapshot = NetWorthSnapshot
    month_ends = (
        select(func.max(snapshot.snapshot_date))
        .where(snapshot.user_id == user_id, snapshot.snapshot_date < before)
        .group_by(
            snapshot.iso_currency_code,
            extract("year", snapshot.snapshot_date),
            extract("month", snapshot.snapshot_date),
        )
    )
    await session.execute(
        delete(snapshot).where(
            and_(
                snapshot.user_id == user_id,
                snapshot.snapshot_date < before,
                snapshot.snapshot_date.not_in(month_ends.scalar_subquery()),
            )
        )
    )


async def snapshots(session: AsyncSession, user_id: int) -> Sequence[NetWorthSnapshot]:
    rows = await session.scalars(
        select(NetWorthSnapshot)
        .where(NetWorthSnapshot.user_id == user_id)
        .order_by(NetWorthSnapshot.snapshot_date, NetWorthSnapshot.iso_currency_code)
    )
    return rows.all()


async def balance_history(
    session: AsyncSession, account_id: int
) -> Sequence[AccountBalanceHistory]:
    """Every balance change seen for the account, oldest first."""
    rows = await session.scalars(
        select(AccountBalanceHistory)
        .where(AccountBalanceHistory.account_id == account_id)
        .order_by(AccountBalanceHistory.recorded_at, AccountBalanceHistory.id)
    )
    return rows.all()
