"""How many requests each API token may make: past API_TOKEN_RATE, 429 with Retry-After.

Counted per token in Redis when several processes share it (REDIS_URL), so that spreading
requests over them gains nothing; in this process otherwise, or while Redis does not
answer. The `limits` library keeps the windows, as for sign-ups
(docs/adr/0002-rate-limits-with-the-limits-library.md); a sliding window counter keeps two
numbers per token rather than one entry per request.
"""

from __future__ import annotations

from limits import RateLimitItem, parse
from limits.aio.strategies import SlidingWindowCounterRateLimiter

from pattern.kit.rate_limits import SharedLimits


class TokenRateLimits:
    def __init__(self, rate: str, *, redis_url: str = "", namespace: str = "") -> None:
        self._rate: RateLimitItem = parse(rate)
        self._limits = SharedLimits(
            SlidingWindowCounterRateLimiter,
            name="api-tokens",
            redis_url=redis_url,
            namespace=namespace,
        )

    async def retry_after(self, token_id: int) -> int:
        """Counts a request with the token: 0 when it may go on, else seconds to wait."""
        return await self._limits.retry_after([(self._rate, f"token:{token_id}")])

    async def close(self) -> None:
        await self._limits.close()
