"""The login slow-down kept in Redis, shared by every process of a deployment.

Each counted key (a username, a client) has a sorted set of its failures' times, expiring
with the window, and a lock key whose time to live is the wait. Recording a failure is one
script, so processes failing at once count every failure; times are Redis's own clock, so
the processes' clocks need not agree. Should Redis not answer, each process goes on with
its own counts (pattern.auth.throttle) rather than letting guesses through unchecked.
"""

from __future__ import annotations

import logging
import math
import uuid

import redis.asyncio as redis
from redis.exceptions import RedisError

from pattern.auth.throttle import MemoryLoginThrottle, ThrottleLimits, forgotten_on_success

logger = logging.getLogger(__name__)

# KEYS: failures and lock of each counted key (the username and the client, or a device).
# ARGV: window (ms), longest wait (ms), this failure's id, then each counted key's limit.
_RECORD_FAILURE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window, cap = tonumber(ARGV[1]), tonumber(ARGV[2])
for i = 0, #KEYS / 2 - 1 do
  local failures, lock = KEYS[2 * i + 1], KEYS[2 * i + 2]
  redis.call('ZREMRANGEBYSCORE', failures, '-inf', now - window)
  redis.call('ZADD', failures, now, ARGV[3])
  redis.call('PEXPIRE', failures, window)
  local excess = redis.call('ZCARD', failures) - tonumber(ARGV[4 + i])
  if excess >= 0 then
    local wait = math.floor(math.min(2 ^ excess * 1000, cap))
    if wait > redis.call('PTTL', lock) then
      redis.call('SET', lock, '1', 'PX', wait)
    end
  end
end
"""


class RedisLoginThrottle:
    def __init__(self, limits: ThrottleLimits, url: str, namespace: str) -> None:
        self._limits = limits
        self._prefix = f"{namespace}:login"
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._record = self._redis.register_script(_RECORD_FAILURE)
        self._fallback = MemoryLoginThrottle(limits)

    def _keys(self, key: str) -> tuple[str, str]:
        return f"{self._prefix}:{key}:failures", f"{self._prefix}:{key}:lock"

    async def retry_after(self, username: str, client: str, device: str | None = None) -> int:
        try:
            async with self._redis.pipeline(transaction=False) as pipe:  # one round trip
                for key, _ in self._limits.keys(username, client, device):
                    pipe.pttl(self._keys(key)[1])
                waits: list[int] = await pipe.execute()
        except RedisError as exc:
            self._unreachable(exc)
            return await self._fallback.retry_after(username, client, device)
        wait_ms = max(waits)
        return math.ceil(wait_ms / 1000) if wait_ms > 0 else 0

    async def record_failure(self, username: str, client: str, device: str | None = None) -> None:
        counted = self._limits.keys(username, client, device)
        try:
            await self._record(
                keys=[name for key, _ in counted for name in self._keys(key)],
                args=[
                    int(self._limits.window_seconds * 1000),
                    int(self._limits.max_lockout_seconds * 1000),
                    uuid.uuid4().hex,
                    *(limit for _, limit in counted),
                ],
            )
        except RedisError as exc:
            self._unreachable(exc)
            await self._fallback.record_failure(username, client, device)

    async def record_success(self, username: str, device: str | None = None) -> None:
        await self._fallback.record_success(username, device)
        try:
            await self._redis.delete(*self._keys(forgotten_on_success(username, device)))
        except RedisError as exc:
            self._unreachable(exc)

    async def close(self) -> None:
        await self._redis.aclose()

    @staticmethod
    def _unreachable(exc: RedisError) -> None:
        logger.warning("login throttle: Redis did not answer (%s); counting in this process", exc)
