"""At most one pass of an item at a time: in this process, and across processes where they
share the database (PostgreSQL's advisory lock, held by the page storage's connection)."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from pattern.sync.storage import storage_for


class ItemLocks:
    def __init__(self, engine: AsyncEngine) -> None:
        self._storage = storage_for(engine)
        # An item's lock lives while a pass holds or waits for it, not for every item ever
        # synced.
        self._local: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    @asynccontextmanager
    async def hold(self, item_id: int) -> AsyncIterator[AsyncConnection]:
        """Hold the item's lock; yield the connection the pass runs on.

        The holder may run its own transactions on that connection (commits and rollbacks
        leave a session-level lock held) but must not close it.
        """
        lock = self._local.setdefault(item_id, asyncio.Lock())
        async with lock, self._storage.hold_item(item_id) as connection:
            yield connection

    @asynccontextmanager
    async def claim(self, item_id: int) -> AsyncIterator[AsyncConnection | None]:
        """hold(), unless another process holds the item: None then, at once (its pass
        serves the item's requests). In this process, waits as hold() does."""
        lock = self._local.setdefault(item_id, asyncio.Lock())
        async with lock, self._storage.claim_item(item_id) as connection:
            yield connection
