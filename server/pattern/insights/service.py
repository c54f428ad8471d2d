"""Spending insights: where the money went, month by month, by category and by merchant.

Definitions, shared by every route:

- Plaid amounts are positive for money leaving an account and negative for money coming in.
  Spending is the sum of the positive amounts; income is the sum of -amount over the
  negative ones (so a refund counts as income, not as less spending); net = income - spending.
- Counted: the user's own transactions (transactions.user_id), pending ones included,
  except hidden ones and transfers between the person's own accounts (`is_transfer`).
- Categories are the transaction's (editable) category and subcategory; null stays null.
- A merchant is the merchant_name, else the transaction's name.
- Months are calendar months of the transaction's date; "the last N months" ends with the
  current month and starts on the first day of the month N - 1 months before it.
- Money of different currencies is never added up: the figures are in one currency, the
  one asked for or else the one most of the person's accounts hold (ISO code, else the
  unofficial one, else USD, as net worth counts them); the answer names it and lists the
  person's currencies.

Every figure is one GROUP BY query; the few grouped rows are shaped here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, extract, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.insights.periods import MonthWindow, Period, month_index, month_label
from pattern.insights.schemas import (
    CategorySpending,
    CategoryTrend,
    MerchantSpending,
    MerchantsRead,
    MonthlyRead,
    MonthSpending,
    MonthTotals,
    SpendingRead,
    SubcategorySpending,
    TrendsRead,
)
from pattern.models import Account, Item, Transaction
from pattern.net_worth.repository import currency_of
from pattern.transactions.search import Month

ZERO = Decimal("0.00")
# Payments to a credit card or loan only move money between the person's own accounts.
TRANSFER_CATEGORIES = ("TRANSFER_IN", "TRANSFER_OUT", "LOAN_PAYMENTS")


def is_transfer() -> ColumnElement[bool]:
    """Money moving between the person's own accounts; never NULL, so NOT() is safe.

    Plaid's personal finance category TRANSFER_IN, TRANSFER_OUT or LOAN_PAYMENTS, or the
    legacy category "Transfer" with any subcategory but "Payroll" (payroll is income).
    """
    legacy = func.lower(func.coalesce(Transaction.category, ""))
    legacy_sub = func.lower(func.coalesce(Transaction.subcategory, ""))
    return or_(
        func.coalesce(Transaction.personal_finance_category, "").in_(TRANSFER_CATEGORIES),
        and_(legacy == "transfer", legacy_sub != "payroll"),
    )


@dataclass(frozen=True)
class Currencies:
    chosen: str  # the figures' currency
    available: list[str]  # the person's, most accounts first

    @property
    def only_one(self) -> bool:
        """The person has one currency and it is the chosen one."""
        return self.available == [self.chosen]


async def currencies(session: AsyncSession, user_id: int, asked: str | None) -> Currencies:
    """The person's currencies (from their accounts: a handful of rows) and the one to use."""
    currency = currency_of(Account)
    rows = await session.execute(
        select(currency, func.count())
        .join(Item, Item.id == Account.item_id)
        .where(Item.user_id == user_id)
        .group_by(currency)
        .order_by(func.count().desc(), currency)
    )
    available = [code for code, _ in rows]
    return Currencies(asked or (available[0] if available else "USD"), available)


def _counted(user_id: int, period: Period, money: Currencies) -> list[ColumnElement[bool]]:
    where = [Transaction.user_id == user_id, Transaction.hidden.is_(False), not_(is_transfer())]
    if not money.only_one:  # with one, every transaction is in it: no need to look
        where.append(currency_of(Transaction) == money.chosen)
    if period.start_date is not None:
        where.append(Transaction.date >= period.start_date)
    if period.end_date is not None:
        where.append(Transaction.date <= period.end_date)
    return where


def _select(*columns: Any) -> Select[Any]:
    return select(*columns).select_from(Transaction)


# Both backends support EXTRACT (SQLite through strftime); no bound values, so PostgreSQL
# sees the same expressions in SELECT and GROUP BY.
_YEAR = extract("year", Transaction.date)
_MONTH = extract("month", Transaction.date)


def _index(year: Any, month: Any) -> int:
    return month_index(Month(int(year), int(month)))


def _money(value: object) -> Decimal:
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(ZERO)


def _by_total(total: Decimal, name: str | None) -> tuple[Decimal, bool, str]:
    return (-total, name is None, name or "")


