"""The Alembic migrations and the ORM models describe the same schema, on both databases."""

from __future__ import annotations

import httpx
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection

from pattern.db import create_engine
from pattern.main import PatternApp
from pattern.migrations import current_revisions, head_revisions
from pattern.models import Base
from tests.support.databases import MIGRATIONS_DIR


async def test_migrated_database_matches_the_models(database_url: str) -> None:
    engine = create_engine(database_url)

    def diff(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    try:
        assert await current_revisions(engine) == head_revisions(MIGRATIONS_DIR)
        async with engine.connect() as connection:
            assert await connection.run_sync(diff) == []
    finally:
        await engine.dispose()


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/health")).json() == {"status": "ok"}
    ready = await client.get("/api/ready")
    assert ready.status_code == 200
    assert ready.json() == {"ready": True, "database": True, "migrations_current": True}


async def test_not_ready_while_a_migration_is_pending(
    client: httpx.AsyncClient, app: PatternApp
) -> None:
    async with app.context.engine.begin() as connection:
        await connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    ready = await client.get("/api/ready")
    assert ready.status_code == 503
    assert ready.json()["migrations_current"] is False


async def test_the_client_learns_the_plaid_mode(client: httpx.AsyncClient) -> None:
    config = (await client.get("/api/config")).json()
    assert config == {"plaid_env": "emulator", "emulator_url": "/plaid-emulator"}
