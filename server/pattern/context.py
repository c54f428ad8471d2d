"""Everything a request or background task needs, built once per app."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from pattern.auth.throttle import LoginThrottle, ThrottleLimits
from pattern.auth.tokens import TokenSigner
from pattern.config import Settings
from pattern.crypto import TokenCipher
from pattern.db import create_engine, create_sessionmaker
from pattern.keys import ServerSecrets, load_secrets


@dataclass
class AppContext:
    settings: Settings
    secrets: ServerSecrets
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    signer: TokenSigner
    cipher: TokenCipher
    throttle: LoginThrottle

    @classmethod
    def build(cls, settings: Settings) -> AppContext:
        secrets = load_secrets(settings)
        engine = create_engine(settings.resolved_database_url)
        return cls(
            settings=settings,
            secrets=secrets,
            engine=engine,
            sessionmaker=create_sessionmaker(engine),
            signer=TokenSigner(secrets.secret_key),
            cipher=TokenCipher(secrets.token_encryption_key),
            throttle=LoginThrottle(
                ThrottleLimits(
                    per_user=settings.login_max_failures_per_user,
                    per_client=settings.login_max_failures_per_client,
                    window_seconds=settings.login_failure_window_seconds,
                    max_lockout_seconds=settings.login_lockout_max_seconds,
                )
            ),
        )
