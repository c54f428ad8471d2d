"""When the recorded sync requests are looked at: at once after a request in this process,
and every `poll_seconds` for those recorded by other processes and failures whose wait is
over (docs/adr/0012-sync-requests-kept-in-the-database.md)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress

logger = logging.getLogger(__name__)

# After the database failed to answer, look again after this long (not every poll).
ERROR_WAIT_SECONDS = 5.0


class RequestRunner:
    """Calls `start_due` (which starts the passes of the items whose requests are due)
    whenever woken, and every `poll_seconds` otherwise, until stopped."""

    def __init__(self, start_due: Callable[[], Awaitable[None]], poll_seconds: float) -> None:
        self._start_due = start_due
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        # Set while no request of this process waits to be looked at.
        self._settled = asyncio.Event()
        self._settled.set()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    def start(self) -> None:
        """Run in the background of the running loop (once; a second call does nothing)."""
        if self._task is None and not self._stopping:
            self._task = asyncio.get_running_loop().create_task(self._run())

    def wake(self) -> None:
        """Look at the requests now (one was recorded, or a pass ended)."""
        if self._task is not None and not self._stopping:
            self._settled.clear()
            self._wake.set()

    @property
    def busy(self) -> bool:
        """Whether a request of this process is still to be looked at."""
        return not self._settled.is_set()

    async def wait_settled(self) -> None:
        await self._settled.wait()

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            with suppress(asyncio.CancelledError):
                await self._task
        self._settled.set()

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            wait = self._poll_seconds
            try:
                await self._start_due()
            except asyncio.CancelledError:
                raise
            except Exception:  # the database is down: the requests wait in it
                logger.exception("could not look for sync requests")
                wait = max(wait, ERROR_WAIT_SECONDS)
            if not self._wake.is_set():
                self._settled.set()
            with suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)