async def spending_by_category(
    session: AsyncSession, user_id: int, period: Period, *, currency: str | None = None
) -> SpendingRead:
    money = await currencies(session, user_id, currency)
    rows = await session.execute(
        _select(
            Transaction.category,
            Transaction.subcategory,
            func.sum(Transaction.amount),
            func.count(Transaction.id),
        )
        .where(*_counted(user_id, period, money), Transaction.amount > 0)
        .group_by(Transaction.category, Transaction.subcategory)
    )
    grouped: dict[str | None, list[SubcategorySpending]] = defaultdict(list)
    for category, subcategory, total, count in rows:
        grouped[category].append(
            SubcategorySpending(subcategory=subcategory, total=_money(total), count=count)
        )
    categories = [
        CategorySpending(
            category=category,
            total=sum((sub.total for sub in subs), ZERO),
            count=sum(sub.count for sub in subs),
            subcategories=sorted(subs, key=lambda sub: _by_total(sub.total, sub.subcategory)),
        )
        for category, subs in grouped.items()
    ]
    categories.sort(key=lambda row: _by_total(row.total, row.category))
    return SpendingRead(
        start_date=period.start_date,
        end_date=period.end_date,
        currency=money.chosen,
        currencies=money.available,
        total=sum((row.total for row in categories), ZERO),
        count=sum(row.count for row in categories),
        categories=categories,
    )


async def monthly_totals(
    session: AsyncSession, user_id: int, window: MonthWindow, *, currency: str | None = None
) -> MonthlyRead:
    money = await currencies(session, user_id, currency)
    rows = await session.execute(
        _select(
            _YEAR,
            _MONTH,
            func.sum(case((Transaction.amount < 0, -Transaction.amount), else_=0)),
            func.sum(case((Transaction.amount > 0, Transaction.amount), else_=0)),
        )
        .where(*_counted(user_id, window.period, money))
        .group_by(_YEAR, _MONTH)
    )
    found = {_index(year, month): (_money(inc), _money(out)) for year, month, inc, out in rows}
    months = []
    for month in window.months:
        income, spending = found.get(month_index(month), (ZERO, ZERO))
        months.append(
            MonthTotals(
                month=month_label(month), income=income, spending=spending, net=income - spending
            )
        )
    income = sum((row.income for row in months), ZERO)
    spending = sum((row.spending for row in months), ZERO)
    return MonthlyRead(
        start_date=window.start_date,
        end_date=window.end_date,
        currency=money.chosen,
        currencies=money.available,
        income=income,
        spending=spending,
        net=income - spending,
        months=months,
    )


async def category_trends(
    session: AsyncSession,
    user_id: int,
    window: MonthWindow,
    *,
    categories: Sequence[str] = (),
    currency: str | None = None,
) -> TrendsRead:
    """A zero-filled monthly series per category; asked-for categories appear even if unspent."""
    money = await currencies(session, user_id, currency)
    where = [*_counted(user_id, window.period, money), Transaction.amount > 0]
    if categories:
        where.append(func.lower(Transaction.category).in_([c.lower() for c in categories]))
    rows = await session.execute(
        _select(Transaction.category, _YEAR, _MONTH, func.sum(Transaction.amount))
        .where(*where)
        .group_by(Transaction.category, _YEAR, _MONTH)
    )
    found: dict[str | None, dict[int, Decimal]] = defaultdict(dict)
    for category, year, month, total in rows:
        found[category][_index(year, month)] = _money(total)
    seen = {name.lower() for name in found if name is not None}
    for name in categories:
        if name.lower() not in seen:
            seen.add(name.lower())
            found[name] = {}
    trends = []
    for category, totals in found.items():
        series = [
            MonthSpending(month=month_label(m), spending=totals.get(month_index(m), ZERO))
            for m in window.months
        ]
        total = sum((point.spending for point in series), ZERO)
        trends.append(CategoryTrend(category=category, total=total, series=series))
    trends.sort(key=lambda row: _by_total(row.total, row.category))
    return TrendsRead(
        start_date=window.start_date,
        end_date=window.end_date,
        currency=money.chosen,
        currencies=money.available,
        months=[month_label(m) for m in window.months],
        categories=trends,
    )


async def top_merchants(
    session: AsyncSession,
    user_id: int,
    window: MonthWindow,
    *,
    limit: int,
    currency: str | None = None,
) -> MerchantsRead:
    money = await currencies(session, user_id, currency)
    merchant = func.coalesce(Transaction.merchant_name, Transaction.name).label("merchant")
    total = func.sum(Transaction.amount).label("total")
    rows = await session.execute(
        _select(merchant, func.count(Transaction.id), total)
        .where(*_counted(user_id, window.period, money), Transaction.amount > 0)
        .group_by(merchant)
        .order_by(total.desc(), merchant.asc())
        .limit(limit)
    )
    return MerchantsRead(
        start_date=window.start_date,
        end_date=window.end_date,
        currency=money.chosen,
        currencies=money.available,
        merchants=[
            MerchantSpending(merchant=name, count=count, total=_money(amount))
            for name, count, amount in rows
        ],
    )
