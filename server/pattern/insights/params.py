"""Query parameters of the insights routes, checked and turned into periods."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from pattern.households.deps import PathView
from pattern.insights.periods import MonthWindow, Period, month_of, whole_month
from pattern.kit import clock
from pattern.kit.errors import Unprocessable
from pattern.transactions.params import DATES_REVERSED
from pattern.transactions.search import MONTH_REFUSED, parse_month

MAX_MONTHS = 60


async def spending_period(
    view: PathView,
    month: Annotated[str | None, Query(description="YYYY-MM", max_length=7)] = None,
    start_date: Annotated[date | None, Query(description="first day, YYYY-MM-DD")] = None,
    end_date: Annotated[date | None, Query(description="last day, YYYY-MM-DD")] = None,
) -> Period:
    if start_date and end_date and start_date > end_date:
        raise Unprocessable(DATES_REVERSED, field="start_date")
    if month is None:
        if start_date or end_date:
            return Period(start_date, end_date)
        return whole_month(month_of(clock.today(view.owner.time_zone)))
    if start_date or end_date:
        raise Unprocessable("Give either a month or a start and end date, not both.", field="month")
    parsed = parse_month(month)
    if parsed is None:
        raise Unprocessable(MONTH_REFUSED, field="month")
    return whole_month(parsed)


async def month_window(
    view: PathView,
    months: Annotated[
        int, Query(ge=1, le=MAX_MONTHS, description="how many months, ending with this one")
    ] = 12,
) -> MonthWindow:
    return MonthWindow.ending(clock.today(view.owner.time_zone), months)


async def insight_currency(
    currency: Annotated[
        str | None,
        Query(
            min_length=3,
            max_length=16,
            pattern=r"^[A-Za-z0-9]+$",
            description=(
                "the figures' currency, e.g. EUR (default: the person's chosen one if an "
                "account holds it, else the one most accounts hold)"
            ),
        ),
    ] = None,
) -> str | None:
    return currency.upper() if currency else None


SpendingPeriod = Annotated[Period, Depends(spending_period)]
InsightCurrency = Annotated[str | None, Depends(insight_currency)]
RecentMonths = Annotated[MonthWindow, Depends(month_window)]
