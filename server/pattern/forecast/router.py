from __future__ import annotations

from fastapi import APIRouter

from pattern.auth.deps import PathUser
from pattern.forecast import service
from pattern.forecast.repository import set_threshold
from pattern.forecast.schemas import ForecastRead, ForecastSettingsWrite
from pattern.kit import clock
from pattern.kit.deps import SessionDep
from pattern.recurring.deps import UpdatesDep

router = APIRouter(prefix="/users/{user_id}/forecast", tags=["forecast"])


@router.get("", response_model=ForecastRead)
async def forecast(user: PathUser, session: SessionDep, updates: UpdatesDep) -> ForecastRead:
    """Each cash account's expected balance for today and the next 30 days, from its
    balance and its recurring payments, and whether it would go below the threshold."""
    return await service.forecast(session, updates, user, clock.today(user.time_zone))


@router.put("/settings", response_model=ForecastRead)
async def settings(
    user: PathUser, said: ForecastSettingsWrite, session: SessionDep, updates: UpdatesDep
) -> ForecastRead:
    """Set the balance below which the forecast warns (0 by default)."""
    await set_threshold(session, user.id, said.threshold)
    await session.commit()
    await session.refresh(user)
    return await service.forecast(session, updates, user, clock.today(user.time_zone))
