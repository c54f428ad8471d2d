from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from pattern.auth.deps import PathUser
from pattern.kit import clock
from pattern.kit.deps import SessionDep
from pattern.recurring import service
from pattern.recurring.deps import UpdatesDep
from pattern.recurring.schemas import OverrideWrite, RecurringRead

router = APIRouter(prefix="/users/{user_id}/recurring", tags=["recurring"])

StreamId = Annotated[str, Path(pattern="^[0-9a-f]{24}$", description="a stream's id")]


@router.get("", response_model=RecurringRead)
async def recurring(user: PathUser, session: SessionDep, updates: UpdatesDep) -> RecurringRead:
    """Recurring subscriptions, bills and income, their monthly totals, and what is due in
    the next 30 days. Answered from the stored streams; when they are older than the
    person's data, a refresh follows and RECURRING_UPDATED tells the person's browsers."""
    return await service.read(session, user, updates, clock.today(user.time_zone))


@router.put("/{stream_id}", status_code=204)
async def override(
    user: PathUser,
    stream_id: StreamId,
    said: OverrideWrite,
    session: SessionDep,
    updates: UpdatesDep,
) -> None:
    """Say a stream is not recurring, or the amount expected each time (null: the last)."""
    await service.override(session, user, updates, stream_id, said, clock.today(user.time_zone))
