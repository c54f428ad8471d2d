"""How many requests each API token may make: past API_TOKEN_RATE, 429 with Retry-After.

Counted per token in Redis when several processes share it (REDIS_URL), so that spreading
requests over them gains nothing; in this process otherwise, or while Redis does not
answer. The `limits` library keeps the windows, as for sign-ups
(docs/adr/0002-rate-limits-with-the-limits-library.md); a sliding window counter keeps two
numbers per token rather than one entry per request.
"""

from __future__ import annotations

import logging
import math
import time
from typing import TYPE_CHECKING

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.errors import StorageError

if TYPE_CHECKING:
    from redis.asyncio import ConnectionPool

logger = logging.getLogger(__name__)


class TokenRateLimits:
    def __init__(self, rate: str, *, redis_url: str = "", namespace: str = "") -> None:
        self._rate: RateLimitItem = parse(rate)
        self._local = SlidingWindowCounterRateLimiter(MemoryStorage())
        self._shared: SlidingWindowCounterRateLimiter | None = None
        self._pool: ConnectionPool | None = None
        if redis_url:
            # Imported only then: the Redis client adds ~7 MB to a process with no use for it.
            from redis.asyncio import ConnectionPool

            self._pool = ConnectionPool.from_url(
                redis_url, socket_timeout=2, socket_connect_timeout=2
            )
            storage = RedisStorage(
                f"async+{redis_url}",
                implementation="redispy",
                key_prefix=f"{namespace}:api-tokens",
                wrap_exceptions=True,
                connection_pool=self._pool,  # type: ignore[arg-type]
            )
            self._shared = SlidingWindowCounterRateLimiter(storage)

    async def retry_after(self, token_id: int) -> int:
        """Counts a request with the token: 0 when it may go on, else seconds to wait."""
        if self._shared is not None:
            try:
                return await self._count(self._shared, token_id)
            except StorageError as exc:
                logger.warning("API token limits: Redis did not answer (%s); counting here", exc)
        return await self._count(self._local, token_id)

    async def _count(self, limiter: SlidingWindowCounterRateLimiter, token_id: int) -> int:
        key = f"token:{token_id}"
        if await limiter.hit(self._rate, key):
            return 0
        stats = await limiter.get_window_stats(self._rate, key)
        return max(1, math.ceil(stats.reset_time - time.time()))

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.disconnect()
