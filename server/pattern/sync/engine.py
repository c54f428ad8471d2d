"""The sync engine: runs /transactions/sync passes for the items whose syncs are asked for.

Every request (a link, a webhook, the sync button, the periodic sync) is recorded in the
database before it is acknowledged (storage/requests.py), and a pass serves all the
requests its item had when it began; so a request survives a crash or a restart, and the
passes run in whichever process is free: the server's own, or `python -m pattern worker`.

Its parts, each readable alone:
- queue.py: when the recorded requests are looked at (woken, and a short poll);
- scheduling.py: when passes run (one per item at a time, a few at once, coalesced);
- sync_pass.py: one pass, Plaid's loop (fetch a page, write it with its cursor);
- fetching.py: the pages (one fetched ahead, a mutated pagination begun again);
- storage/: where a pass reads and writes, one implementation per database, and the
  requests table (storage/requests.py);
- pipeline.py: two pages in flight on PostgreSQL, committing in order;
- accounts.py: the accounts the database holds already, so passes rarely write them;
- locks.py: one pass per item across processes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from pattern.kit.crypto import TokenCipher
from pattern.plaid.client import PlaidClient
from pattern.sync.locks import ItemLocks
from pattern.sync.queue import RequestRunner
from pattern.sync.results import SyncResult
from pattern.sync.scheduling import Scheduler
from pattern.sync.storage import storage_for
from pattern.sync.storage.requests import DeadRequest, Retries, SyncRequestStore
from pattern.sync.sync_pass import Emit, PassTools, SyncPass

__all__ = ["PAGE_SIZE", "DeadRequest", "Retries", "SyncEngine", "SyncResult"]

logger = logging.getLogger(__name__)

PAGE_SIZE = 500

# Another process's pass holds the item: that pass serves the requests.
BUSY_ELSEWHERE = "BUSY_ELSEWHERE"
# After a pass failed where its failure could not be recorded, its item waits this long.
RESTING_SECONDS = 5.0

# Errors trying again would not mend: the person must act (a new login, a removed item).
NEEDS_THE_PERSON = frozenset(
    {
        "ITEM_LOGIN_REQUIRED",
        "ITEM_NOT_FOUND",
        "INVALID_ACCESS_TOKEN",
        "ACCESS_NOT_GRANTED",
        "USER_PERMISSION_REVOKED",
        "NO_ACCOUNTS",
        "ITEM_LOCKED",
        "INVALID_CREDENTIALS",
        "INSUFFICIENT_CREDENTIALS",
        "PRODUCT_NOT_ENABLED",
        "PRODUCTS_NOT_SUPPORTED",
    }
)


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
        retries: Retries | None = None,
        poll_seconds: float = 1.0,
        runs_requests: bool = True,
    ) -> None:
        engine = _engine_of(sessionmaker)
        self._tools = PassTools(storage_for(engine), plaid, cipher, sessionmaker, emit)
        self._requests = SyncRequestStore(engine)
        self._retries = retries or Retries()
        self._locks = locks
        self._page_size = page_size
        self._concurrency = concurrency
        # Passes running at once: each holds up to three database connections (its lock,
        # which it also writes on, a second writer while pages keep coming, and a moment's
        # one for each Plaid call's event), so this keeps a burst of webhooks from draining
        # the pool.
        self._runner = RequestRunner(self._start_due, poll_seconds)
        # When an item's passes end, the requests that came meanwhile are looked at.
        self._scheduler = Scheduler(self._queued_pass, concurrency, ended=self._runner.wake)
        # Items whose pass someone awaits (sync()): it waits for another process's pass.
        self._awaited: Counter[int] = Counter()
        # Items not to try again until then: another process was syncing them, or their
        # pass failed before it could record how (the database, mostly).
        self._resting: dict[int, float] = {}
        self._poll_seconds = poll_seconds
        self._runs_requests = runs_requests

    def start(self) -> None:
        """Run the recorded requests in this process (the server's, or a worker's), those
        that a stopped or crashed process left too. A request in this process starts it
        as well, unless `runs_requests` is off (workers run them all)."""
        if self._runs_requests:
            self._runner.start()

    async def request(self, item_id: int, reason: str) -> None:
        """Record a sync of the item; it runs in the background, here or in a worker."""
        await self.request_many([item_id], reason)

    async def request_many(
        self, item_ids: Iterable[int], reason: str, *, urgent: bool = False, revive: bool = True
    ) -> None:
        """Record a sync of each item, committed when this returns, and start them (see
        SyncRequestStore.add for `urgent` and `revive`)."""
        await self._requests.record(item_ids, reason, urgent=urgent, revive=revive)
        self.wake()

    async def record(self, session: AsyncSession, item_id: int, reason: str) -> None:
        """Record a sync in the caller's transaction; call wake() once it has committed."""
        await self._requests.add(session, [item_id], reason, urgent=True)

    def wake(self) -> None:
        """Look at the recorded requests now."""
        self.start()
        self._runner.wake()

    async def sync(self, item_id: int) -> SyncResult:
        """Sync an item in this process and wait for it (the person's sync button)."""
        await self._requests.record([item_id], "button", urgent=True)
        self._awaited[item_id] += 1
        try:
            return await asyncio.shield(self._scheduler.request(item_id))
        finally:
            self._awaited[item_id] -= 1
            if self._awaited[item_id] <= 0:
                del self._awaited[item_id]

    @property
    def busy(self) -> bool:
        """Whether a pass runs or waits to run, or a request of this process is still to
        be looked at."""
        return self._scheduler.busy or self._runner.busy

    async def wait_idle(self) -> None:
        """Return once no pass is running or waiting to run (events: no polling)."""
        while self.busy:
            await self._runner.wait_settled()
            await self._scheduler.wait_idle()

    async def close(self, grace_seconds: float = 20.0) -> None:
        """Stop taking work; let running passes finish the page they are writing.

        A pass stops after its current page (its cursor is stored with it), and its
        requests stay recorded, so the next start resumes from there. Whatever is still
        running after the grace is cancelled: its page's transaction rolls back, which
        loses nothing either.
        """
        await self._runner.stop()
        await self._scheduler.close(grace_seconds)

    async def items_due(self, older_than_seconds: float) -> list[int]:
        """Items not synced for a while (the periodic sync, for setups without webhooks)."""
        return await self._tools.storage.items_due(older_than_seconds)

    async def waiting_requests(self) -> int:
        """Items whose sync is recorded and not yet done (for the administrator)."""
        return await self._requests.waiting()

    async def dead_requests(self) -> list[DeadRequest]:
        """Items whose sync failed every attempt (for the administrator)."""
        return await self._requests.dead()

    async def _start_due(self) -> None:
        free = self._concurrency - self._scheduler.load
        if free <= 0:
            return
        now = time.monotonic()
        self._resting = {k: t for k, t in self._resting.items() if t > now}
        skip = self._scheduler.load + len(self._resting)
        for item_id in await self._requests.due(free + skip):
            if free <= 0:
                return
            if self._scheduler.working(item_id) or item_id in self._resting:
                continue
            self._scheduler.request(item_id)
            free -= 1

    async def _queued_pass(self, item_id: int) -> SyncResult:
        # The lock is inside the try: taking it needs the database too, and with the database
        # down a pass must end as a SYNC_FAILED result, not as an exception nobody awaits.
        try:
            awaited = item_id in self._awaited
            claim = self._locks.hold(item_id) if awaited else self._locks.claim(item_id)
            async with claim as connection:
                if connection is None:
                    self._resting[item_id] = time.monotonic() + self._poll_seconds
                    return SyncResult(item_id, error_code=BUSY_ELSEWHERE)
                served = await self._requests.requested(connection, item_id)
                if served is None and not awaited:
                    return SyncResult(item_id)  # a pass elsewhere served it meanwhile
                result = await self._pass(item_id, connection)
                if served is not None and not self._scheduler.stopping:
                    await self._settle(connection, item_id, served, result)
                if result.ok:
                    counts = result.counts
                    logger.info(
                        "item %s synced: %d added, %d modified, %d removed",
                        item_id,
                        counts.added,
                        counts.modified,
                        counts.removed,
                    )
                return result
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # never a crash loop: report it and stop this pass
            logger.exception("sync of item %s failed", item_id)
            self._resting[item_id] = time.monotonic() + RESTING_SECONDS
            return SyncResult(item_id, error_code="SYNC_FAILED", error_message=str(exc))

    async def _pass(self, item_id: int, connection: AsyncConnection) -> SyncResult:
        sync_pass = SyncPass(
            self._tools,
            item_id,
            connection,
            page_size=self._page_size,
            stopping=lambda: self._scheduler.stopping,
        )
        try:
            return await sync_pass.run()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            logger.exception("sync of item %s failed", item_id)
            await connection.rollback()
            return SyncResult(item_id, error_code="SYNC_FAILED", error_message=str(exc))

    async def _settle(
        self, connection: AsyncConnection, item_id: int, served: int, result: SyncResult
    ) -> None:
        """Mark the requests the pass served; or, after a failure that may pass, try again
        later; after the last attempt, give up (the administrator sees it)."""
        code = result.error_code
        if code is None or code in NEEDS_THE_PERSON:
            await self._requests.served(connection, item_id, served, code)
            if code is None and result.poll_after is not None:
                await self._requests.poll_later(connection, item_id, result.poll_after)
        elif await self._requests.failed(connection, item_id, code, self._retries):
            logger.error("sync of item %s gave up after repeated failures: %s", item_id, code)


def _engine_of(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncEngine:
    bind = sessionmaker.kw["bind"]
    return bind if isinstance(bind, AsyncEngine) else bind.engine
