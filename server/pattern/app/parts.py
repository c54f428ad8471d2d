"""The app's parts, each built once, here and only here, from the settings.

Every service is given the narrow things it uses; nothing reaches for the whole. Routes ask
for parts by type (pattern.kit.deps.provided); the factory registers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from pattern.api_tokens.limits import TokenRateLimits
from pattern.api_tokens.service import ApiTokens
from pattern.audit.tasks import AuditRetention
from pattern.auth.service import Sessions
from pattern.auth.throttle import LoginThrottle, MemoryLoginThrottle, ThrottleLimits
from pattern.auth.tokens import TokenSigner
from pattern.institutions.service import Institutions
from pattern.items.service import Items
from pattern.items.webhooks import WebhookAddress
from pattern.kit import clock
from pattern.kit.background import Background
from pattern.kit.cache import LruCache
from pattern.kit.config import PlaidEnv, Settings
from pattern.kit.crypto import TokenCipher
from pattern.kit.db import create_engine, create_sessionmaker
from pattern.kit.keys import ServerSecrets, load_secrets
from pattern.notices.tasks import NoticeMaker
from pattern.plaid.client import PlaidClient, plaid_host
from pattern.plaid.events import database_recorder
from pattern.realtime.server import Realtime
from pattern.recurring.updates import RecurringUpdates
from pattern.sso.service import SingleSignOn
from pattern.sync.engine import Retries, SyncEngine
from pattern.sync.locks import ItemLocks
from pattern.sync.sync_pass import Emit
from pattern.transactions.export import CsvExports
from pattern.transactions.logos import MerchantLogos
from pattern.two_factor.passkeys import Passkeys
from pattern.two_factor.service import TwoFactor
from pattern.users.sign_up_limits import SignUpLimits
from pattern.webhooks.replays import MemorySeenWebhooks, SeenWebhooks
from pattern.webhooks.service import WebhookActions, Webhooks
from pattern.webhooks.verification import WebhookVerifier

# List totals and insights by user and data version (pattern.kit.cache): a few MB at most.
USER_CACHE_ENTRIES = 4096


@dataclass(frozen=True)
class Parts:
    settings: Settings
    secrets: ServerSecrets
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    cipher: TokenCipher
    plaid: PlaidClient
    background: Background
    realtime: Realtime
    sync: SyncEngine
    sessions: Sessions
    api_tokens: ApiTokens
    throttle: LoginThrottle
    sign_up_limits: SignUpLimits
    institutions: Institutions
    items: Items
    exports: CsvExports
    logos: MerchantLogos
    verifier: WebhookVerifier
    seen_webhooks: SeenWebhooks
    webhooks: Webhooks
    webhook_address: WebhookAddress
    user_cache: LruCache
    notices: NoticeMaker
    recurring: RecurringUpdates
    audit_retention: AuditRetention
    two_factor: TwoFactor
    passkeys: Passkeys
    sso: SingleSignOn

    @classmethod
    def build(cls, settings: Settings) -> Parts:
        clock.use_timezone(settings.timezone)
        secrets = load_secrets(settings)
        engine = create_engine(settings.resolved_database_url)
        sessionmaker = create_sessionmaker(engine)
        signer = TokenSigner(secrets.secret_key)
        cipher = TokenCipher(secrets.token_encryption_key)
        plaid = PlaidClient(settings, secrets, database_recorder(sessionmaker))
        background = Background()
        realtime = _realtime(settings, secrets, sessionmaker, signer, background)
        recurring = RecurringUpdates(sessionmaker, background, realtime)
        notices = NoticeMaker(sessionmaker, recurring, realtime.emit_to_user, background)
        sync = _sync_engine(settings, sessionmaker, plaid, cipher, _sync_events(realtime, notices))
        throttle = _login_throttle(settings, secrets)
        institutions = Institutions(plaid)
        verifier = WebhookVerifier(plaid)
        seen_webhooks = _seen_webhooks(settings, secrets)
        actions = WebhookActions(
            sessionmaker, sync=sync, events=realtime, plaid=plaid, cipher=cipher
        )
        items = Items(
            settings,
            plaid=plaid,
            cipher=cipher,
            institutions=institutions,
            sync=sync,
            events=realtime,
        )
        return cls(
            settings=settings,
            secrets=secrets,
            engine=engine,
            sessionmaker=sessionmaker,
            cipher=cipher,
            plaid=plaid,
            background=background,
            realtime=realtime,
            sync=sync,
            sessions=Sessions(settings, signer, throttle, realtime),
            api_tokens=ApiTokens(_token_limits(settings, secrets), sessionmaker),
            throttle=throttle,
            sign_up_limits=_sign_up_limits(settings, secrets),
            institutions=institutions,
            items=items,
            exports=CsvExports(engine, sessionmaker, max_per_user=settings.export_max_per_user),
            logos=_merchant_logos(settings),
            verifier=verifier,
            seen_webhooks=seen_webhooks,
            webhooks=Webhooks(verifier, seen_webhooks, actions, background),
            webhook_address=WebhookAddress(settings, sessionmaker, plaid=plaid, cipher=cipher),
            user_cache=LruCache(USER_CACHE_ENTRIES),
            notices=notices,
            recurring=recurring,
            audit_retention=AuditRetention(sessionmaker, settings.audit_retention_days),
            two_factor=_two_factor(cipher, signer, throttle, secrets),
            passkeys=Passkeys(signer),
            sso=SingleSignOn(settings, signer),
        )

    async def wait_idle(self) -> None:
        """Until no background work or sync runs (tests, and a graceful stop)."""
        while self.background.busy or self.sync.busy:
            await self.background.wait_idle()
            await self.sync.wait_idle()

    async def close(self) -> None:
        await self.audit_retention.close()
        await self.background.close()
        await self.sync.close()
        await self.realtime.close()
        await self.throttle.close()
        await self.sign_up_limits.close()
        await self.api_tokens.close()
        await self.seen_webhooks.close()
        await self.logos.close()
        await self.engine.dispose()


def _merchant_logos(settings: Settings) -> MerchantLogos:
    """Against the emulator, Plaid's logo hosts are read from its copy (offline)."""
    emulated = settings.plaid_env is PlaidEnv.EMULATOR
    return MerchantLogos(
        settings.data_dir / "merchant-logos", mirror=plaid_host(settings) if emulated else None
    )


