"""`python -m pattern`: apply pending migrations, then serve on PORT."""

from __future__ import annotations

import asyncio
import sys

import uvicorn

from pattern.config import Settings
from pattern.db import create_engine
from pattern.keys import MissingSecretError, load_secrets
from pattern.logs import configure_logging
from pattern.migrations import upgrade_to_head


async def _migrate(settings: Settings) -> None:
    engine = create_engine(settings.resolved_database_url)
    try:
        await upgrade_to_head(engine, settings.migrations_dir)
    finally:
        await engine.dispose()


def main() -> None:
    settings = Settings()
    configure_logging(settings.log_level, settings.log_format)
    try:
        load_secrets(settings)
    except MissingSecretError as exc:
        sys.exit(f"pattern: {exc}")
    asyncio.run(_migrate(settings))
    uvicorn.run(
        "pattern.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        log_config=None,
        proxy_headers=True,
        forwarded_allow_ips=settings.trusted_proxies,
    )


if __name__ == "__main__":
    main()
