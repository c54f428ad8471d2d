"""How many sign-ups are tried, per client and in all: past either rate, 429.

Every attempt counts, whatever becomes of it: each costs a password hash (about a quarter
of a second of a core), and a wrong setup code is a guess. Counted in Redis when several
processes share it (REDIS_URL), so that spreading attempts over them gains nothing; in
this process otherwise, or while Redis does not answer. The `limits` library keeps the
moving windows (docs/adr/0002-rate-limits-with-the-limits-library.md).
"""

from __future__ import annotations

import logging
import math
import time
from typing import TYPE_CHECKING

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError

if TYPE_CHECKING:
    from redis.asyncio import ConnectionPool

logger = logging.getLogger(__name__)


class SignUpLimits:
    def __init__(
        self, per_client: str, overall: str, *, redis_url: str = "", namespace: str = ""
    ) -> None:
        self._per_client: RateLimitItem = parse(per_client)
        self._overall: RateLimitItem = parse(overall)
        self._local = MovingWindowRateLimiter(MemoryStorage())
        self._shared: MovingWindowRateLimiter | None = None
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
                key_prefix=f"{namespace}:signup",
                wrap_exceptions=True,
                connection_pool=self._pool,  # type: ignore[arg-type]
            )
            self._shared = MovingWindowRateLimiter(storage)

    async def retry_after(self, client: str) -> int:
        """Counts an attempt from `client`: 0 when it may go on, else seconds to wait."""
        if self._shared is not None:
            try:
                return await self._count(self._shared, client)
            except StorageError as exc:
                logger.warning("sign-up limits: Redis did not answer (%s); counting here", exc)
        return await self._count(self._local, client)

    async def _count(self, limiter: MovingWindowRateLimiter, client: str) -> int:
        for item, key in ((self._per_client, f"client:{client}"), (self._overall, "all")):
            if not await limiter.hit(item, key):
                stats = await limiter.get_window_stats(item, key)
                return max(1, math.ceil(stats.reset_time - time.time()))
        return 0

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.disconnect()
