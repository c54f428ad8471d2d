from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from pattern.auth.deps import PathUser, PathUserCache
from pattern.cash_flow import service
from pattern.cash_flow.schemas import CashFlowRead, MonthFlowRead
from pattern.insights.params import InsightCurrency, RecentMonths
from pattern.kit.deps import SessionDep
from pattern.kit.errors import Unprocessable
from pattern.transactions.search import MONTH_REFUSED, parse_month

router = APIRouter(prefix="/users/{user_id}/cash-flow", tags=["cash flow"])


@router.get("", response_model=CashFlowRead)
async def cash_flow(
    user: PathUser,
    window: RecentMonths,
    currency: InsightCurrency,
    session: SessionDep,
    cache: PathUserCache,
) -> CashFlowRead:
    """Income, spending, net and savings rate of each of the last N months, this one included."""
    return await cache.get_or_compute(
        ("cash_flow", window, currency),
        lambda: service.cash_flow(session, user.id, window, currency=currency),
    )


@router.get("/{month}", response_model=MonthFlowRead)
async def month_flow(
    user: PathUser,
    month: Annotated[str, Path(description="YYYY-MM", max_length=7)],
    currency: InsightCurrency,
    session: SessionDep,
    cache: PathUserCache,
) -> MonthFlowRead:
    """A month's totals and its flow from income sources to spending groups, each figure
    with the filters of the transactions behind it."""
    parsed = parse_month(month)
    if parsed is None:
        raise Unprocessable(MONTH_REFUSED, field="month")
    return await cache.get_or_compute(
        ("cash_flow_month", parsed, currency),
        lambda: service.month_flow(session, user.id, parsed, currency=currency),
    )
