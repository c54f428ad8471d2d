from __future__ import annotations

from datetime import date
from decimal import Decimal

from pattern.kit.schemas import ResponseBody


class SubcategorySpending(ResponseBody):
    subcategory: str | None
    total: Decimal
    count: int


class CategorySpending(ResponseBody):
    category: str | None
    total: Decimal
    count: int
    subcategories: list[SubcategorySpending]


class InCurrency(ResponseBody):
    currency: str  # every amount of the answer is in it
    currencies: list[str]  # the person's currencies, most accounts first


class SpendingRead(InCurrency):
    start_date: date | None
    end_date: date | None
    total: Decimal
    count: int
    categories: list[CategorySpending]


class MonthTotals(ResponseBody):
    month: str
    income: Decimal
    spending: Decimal
    net: Decimal


class MonthlyRead(InCurrency):
    start_date: date
    end_date: date
    income: Decimal
    spending: Decimal
    net: Decimal
    months: list[MonthTotals]


class MonthSpending(ResponseBody):
    month: str
    spending: Decimal


class CategoryTrend(ResponseBody):
    category: str | None
    total: Decimal
    series: list[MonthSpending]


class TrendsRead(InCurrency):
    start_date: date
    end_date: date
    months: list[str]
    categories: list[CategoryTrend]


class MerchantSpending(ResponseBody):
    merchant: str
    count: int
    total: Decimal


class MerchantsRead(InCurrency):
    start_date: date
    end_date: date
    merchants: list[MerchantSpending]
