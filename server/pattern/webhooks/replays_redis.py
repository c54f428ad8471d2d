"""The deliveries seen, in Redis: shared by every process of a deployment.

One SET NX per delivery, expiring when its signature does. Should Redis not answer, each
process goes on remembering on its own (pattern.webhooks.replays) rather than refusing
Plaid's webhooks.
"""

from __future__ import annotations

import logging
import math
import time

import redis.asyncio as redis
from redis.exceptions import RedisError

from pattern.webhooks.replays import MemorySeenWebhooks
from pattern.webhooks.verification import SignedWebhook

logger = logging.getLogger(__name__)


class RedisSeenWebhooks:
    def __init__(self, url: str, namespace: str) -> None:
        self._prefix = f"{namespace}:webhook"
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._fallback = MemorySeenWebhooks()

    async def first_time(self, webhook: SignedWebhook) -> bool:
        ttl_ms = max(1, math.ceil((webhook.valid_until - time.time()) * 1000))
        key = f"{self._prefix}:{webhook.replay_key.hex()}"
        try:
            return bool(await self._redis.set(key, b"1", nx=True, px=ttl_ms))
        except RedisError as exc:
            logger.warning("webhook replays: Redis did not answer (%s); kept in this process", exc)
            return await self._fallback.first_time(webhook)

    async def close(self) -> None:
        await self._redis.aclose()