def _realtime(
    settings: Settings,
    secrets: ServerSecrets,
    sessionmaker: async_sessionmaker[AsyncSession],
    signer: TokenSigner,
    background: Background,
) -> Realtime:
    return Realtime(
        settings,
        redis_namespace=secrets.redis_namespace,
        sessionmaker=sessionmaker,
        signer=signer,
        background=background,
    )


def _sync_events(realtime: Realtime, notices: NoticeMaker) -> Emit:
    """The sync's events go to the person's sockets; when one says their transactions
    changed, their notices are made too (in the background: the sync does not wait)."""

    async def emit(user_id: int, event: str, data: Any) -> None:
        await realtime.emit_to_user(user_id, event, data)
        if event == "NEW_TRANSACTIONS_DATA":
            notices.data_changed(user_id)

    return emit


def _sync_engine(
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    plaid: PlaidClient,
    cipher: TokenCipher,
    emit: Emit,
) -> SyncEngine:
    return SyncEngine(
        sessionmaker=sessionmaker,
        plaid=plaid,
        cipher=cipher,
        locks=ItemLocks(sessionmaker.kw["bind"]),
        emit=emit,
        concurrency=settings.sync_concurrency,
        retries=Retries(settings.sync_max_attempts, settings.sync_retry_seconds),
        poll_seconds=settings.sync_poll_seconds,
        runs_requests=settings.sync_in_server,
    )


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


def _two_factor(
    cipher: TokenCipher, signer: TokenSigner, throttle: LoginThrottle, secrets: ServerSecrets
) -> TwoFactor:
    return TwoFactor(
        cipher=cipher,
        signer=signer,
        throttle=throttle,
        recovery_key=secrets.derived_key(b"recovery codes"),
    )


def _sign_up_limits(settings: Settings, secrets: ServerSecrets) -> SignUpLimits:
    return SignUpLimits(
        settings.signup_rate_per_client,
        settings.signup_rate,
        redis_url=settings.redis_url,
        namespace=secrets.redis_namespace,
    )


def _token_limits(settings: Settings, secrets: ServerSecrets) -> TokenRateLimits:
    return TokenRateLimits(
        settings.api_token_rate, redis_url=settings.redis_url, namespace=secrets.redis_namespace
    )


def _seen_webhooks(settings: Settings, secrets: ServerSecrets) -> SeenWebhooks:
    """Shared in Redis when several processes share it (REDIS_URL), else in this process."""
    if settings.redis_url:
        from pattern.webhooks.replays_redis import RedisSeenWebhooks

        return RedisSeenWebhooks(settings.redis_url, secrets.redis_namespace)
    return MemorySeenWebhooks()
