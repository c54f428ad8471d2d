"""Making notices outside a request: after a sync pass changed a person's data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.kit import clock
from pattern.kit.background import Background
from pattern.notices import repository, service
from pattern.notices.schemas import NoticeRead
from pattern.recurring.service import Refresher

Emit = Callable[[int, str, Any], Awaitable[None]]
EVENT = "NOTICE"


class NoticeMaker:
    """Makes a person's notices in the background and tells their sockets of each new one."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        refresher: Refresher,
        emit: Emit,
        background: Background,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._refresher = refresher
        self._emit = emit
        self._background = background
        self._queued: set[int] = set()

    def data_changed(self, user_id: int) -> None:
        """The person's transactions changed: make their notices soon, not in the caller's
        way. Changes that come while a run waits to start are all seen by it."""
        if user_id not in self._queued:
            self._queued.add(user_id)
            self._background.spawn(self._make(user_id))

    async def _make(self, user_id: int) -> None:
        self._queued.discard(user_id)
        async with self._sessionmaker() as session:
            user = await repository.user(session, user_id)
            if user is None:
                return
            made = await service.make(session, user, self._refresher, clock.today(user.time_zone))
            await session.commit()
        await self.tell(user_id, made)

    async def tell(self, user_id: int, made: list[NoticeRead]) -> None:
        """Send each new notice to the person's sockets (once it is committed)."""
        for notice in made:
            await self._emit(user_id, EVENT, notice.model_dump(mode="json"))
