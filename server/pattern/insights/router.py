from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import StringConstraints

from pattern.households.deps import PathView
from pattern.insights import service
from pattern.insights.params import InsightCurrency, RecentMonths, SpendingPeriod
from pattern.insights.schemas import MerchantsRead, MonthlyRead, SpendingRead, TrendsRead
from pattern.kit.deps import SessionDep

# To a member of a share (pattern.households), of the shared accounts alone.
router = APIRouter(prefix="/users/{user_id}/insights", tags=["insights"])


@router.get("/spending", response_model=SpendingRead)
async def spending(
    view: PathView,
    period: SpendingPeriod,
    currency: InsightCurrency,
    session: SessionDep,
) -> SpendingRead:
    """Spending by category and subcategory for a month or a date range (default: this month)."""
    return await view.cache.get_or_compute(
        ("spending", period, currency),
        lambda: service.spending_by_category(
            session, view.owner.id, period, currency=currency, shown=view.shown
        ),
    )


@router.get("/monthly", response_model=MonthlyRead)
async def monthly(
    view: PathView,
    window: RecentMonths,
    currency: InsightCurrency,
    session: SessionDep,
) -> MonthlyRead:
    """Income, spending and net of each of the last N months, this one included."""
    return await view.cache.get_or_compute(
        ("monthly", window, currency),
        lambda: service.monthly_totals(
            session, view.owner.id, window, currency=currency, shown=view.shown
        ),
    )


@router.get("/trends", response_model=TrendsRead)
async def trends(
    view: PathView,
    window: RecentMonths,
    currency: InsightCurrency,
    session: SessionDep,
    category: Annotated[
        list[Annotated[str, StringConstraints(max_length=255)]] | None,
        Query(max_length=50, description="only these categories (repeatable)"),
    ] = None,
) -> TrendsRead:
    """Each category's spending month by month over the last N months, zero-filled."""
    categories = tuple(category or ())
    return await view.cache.get_or_compute(
        ("trends", window, categories, currency),
        lambda: service.category_trends(
            session,
            view.owner.id,
            window,
            categories=categories,
            currency=currency,
            shown=view.shown,
        ),
    )


@router.get("/merchants", response_model=MerchantsRead)
async def merchants(
    view: PathView,
    window: RecentMonths,
    currency: InsightCurrency,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> MerchantsRead:
    """The merchants with the most spending over the last N months, with count and total."""
    return await view.cache.get_or_compute(
        ("merchants", window, limit, currency),
        lambda: service.top_merchants(
            session, view.owner.id, window, limit=limit, currency=currency, shown=view.shown
        ),
    )
