"""Spending insights: where the money went, month by month, by category and by merchant.

Definitions, shared by every route:

- Plaid amounts are positive for money leaving an account and negative for money coming in.
  Spending is the sum of the positive amounts; income is the sum of -amount over the
  negative ones (so a refund counts as income, not as less spending); net = income - spending.
- Counted: the user's own transactions (transactions.user_id), pending ones included,
  except hidden ones and transfers between the person's own accounts
  (`repository.is_transfer`).
- Categories are the transaction's (editable) category and subcategory; null stays null.
- A merchant is the merchant_name, else the transaction's name.
- Months are calendar months of the transaction's date; "the last N months" ends with the
  current month and starts on the first day of the month N - 1 months before it.
- Money of different currencies is never added up: the figures are in one currency, the
  one asked for or else the one most of the person's accounts hold (ISO code, else the
  unofficial one, else USD, as net worth counts them); the answer names it and lists the
  person's currencies.

Every figure is one GROUP BY query (pattern.insights.repository), but the monthly totals,
added up from the stored day totals (pattern.totals); the few grouped rows are shaped
here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.insights import repository
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
from pattern.kit.db import Shown
from pattern.totals.entries import from_cents
from pattern.totals.service import months_between
from pattern.transactions.search import Month
from pattern.users import repository as users_repository

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Currencies:
    chosen: str  # the figures' currency
    available: list[str]  # the person's, most accounts first

    @property
    def only_one(self) -> bool:
        """The person has one currency and it is the chosen one."""
        return self.available == [self.chosen]

    @property
    def filter(self) -> str | None:
        """The currency the transactions are filtered on; with one, every transaction is in
        it: no need to look."""
        return None if self.only_one else self.chosen


async def currencies(
    session: AsyncSession, user_id: int, asked: str | None, shown: Shown = None
) -> Currencies:
    """The person's currencies (from their accounts, or the `shown` ones) and the one to
    use: the one asked for, else their chosen currency if an account holds it, else the
    one most accounts hold."""
    available = await repository.account_currencies(session, user_id, shown)
    if asked:
        return Currencies(asked, available)
    preferred = await users_repository.currency(session, user_id)
    if preferred in available or not available:
        return Currencies(preferred or "USD", available)
    return Currencies(available[0], available)


def _index(year: Any, month: Any) -> int:
    return month_index(Month(int(year), int(month)))


def _money(value: object) -> Decimal:
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(ZERO)


def _by_total(total: Decimal, name: str | None) -> tuple[Decimal, bool, str]:
    return (-total, name is None, name or "")


async def spending_by_category(
    session: AsyncSession,
    user_id: int,
    period: Period,
    *,
    currency: str | None = None,
    shown: Shown = None,
) -> SpendingRead:
    money = await currencies(session, user_id, currency, shown)
    rows = await repository.spending_by_subcategory(session, user_id, period, money.filter, shown)
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


async def _income_and_spending(
    session: AsyncSession, user_id: int, window: MonthWindow, currency: str | None, shown: Shown
) -> dict[int, tuple[Decimal, Decimal]]:
    """(income, spending) of each month of the window, by month index."""
    found = {}
    months = await months_between(session, user_id, window.start_date, window.end_date, shown)
    for month in months:
        entries = [e for e in month.entries if currency in (None, e.currency)]
        first = month.first_day
        found[_index(first.year, first.month)] = (
            from_cents(sum(e.income for e in entries)),
            from_cents(sum(e.spent for e in entries)),
        )
    return found


async def monthly_totals(
    session: AsyncSession,
    user_id: int,
    window: MonthWindow,
    *,
    currency: str | None = None,
    shown: Shown = None,
) -> MonthlyRead:
    money = await currencies(session, user_id, currency, shown)
    found = await _income_and_spending(session, user_id, window, money.filter, shown)
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
    shown: Shown = None,
) -> TrendsRead:
    """A zero-filled monthly series per category; asked-for categories appear even if unspent."""
    money = await currencies(session, user_id, currency, shown)
    rows = await repository.spending_by_category_and_month(
        session, user_id, window.period, money.filter, categories, shown
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
    shown: Shown = None,
) -> MerchantsRead:
    money = await currencies(session, user_id, currency, shown)
    rows = await repository.top_merchants(
        session, user_id, window.period, money.filter, limit=limit, shown=shown
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
