from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query

from pattern.auth.deps import PathUser
from pattern.budgets import service
from pattern.budgets.periods import MONTH_TEXT, BudgetMonth, parse_budget_month
from pattern.budgets.schemas import (
    BudgetLinesWrite,
    BudgetRead,
    BudgetSettingsRead,
    BudgetSettingsWrite,
)
from pattern.households.deps import BudgetView, EditableBudgetView
from pattern.insights.params import InsightCurrency
from pattern.kit import clock
from pattern.kit.deps import SessionDep
from pattern.kit.errors import Unprocessable
from pattern.models import User

router = APIRouter(prefix="/users/{user_id}/budgets", tags=["budgets"])


async def budget_month(
    month: Annotated[str, Path(max_length=16, description="YYYY-MM, or current")],
) -> BudgetMonth | None:
    """None: the budget month today is in, which depends on the person's start day."""
    if month == "current":
        return None
    parsed = parse_budget_month(month)
    if parsed is None:
        raise Unprocessable(f"Give the month as {MONTH_TEXT}, or current.", field="month")
    return parsed


MonthParam = Annotated[BudgetMonth | None, Depends(budget_month)]
AVERAGE_MONTHS = (3, 6, 12)
Overwrite = Annotated[bool, Query(description="replace lines already set")]


async def _month_or_current(
    session: SessionDep, user: User, month: BudgetMonth | None
) -> BudgetMonth:
    return month or await service.current_month(session, user.id, clock.today(user.time_zone))


@router.get("/settings", response_model=BudgetSettingsRead)
async def read_settings(view: BudgetView, session: SessionDep) -> BudgetSettingsRead:
    """The day budget months start on (1 unless set) and the income target."""
    return await service.read_settings(session, view.owner.id)


@router.put("/settings", response_model=BudgetSettingsRead)
async def write_settings(
    body: BudgetSettingsWrite, user: PathUser, session: SessionDep
) -> BudgetSettingsRead:
    """Set the start day of budget months (payday, 1-28) and the income target."""
    return await service.write_settings(session, user.id, body)


@router.get("/{month}", response_model=BudgetRead)
async def read_month(
    month: MonthParam,
    view: BudgetView,
    session: SessionDep,
    currency: InsightCurrency,
) -> BudgetRead:
    """A budget month: each group and category budgeted, carried in, spent, left and pace.
    To a member of a share with the budget (the household budget): what was spent in the
    shared accounts."""
    # Today is in the key: the pace, and which month is current, change with the day (in
    # the person's own time zone).
    owner = view.owner
    today = clock.today(owner.time_zone)
    return await view.cache.get_or_compute(
        ("budget", month, currency, today),
        lambda: service.read_month(
            session, owner.id, month, today=today, currency=currency, shown=view.shown
        ),
    )


@router.put("/{month}/lines", response_model=BudgetRead)
async def write_lines(
    body: BudgetLinesWrite, month: MonthParam, view: EditableBudgetView, session: SessionDep
) -> BudgetRead:
    """Set the amount and rollover of lines of the month (a null amount removes one); a
    member of a share may, when it has the budget and lets them edit."""
    owner = view.owner
    at = await _month_or_current(session, owner, month)
    await service.write_lines(session, owner.id, at, body)
    today = clock.today(owner.time_zone)
    return await service.read_month(session, owner.id, at, today=today, shown=view.shown)


@router.post("/{month}/copy-previous", response_model=BudgetRead)
async def copy_previous(
    month: MonthParam, user: PathUser, session: SessionDep, overwrite: Overwrite = False
) -> BudgetRead:
    """Copy last month's lines into this one (409 when last month has none)."""
    at = await _month_or_current(session, user, month)
    await service.copy_previous(session, user.id, at, overwrite=overwrite)
    return await service.read_month(session, user.id, at, today=clock.today(user.time_zone))


@router.post("/{month}/fill", response_model=BudgetRead)
async def fill(
    month: MonthParam,
    user: PathUser,
    session: SessionDep,
    months: Annotated[int, Query(description="average of the last 3, 6 or 12 months")],
    source: Annotated[Literal["average"], Query(alias="from")] = "average",
    overwrite: Overwrite = False,
) -> BudgetRead:
    """Fill the month's lines (and a line per group spent in) from average spending."""
    if months not in AVERAGE_MONTHS:
        raise Unprocessable("Average over 3, 6 or 12 months.", field="months")
    at = await _month_or_current(session, user, month)
    await service.fill_from_average(session, user.id, at, months=months, overwrite=overwrite)
    return await service.read_month(session, user.id, at, today=clock.today(user.time_zone))
