"""Alembic environment: async engines, metadata from pattern.models, URL from settings.

Called two ways: by the `alembic` command (no connection given: it opens one), and by
pattern.kit.migrations with a live connection in `config.attributes["connection"]`.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from pattern.kit.config import Settings
from pattern.kit.db import create_engine, is_sqlite
from pattern.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online(url: str) -> None:
    engine = create_engine(url)
    async with engine.connect() as connection:
        await connection.run_sync(_configure)
        await connection.commit()
    await engine.dispose()


def _run_offline(url: str) -> None:
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=is_sqlite(url),
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _configure(connection)
else:
    database_url = config.attributes.get("database_url") or Settings().resolved_database_url
    if context.is_offline_mode():
        _run_offline(database_url)
    else:
        asyncio.run(_run_online(database_url))
