"""At most one sync of an item at a time: in this process, and across processes on PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

# First key of PostgreSQL's two-key advisory locks: "sync" for Pattern's item syncs.
_ADVISORY_NAMESPACE = 0x5379_6E63 & 0x7FFF_FFFF


class ItemLocks:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._local: dict[int, asyncio.Lock] = {}

    @asynccontextmanager
    async def hold(self, item_id: int) -> AsyncIterator[AsyncConnection | None]:
        """Hold the item's lock; on PostgreSQL, yield the connection that holds it.

        The holder may run its own transactions on that connection (commits and rollbacks
        leave a session-level lock held) but must not close it.
        """
        lock = self._local.setdefault(item_id, asyncio.Lock())
        async with lock:
            if self._engine.dialect.name != "postgresql":
                # SQLite is served by one process, so the local lock is the whole story.
                yield None
                return
            # A session-level advisory lock held on its own connection for the whole pass;
            # another process asking for the same item waits here until this one is done.
            async with self._engine.connect() as connection:
                await connection.execute(
                    text("SELECT pg_advisory_lock(:namespace, :item)"),
                    {"namespace": _ADVISORY_NAMESPACE, "item": item_id},
                )
                await connection.commit()
                try:
                    yield connection
                finally:
                    await self._unlock(connection, item_id)

    @staticmethod
    async def _unlock(connection: AsyncConnection, item_id: int) -> None:
        try:
            await connection.execute(
                text("SELECT pg_advisory_unlock(:namespace, :item)"),
                {"namespace": _ADVISORY_NAMESPACE, "item": item_id},
            )
            await connection.commit()
        except DBAPIError:
            # The database went away during the pass (a restart, a failover). A session lock
            # ends with its session, so close this connection instead of failing the pass:
            # it must not go back to the pool while it might still hold the lock.
            await connection.invalidate()
        except BaseException:
            # Anything else (the holder's transactions ran on this connection, and a pass
            # cancelled mid-way may leave it unusable): the same, then let it through.
            await connection.invalidate()
            raise
