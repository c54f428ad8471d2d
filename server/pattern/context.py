"""Everything a request or background task needs, built once per app."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from pattern.auth.throttle import LoginThrottle, MemoryLoginThrottle, ThrottleLimits
from pattern.auth.tokens import TokenSigner
from pattern.kit import clock
from pattern.kit.cache import LruCache
from pattern.kit.config import Settings
from pattern.kit.crypto import TokenCipher
from pattern.kit.db import create_engine, create_sessionmaker
from pattern.kit.keys import ServerSecrets, load_secrets
from pattern.plaid.client import PlaidClient
from pattern.plaid.events import database_recorder
from pattern.transactions.export_slots import ExportSlots
from pattern.users.sign_up_limits import SignUpLimits
from pattern.webhooks.replays import MemorySeenWebhooks, SeenWebhooks

if TYPE_CHECKING:
    from pattern.realtime.server import Realtime
    from pattern.sync.engine import SyncEngine
    from pattern.webhooks.service import SyncUpdates
    from pattern.webhooks.verification import WebhookVerifier

logger = logging.getLogger(__name__)


@dataclass
class AppContext:
    settings: Settings
    secrets: ServerSecrets
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    signer: TokenSigner
    cipher: TokenCipher
    throttle: LoginThrottle
    sign_up_limits: SignUpLimits
    plaid: PlaidClient
    seen_webhooks: SeenWebhooks
    # Set by the app factory, which builds them around this context.
    realtime: Realtime = field(init=False)
    sync: SyncEngine = field(init=False)
    verifier: WebhookVerifier = field(init=False)
    sync_updates: SyncUpdates = field(init=False)
    # List totals and insights by user and data version (pattern.kit.cache): a few MB at most.
    user_cache: LruCache = field(default_factory=lambda: LruCache(4096), init=False)
    # The CSV exports each person has running (pattern.transactions.export).
    export_slots: ExportSlots = field(default_factory=ExportSlots, init=False)
    _tasks: set[asyncio.Task[Any]] = field(default_factory=set, init=False)

    @classmethod
    def build(cls, settings: Settings) -> AppContext:
        clock.use_timezone(settings.timezone)
        secrets = load_secrets(settings)
        engine = create_engine(settings.resolved_database_url)
        sessionmaker = create_sessionmaker(engine)
        return cls(
            settings=settings,
            secrets=secrets,
            engine=engine,
            sessionmaker=sessionmaker,
            signer=TokenSigner(secrets.secret_key),
            cipher=TokenCipher(secrets.token_encryption_key),
            throttle=_login_throttle(settings, secrets),
            sign_up_limits=SignUpLimits(
                settings.signup_rate_per_client,
                settings.signup_rate,
                redis_url=settings.redis_url,
                namespace=secrets.redis_namespace,
            ),
            plaid=PlaidClient(settings, secrets, database_recorder(sessionmaker)),
            seen_webhooks=_seen_webhooks(settings, secrets),
        )

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run background work, kept referenced until done and logged if it fails."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("background task failed", exc_info=task.exception())

    async def wait_background(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)
        await self.sync.close()
        await self.realtime.close()
        await self.throttle.close()
        await self.sign_up_limits.close()
        await self.seen_webhooks.close()
        await self.engine.dispose()


def _login_throttle(settings: Settings, secrets: ServerSecrets) -> LoginThrottle:
    """In Redis when several processes share it (REDIS_URL), else in this process."""
    limits = ThrottleLimits(
        per_user=settings.login_max_failures_per_user,
        per_client=settings.login_max_failures_per_client,
        window_seconds=settings.login_failure_window_seconds,
        max_lockout_seconds=settings.login_lockout_max_seconds,
    )
    if settings.redis_url:
        # Imported only then: the Redis client adds ~7 MB to a process that has no use for it.
        from pattern.auth.throttle_redis import RedisLoginThrottle

        return RedisLoginThrottle(limits, settings.redis_url, secrets.redis_namespace)
    return MemoryLoginThrottle(limits)


def _seen_webhooks(settings: Settings, secrets: ServerSecrets) -> SeenWebhooks:
    """Shared in Redis when several processes share it (REDIS_URL), else in this process."""
    if settings.redis_url:
        from pattern.webhooks.replays_redis import RedisSeenWebhooks

        return RedisSeenWebhooks(settings.redis_url, secrets.redis_namespace)
    return MemorySeenWebhooks()
