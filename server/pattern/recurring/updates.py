"""Stored streams refreshed in the background after a person's edit (a rule, a hidden row,
a category, a transfer decision), one refresh for a burst of reads, then
RECURRING_UPDATED to the person's browsers so they read the streams again."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.kit import clock
from pattern.kit.background import Background
from pattern.kit.sockets import UserEvents
from pattern.recurring import store

logger = logging.getLogger(__name__)

RECURRING_UPDATED = "RECURRING_UPDATED"
# Reads that come together (the recurring page, the upcoming list and the forecast after
# one edit) wait this long, so that one refresh serves them all.
GATHER_SECONDS = 0.3


class RecurringUpdates:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        background: Background,
        events: UserEvents,
        *,
        gather_seconds: float = GATHER_SECONDS,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._background = background
        self._events = events
        self._gather_seconds = gather_seconds
        self._scheduled: set[int] = set()  # people whose refresh waits or runs
        self._again: set[int] = set()  # asked for while it ran: once more after

    def schedule(self, user_id: int) -> None:
        """Have the person's streams refreshed soon; at most one refresh per person runs."""
        self._again.add(user_id)
        if user_id in self._scheduled:
            return
        self._scheduled.add(user_id)
        self._background.spawn(self._refresh(user_id))

    async def _refresh(self, user_id: int) -> None:
        try:
            while user_id in self._again:
                await asyncio.sleep(self._gather_seconds)
                self._again.discard(user_id)  # those asked for so far, this one serves
                if await self._refresh_once(user_id):
                    await self._events.emit_to_user(user_id, RECURRING_UPDATED, {})
        finally:
            self._scheduled.discard(user_id)
            self._again.discard(user_id)

    async def _refresh_once(self, user_id: int) -> bool:
        try:
            async with self._sessionmaker() as session:
                stored = await store.refresh(session, user_id, clock.today())
                await session.commit()
                return stored
        except Exception:  # the next read after the next change tries again
            logger.exception("refreshing the recurring streams of user %s failed", user_id)
            return False
