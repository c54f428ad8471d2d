"""How many CSV exports each person has running in this process."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from pattern.kit.errors import TooManyRequests

# A whole export takes a second or two when the client reads as fast as it can.
RETRY_AFTER_SECONDS = 10


class TooManyExports(TooManyRequests):
    code = "too_many_exports"


class ExportSlots:
    """Counts running exports per user, in memory: each server process bounds its own (with
    several, a person can run that many times more; each holds memory for one chunk, and no
    database connection while the client reads)."""

    def __init__(self) -> None:
        self._running: Counter[int] = Counter()

    @contextmanager
    def hold(self, user_id: int, *, limit: int) -> Iterator[None]:
        """One of `user_id`'s `limit` slots for the block; TooManyExports when all are taken."""
        if self._running[user_id] >= limit:
            raise TooManyExports(
                f"You already have {limit} exports running; "
                f"try again when one has finished (in about {RETRY_AFTER_SECONDS} seconds).",
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        self._running[user_id] += 1
        try:
            yield
        finally:
            self._running[user_id] -= 1
            if not self._running[user_id]:
                del self._running[user_id]
