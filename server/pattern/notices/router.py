from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from pattern.auth.deps import PathUser
from pattern.kit import clock
from pattern.kit.db import after_commit
from pattern.kit.deps import SessionDep, provided
from pattern.notices import service
from pattern.notices.schemas import (
    NoticeList,
    NoticeSettingsRead,
    NoticeSettingsWrite,
    NoticesMarked,
    NoticesMarkRead,
)
from pattern.notices.tasks import NoticeMaker
from pattern.recurring.deps import UpdatesDep

router = APIRouter(prefix="/users/{user_id}/notices", tags=["notices"])

MakerDep = Annotated[NoticeMaker, Depends(provided(NoticeMaker))]


@router.get("", response_model=NoticeList)
async def notices(
    user: PathUser,
    session: SessionDep,
    updates: UpdatesDep,
    maker: MakerDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> NoticeList:
    """The person's notices, newest first, and how many are unread. Reading them makes the
    ones due today calls for (a bill due soon depends on the day)."""
    made = await service.make(session, user, updates, clock.today(user.time_zone))
    if made:
        after_commit(session, lambda: maker.tell(user.id, made))
    return await service.newest(session, user.id, limit)


@router.post("/read", response_model=NoticesMarked)
async def mark_read(body: NoticesMarkRead, user: PathUser, session: SessionDep) -> NoticesMarked:
    """Mark the given notices read (`ids`), or all of them (`all: true`)."""
    return await service.mark_read(session, user.id, body)


@router.get("/settings", response_model=NoticeSettingsRead)
async def read_settings(user: PathUser, session: SessionDep) -> NoticeSettingsRead:
    """How many days ahead a bill due is told (3 unless set; 0: never)."""
    return await service.read_settings(session, user.id)


@router.put("/settings", response_model=NoticeSettingsRead)
async def write_settings(
    body: NoticeSettingsWrite, user: PathUser, session: SessionDep
) -> NoticeSettingsRead:
    """Set how many days ahead a bill due is told (0-14; 0 turns these notices off)."""
    return await service.write_settings(session, user.id, body)
