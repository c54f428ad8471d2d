"""Stored streams refreshed in the background after a person's edit (a rule, a hidden row,
a category, a transfer decision), one refresh for a burst of reads, then
RECURRING_UPDATED to the person's browsers so they read the streams again."""

from __future__ import annotations

import asyncio
import logging
import time

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.kit.background import Background
from pattern.kit.sockets import UserEvents
from pattern.recurring import store
from pattern.users.today import today_of

logger = logging.getLogger(__name__)

RECURRING_UPDATED = "RECURRING_UPDATED"
# A burst of edits and reads (a rule applied, rows hidden one by one, the pages reading
# again after each) is served by one refresh once it pauses this long, or at the latest
# after MAX_WAIT_SECONDS: detection takes a while, and the reads meanwhile get the stored
# streams.
QUIET_SECONDS = 1.0
MAX_WAIT_SECONDS = 10.0


class RecurringUpdates:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        background: Background,
        events: UserEvents,
        *,
        quiet_seconds: float = QUIET_SECONDS,
        max_wait_seconds: float = MAX_WAIT_SECONDS,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._background = background
        self._events = events
        self._quiet_seconds = quiet_seconds
        self._max_wait_seconds = max_wait_seconds
        self._scheduled: set[int] = set()  # people whose refresh waits or runs
        self._again: set[int] = set()  # asked for while it ran: once more after
        self._last_asked: dict[int, float] = {}

    def schedule(self, user_id: int) -> None:
        """Have the person's streams refreshed soon; at most one refresh per person runs."""
        self._again.add(user_id)
        self._last_asked[user_id] = time.monotonic()
        if user_id in self._scheduled:
            return
        self._scheduled.add(user_id)
        self._background.spawn(self._refresh(user_id))

    async def _refresh(self, user_id: int) -> None:
        try:
            while user_id in self._again:
                await self._pause(user_id)
                self._again.discard(user_id)  # those asked for so far, this one serves
                if await self._refresh_once(user_id):
                    await self._events.emit_to_user(user_id, RECURRING_UPDATED, {})
        finally:
            self._scheduled.discard(user_id)
            self._again.discard(user_id)
            self._last_asked.pop(user_id, None)

    async def _pause(self, user_id: int) -> None:
        """Until nobody asked for a while (or the longest wait is over)."""
        deadline = time.monotonic() + self._max_wait_seconds
        while True:
            quiet_until = self._last_asked.get(user_id, 0.0) + self._quiet_seconds
            wait = min(quiet_until, deadline) - time.monotonic()
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    async def _refresh_once(self, user_id: int) -> bool:
        try:
            async with self._sessionmaker() as session:
                stored = await store.refresh(session, user_id, await today_of(session, user_id))
                await session.commit()
                return stored
        except Exception:  # the next read after the next change tries again
            logger.exception("refreshing the recurring streams of user %s failed", user_id)
            return False
