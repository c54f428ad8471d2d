"""The Alembic migrations and the ORM models describe the same schema, on both databases."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection

from pattern.app.factory import PatternApp, create_app
from pattern.kit.config import Settings
from pattern.kit.db import create_engine
from pattern.kit.migrations import current_revisions, head_revisions
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
    async with app.parts.engine.begin() as connection:
        await connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    ready = await client.get("/api/ready")
    assert ready.status_code == 503
    assert ready.json()["migrations_current"] is False


async def test_the_client_learns_the_plaid_mode(client: httpx.AsyncClient) -> None:
    config = (await client.get("/api/config")).json()
    assert config == {
        "plaid_env": "emulator",
        "emulator_url": "/plaid-emulator",
        "setup_required": True,
        "sign_up": "open",  # the tests' setting; the server's default is "invite"
        "sso_enabled": False,
        "sso_name": None,
        "password_login": True,
    }


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_not_ready_while_the_database_is_down(settings: Settings, tmp_path: Path) -> None:
    down = settings.model_copy(
        update={"database_url": "postgresql+asyncpg://nobody@127.0.0.1:1/none"}
    )
    app = create_app(down)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        assert (await http.get("/api/health")).status_code == 200
        ready = await http.get("/api/ready")
    assert ready.status_code == 503
    assert ready.json()["database"] is False
    await app.close()
