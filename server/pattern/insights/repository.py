"""The insights' SQL: each figure is one GROUP BY query over the counted transactions.

Counted (see pattern.insights.service): the user's own transactions, pending ones
included, except hidden ones and transfers between the person's own accounts (matched
pairs, and transfer categories); in one currency when the person has several. A split
transaction counts by its parts (pattern.splits.repository.Counted).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, extract, func, not_, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.insights.periods import Period
from pattern.kit.db import Shown, within
from pattern.models import Account, Item
from pattern.net_worth.repository import currency_of
from pattern.splits.repository import Counted
from pattern.transfers.repository import is_transfer


async def account_currencies(session: AsyncSession, user_id: int, shown: Shown = None) -> list[str]:
    """The currencies of the person's accounts (a handful of rows), most accounts first."""
    currency = currency_of(Account)
    rows = await session.execute(
        select(currency, func.count())
        .join(Item, Item.id == Account.item_id)
        .where(Item.user_id == user_id, within(Account.id, shown))
        .group_by(currency)
        .order_by(func.count().desc(), currency)
    )
    return [code for code, _ in rows]


def counted(
    user_id: int, period: Period, currency: str | None, shown: Shown = None
) -> list[ColumnElement[bool]]:
    """What insights (and cash flow) count, as conditions on Counted. `currency`: the one
    counted, or None when every transaction is in it; `shown`: the accounts shared with the
    one asking (pattern.households), or None for every one."""
    where = [Counted.user_id == user_id, Counted.hidden.is_(False), not_(is_transfer(Counted))]
    if shown is not None:
        where.append(within(Counted.account_id, shown))
    if currency is not None:
        where.append(currency_of(Counted) == currency)
    if period.start_date is not None:
        where.append(Counted.date >= period.start_date)
    if period.end_date is not None:
        where.append(Counted.date <= period.end_date)
    return where


def _select(*columns: Any) -> Select[Any]:
    return select(*columns).select_from(Counted)


# Both backends support EXTRACT (SQLite through strftime); no bound values, so PostgreSQL
# sees the same expressions in SELECT and GROUP BY.
_YEAR = extract("year", Counted.date)
_MONTH = extract("month", Counted.date)


async def spending_by_subcategory(
    session: AsyncSession, user_id: int, period: Period, currency: str | None, shown: Shown = None
) -> Sequence[Row[str | None, str | None, Any, int]]:
    """(category, subcategory, spending, count) of each subcategory spent in."""
    rows: Sequence[Row[str | None, str | None, Any, int]] = (
        await session.execute(
            _select(
                Counted.category,
                Counted.subcategory,
                func.sum(Counted.amount),
                func.count(Counted.id),
            )
            .where(*counted(user_id, period, currency, shown), Counted.amount > 0)
            .group_by(Counted.category, Counted.subcategory)
        )
    ).all()
    return rows


async def spending_by_category_and_month(
    session: AsyncSession,
    user_id: int,
    period: Period,
    currency: str | None,
    categories: Sequence[str],
    shown: Shown = None,
) -> Sequence[Row[str | None, Any, Any, Any]]:
    """(category, year, month, spending) of each category spent in each month; only of
    `categories` (in any case) when there are some."""
    where = [*counted(user_id, period, currency, shown), Counted.amount > 0]
    if categories:
        where.append(func.lower(Counted.category).in_([c.lower() for c in categories]))
    rows: Sequence[Row[str | None, Any, Any, Any]] = (
        await session.execute(
            _select(Counted.category, _YEAR, _MONTH, func.sum(Counted.amount))
            .where(*where)
            .group_by(Counted.category, _YEAR, _MONTH)
        )
    ).all()
    return rows


async def top_merchants(
    session: AsyncSession,
    user_id: int,
    period: Period,
    currency: str | None,
    *,
    limit: int,
    shown: Shown = None,
) -> Sequence[Row[str, int, Any]]:
    """(merchant, count, spending) of the `limit` merchants with the most spending; a
    merchant is the merchant_name, else the transaction's name."""
    merchant = func.coalesce(Counted.merchant_name, Counted.name).label("merchant")
    total = func.sum(Counted.amount).label("total")
    rows: Sequence[Row[str, int, Any]] = (
        await session.execute(
            _select(merchant, func.count(Counted.id), total)
            .where(*counted(user_id, period, currency, shown), Counted.amount > 0)
            .group_by(merchant)
            .order_by(total.desc(), merchant.asc())
            .limit(limit)
        )
    ).all()
    return rows
