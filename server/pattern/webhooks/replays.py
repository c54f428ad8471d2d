"""Each signed webhook acts once: a delivery seen already is answered, and nothing more.

A captured delivery verifies for five minutes (its iat), so it is remembered that long.
One server process remembers in memory; several (REDIS_URL set) share one memory in Redis
(pattern.webhooks.replays_redis), as a replay may reach any of them.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from pattern.webhooks.verification import SignedWebhook

# Far more deliveries than Plaid sends in five minutes; 100 bytes or so each.
MAX_REMEMBERED = 50_000


class SeenWebhooks(Protocol):
    async def first_time(self, webhook: SignedWebhook) -> bool:
        """True the first time this delivery is seen, and remembers it while it is valid."""

    async def close(self) -> None: ...


class MemorySeenWebhooks:
    def __init__(self, size: int = MAX_REMEMBERED, clock: Callable[[], float] = time.time) -> None:
        self._size = size
        self._clock = clock
        self._seen: OrderedDict[bytes, float] = OrderedDict()  # key -> valid until

    async def first_time(self, webhook: SignedWebhook) -> bool:
        now = self._clock()
        # Deliveries come roughly in the order they expire: forget the oldest expired ones.
        while self._seen and next(iter(self._seen.values())) <= now:
            self._seen.popitem(last=False)
        until = self._seen.get(webhook.replay_key)
        if until is not None and until > now:
            return False
        self._seen[webhook.replay_key] = webhook.valid_until
        self._seen.move_to_end(webhook.replay_key)
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True

    async def close(self) -> None:
        return None
