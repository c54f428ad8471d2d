"""When passes run: one at a time per item, a few items at once, requests coalesced.

A request for an item whose pass is running, or waiting for a slot, asks for one more pass
after it, however many such requests arrive: a webhook storm costs a pass or two, not a
pass per webhook.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from functools import partial

from pattern.sync.results import SyncResult

RunPass = Callable[[int], Awaitable[SyncResult]]

SHUTTING_DOWN = "SHUTTING_DOWN"


class Scheduler:
    def __init__(
        self, run_pass: RunPass, concurrency: int, ended: Callable[[], None] | None = None
    ) -> None:
        self._run_pass = run_pass
        # Told when an item's passes have ended and its slot is free.
        self._on_ended = ended
        self._slots = asyncio.Semaphore(concurrency)
        # An item's worker runs its passes until no more are asked for.
        self._workers: dict[int, asyncio.Task[SyncResult]] = {}
        self._again: set[int] = set()
        self._stopping = False
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def stopping(self) -> bool:
        """Closing: passes stop after the page they are writing."""
        return self._stopping

    @property
    def busy(self) -> bool:
        """Whether a pass runs or waits to run."""
        return not self._idle.is_set()

    @property
    def load(self) -> int:
        """Items whose passes run or wait for a slot."""
        return len(self._workers)

    def working(self, item_id: int) -> bool:
        """Whether the item's pass runs or waits for a slot."""
        worker = self._workers.get(item_id)
        return worker is not None and not worker.done()

    def request(self, item_id: int) -> asyncio.Task[SyncResult]:
        """Sync an item in the background; while one runs, ask for one more pass after it."""
        if self._stopping:  # the next start syncs it: the cursor is stored
            return _finished(SyncResult(item_id, error_code=SHUTTING_DOWN))
        worker = self._workers.get(item_id)
        if worker is not None and not worker.done():
            self._again.add(item_id)
            return worker
        worker = asyncio.get_running_loop().create_task(self._work(item_id))
        self._workers[item_id] = worker
        self._idle.clear()
        worker.add_done_callback(partial(self._ended, item_id))
        return worker

    async def wait_idle(self) -> None:
        """Return once no pass is running or waiting to run."""
        await self._idle.wait()

    async def close(self, grace_seconds: float) -> None:
        """Take no more requests; give running passes `grace_seconds`, then cancel them."""
        self._stopping = True
        workers = list(self._workers.values())
        running = [task for task in workers if not task.done()]
        if running:
            await asyncio.wait(running, timeout=grace_seconds)
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        self._workers.clear()
        self._idle.set()

    async def _work(self, item_id: int) -> SyncResult:
        total = SyncResult(item_id)
        while True:
            async with self._slots:
                # Asked for while waiting for a slot: the pass starting now reads Plaid after
                # that, so it serves those requests too (in a storm, most of them).
                self._again.discard(item_id)
                total.add(await self._run_pass(item_id))
            if item_id not in self._again or self._stopping:
                return total

    def _ended(self, item_id: int, worker: asyncio.Task[SyncResult]) -> None:
        if self._workers.get(item_id) is worker:
            del self._workers[item_id]
        if self._on_ended is not None:
            self._on_ended()
        if not self._workers:
            self._idle.set()


def _finished(result: SyncResult) -> asyncio.Task[SyncResult]:
    async def done() -> SyncResult:
        return result

    return asyncio.get_running_loop().create_task(done())
