from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from pattern.auth.deps import PathUser, PathUserCache
from pattern.kit import clock
from pattern.kit.deps import SessionDep
from pattern.recurring import service
from pattern.recurring.schemas import OverrideWrite, RecurringRead

router = APIRouter(prefix="/users/{user_id}/recurring", tags=["recurring"])

StreamId = Annotated[str, Path(pattern="^[0-9a-f]{24}$", description="a stream's id")]


@router.get("", response_model=RecurringRead)
async def recurring(user: PathUser, session: SessionDep, cache: PathUserCache) -> RecurringRead:
    """Recurring subscriptions, bills and income, their monthly totals, and what is due in
    the next 30 days."""
    return await service.read(session, cache, user.id, clock.today())


@router.put("/{stream_id}", status_code=204)
async def override(
    user: PathUser,
    stream_id: StreamId,
    said: OverrideWrite,
    session: SessionDep,
    cache: PathUserCache,
) -> None:
    """Say a stream is not recurring, or the amount expected each time (null: the last)."""
    await service.override(session, cache, user.id, stream_id, said, clock.today())
