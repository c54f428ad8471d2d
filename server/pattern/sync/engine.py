"""The sync engine: runs /transactions/sync passes for items in the background.

Its parts, each readable alone:
- scheduling.py: when passes run (one per item at a time, a few at once, coalesced);
- sync_pass.py: one pass, Plaid's loop (fetch a page, write it with its cursor);
- fetching.py: the pages (one fetched ahead, a mutated pagination begun again);
- storage/: where a pass reads and writes, one implementation per database;
- pipeline.py: two pages in flight on PostgreSQL, committing in order;
- accounts.py: the accounts the database holds already, so passes rarely write them;
- locks.py: one pass per item across processes.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from pattern.kit.crypto import TokenCipher
from pattern.plaid.client import PlaidClient
from pattern.sync.locks import ItemLocks
from pattern.sync.results import SyncResult
from pattern.sync.scheduling import Scheduler
from pattern.sync.storage import storage_for
from pattern.sync.sync_pass import Emit, PassTools, SyncPass

__all__ = ["PAGE_SIZE", "SyncEngine", "SyncResult"]

logger = logging.getLogger(__name__)

PAGE_SIZE = 500


class SyncEngine:
    def __init__(
        self,
        *,
        sessionmaker: async_sessionmaker[AsyncSession],
        plaid: PlaidClient,
        cipher: TokenCipher,
        locks: ItemLocks,
        emit: Emit,
        page_size: int = PAGE_SIZE,
        concurrency: int = 4,
    ) -> None:
        storage = storage_for(_engine_of(sessionmaker))
        self._tools = PassTools(storage, plaid, cipher, sessionmaker, emit)
        self._locks = locks
        self._page_size = page_size
        # Passes running at once: each holds up to three database connections (its lock,
        # which it also writes on, a second writer while pages keep coming, and a moment's
        # one for each Plaid call's event), so this keeps a burst of webhooks from draining
        # the pool.
        self._scheduler = Scheduler(self._locked_pass, concurrency)

    def request(self, item_id: int) -> asyncio.Task[SyncResult]:
        """Sync an item in the background; while one runs, ask for one more pass after it."""
        return self._scheduler.request(item_id)

    async def sync(self, item_id: int) -> SyncResult:
        """Sync an item and wait for it (and for any pass coalesced into it)."""
        return await asyncio.shield(self.request(item_id))

    @property
    def busy(self) -> bool:
        """Whether a pass runs or waits to run."""
        return self._scheduler.busy

    async def wait_idle(self) -> None:
        """Return once no pass is running or waiting to run (an event: no polling)."""
        await self._scheduler.wait_idle()

    async def close(self, grace_seconds: float = 20.0) -> None:
        """Stop taking work; let running passes finish the page they are writing.

        A pass stops after its current page (its cursor is stored with it), so the next
        start resumes from there. Whatever is still running after the grace is cancelled:
        its page's transaction rolls back, which loses nothing either.
        """
        await self._scheduler.close(grace_seconds)

    async def items_due(self, older_than_seconds: float) -> list[int]:
        """Items not synced for a while (the periodic sync, for setups without webhooks)."""
        return await self._tools.storage.items_due(older_than_seconds)

    async def _locked_pass(self, item_id: int) -> SyncResult:
        # The lock is inside the try: taking it needs the database too, and with the database
        # down a pass must end as a SYNC_FAILED result, not as an exception nobody awaits.
        try:
            async with self._locks.hold(item_id) as connection:
                sync_pass = SyncPass(
                    self._tools,
                    item_id,
                    connection,
                    page_size=self._page_size,
                    stopping=lambda: self._scheduler.stopping,
                )
                return await sync_pass.run()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # never a crash loop: report it and stop this pass
            logger.exception("sync of item %s failed", item_id)
            return SyncResult(item_id, error_code="SYNC_FAILED", error_message=str(exc))


def _engine_of(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncEngine:
    bind = sessionmaker.kw["bind"]
    return bind if isinstance(bind, AsyncEngine) else bind.engine
