"""Keeps the audit log bounded: events older than AUDIT_RETENTION_DAYS are removed at
start and then every few hours, by every server process (each removal is idempotent)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.audit import service
from pattern.models.base import utcnow

logger = logging.getLogger(__name__)

PRUNE_EVERY_SECONDS = 6 * 3600


class AuditRetention:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], days: int) -> None:
        self._sessionmaker = sessionmaker
        self._keep = timedelta(days=days)
        self._task: asyncio.Task[None] | None = None

    async def prune_once(self) -> int:
        async with self._sessionmaker() as session:
            removed = await service.prune(session, before=utcnow() - self._keep)
            await session.commit()
        return removed

    async def _prune_forever(self) -> None:
        while True:
            try:
                await self.prune_once()
            except Exception:  # the database may be down a while: next time
                logger.warning("could not remove the audit log's old events", exc_info=True)
            await asyncio.sleep(PRUNE_EVERY_SECONDS)

    def start(self) -> None:
        # Not one of the app's background tasks, which are awaited until done.
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._prune_forever())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
