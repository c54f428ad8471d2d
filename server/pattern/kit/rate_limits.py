"""Rate limits kept by the `limits` library (docs/adr/0002-rate-limits-with-the-limits-library.md),
counted in Redis when several processes share it (REDIS_URL), so that spreading requests
over them gains nothing; in this process otherwise, or while Redis does not answer."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from limits import RateLimitItem
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import RateLimiter
from limits.errors import StorageError

if TYPE_CHECKING:
    from redis.asyncio import ConnectionPool

logger = logging.getLogger(__name__)

# A limit, and the key it counts under.
Check = tuple[RateLimitItem, str]


class SharedLimits:
    def __init__(
        self,
        strategy: Callable[[Storage], RateLimiter],
        *,
        name: str,
        redis_url: str = "",
        namespace: str = "",
    ) -> None:
        self._name = name
        self._local = strategy(MemoryStorage())
        self._shared: RateLimiter | None = None
        self._pool: ConnectionPool | None = None
        if redis_url:
            # Imported only then: the Redis client adds ~7 MB to a process with no use for it.
            from redis.asyncio import ConnectionPool

            # Our own pool, so that closing the app closes its connections.
            self._pool = ConnectionPool.from_url(
                redis_url, socket_timeout=2, socket_connect_timeout=2
            )
            storage = RedisStorage(
                f"async+{redis_url}",
                implementation="redispy",
                key_prefix=f"{namespace}:{name}",
                wrap_exceptions=True,
                connection_pool=self._pool,  # type: ignore[arg-type]
            )
            self._shared = strategy(storage)

    async def retry_after(self, checks: Sequence[Check]) -> int:
        """Counts a hit on each limit in turn: 0 when all of them allow it, else the seconds
        until the first that refused has room again."""
        if self._shared is not None:
            try:
                return await _count(self._shared, checks)
            except StorageError as exc:
                logger.warning(
                    "%s limits: Redis did not answer (%s); counting here", self._name, exc
                )
        return await _count(self._local, checks)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.disconnect()


async def _count(limiter: RateLimiter, checks: Sequence[Check]) -> int:
    for item, key in checks:
        if not await limiter.hit(item, key):
            stats = await limiter.get_window_stats(item, key)
            return max(1, math.ceil(stats.reset_time - time.time()))
    return 0
