"""How many sign-ups are tried, per client and in all: past either rate, 429.

Every attempt counts, whatever becomes of it: each costs a password hash (about a quarter
of a second of a core), and a wrong setup code is a guess. Counted in Redis when several
processes share it (REDIS_URL), so that spreading attempts over them gains nothing; in
this process otherwise, or while Redis does not answer. The `limits` library keeps the
moving windows (docs/adr/0002-rate-limits-with-the-limits-library.md).
"""

from __future__ import annotations

from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter

from pattern.kit.rate_limits import SharedLimits


class SignUpLimits:
    def __init__(
        self, per_client: str, overall: str, *, redis_url: str = "", namespace: str = ""
    ) -> None:
        self._per_client: RateLimitItem = parse(per_client)
        self._overall: RateLimitItem = parse(overall)
        self._limits = SharedLimits(
            MovingWindowRateLimiter, name="signup", redis_url=redis_url, namespace=namespace
        )

    async def retry_after(self, client: str) -> int:
        """Counts an attempt from `client`: 0 when it may go on, else seconds to wait."""
        return await self._limits.retry_after(
            [(self._per_client, f"client:{client}"), (self._overall, "all")]
        )

    async def close(self) -> None:
        await self._limits.close()
