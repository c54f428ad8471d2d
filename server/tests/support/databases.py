"""Test databases: migrated once per run into a template, then copied for every test.

SQLite: the migrated file is copied. PostgreSQL: `CREATE DATABASE ... TEMPLATE` clones the
migrated database on 127.0.0.1:5432; when it is unreachable those variants skip, unless
REQUIRE_POSTGRES=1 (as in CI), when they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import asyncpg
import pytest
from alembic import command
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from pattern.kit.config import REPO_ROOT
from pattern.kit.db import create_engine
from pattern.kit.migrations import alembic_config, upgrade_to_head

MIGRATIONS_DIR = REPO_ROOT / "database" / "migrations"
PG_HOST = os.environ.get("TEST_POSTGRES_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("TEST_POSTGRES_PORT", "5432"))
PG_USER = os.environ.get("TEST_POSTGRES_USER", "postgres")


def postgres_url(database: str, driver: str = "postgresql+asyncpg") -> str:
    return f"{driver}://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}"


async def _admin_connection() -> asyncpg.Connection:
    return await asyncpg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, database="postgres", timeout=5
    )


async def postgres_unavailable_reason() -> str | None:
    try:
        connection = await _admin_connection()
    except (TimeoutError, OSError, asyncpg.PostgresError) as exc:
        return f"PostgreSQL at {PG_HOST}:{PG_PORT} is unreachable ({exc!r})"
    await connection.close()
    return None


def skip_or_fail_without_postgres(reason: str) -> None:
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail(f"REQUIRE_POSTGRES=1 but {reason}")
    pytest.skip(reason)


async def alembic(engine: AsyncEngine, action: str, revision: str) -> None:
    """Run Alembic's `action` ("upgrade", "downgrade") to `revision` on `engine`."""

    def run(connection: Connection) -> None:
        config = alembic_config(MIGRATIONS_DIR)
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade_to_head(engine, MIGRATIONS_DIR)
    finally:
        await engine.dispose()


class SqliteDatabases:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.template = root / "template.db"

    async def prepare(self) -> None:
        await migrate(f"sqlite+aiosqlite:///{self.template}")

    async def create(self) -> str:
        path = self.root / f"{uuid.uuid4().hex}.db"
        shutil.copyfile(self.template, path)
        return f"sqlite+aiosqlite:///{path}"

    async def drop(self, url: str) -> None:
        path = Path(url.removeprefix("sqlite+aiosqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    async def close(self) -> None:
        pass


class PostgresDatabases:
    def __init__(self) -> None:
        self.prefix = f"pattern_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.template = f"{self.prefix}_template"
        self.created: list[str] = []

    async def _execute(self, sql: str) -> None:
        connection = await _admin_connection()
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    async def prepare(self) -> None:
        await self._execute(f'CREATE DATABASE "{self.template}"')
        self.created.append(self.template)
        await migrate(postgres_url(self.template))

    async def create(self) -> str:
        name = f"{self.prefix}_{uuid.uuid4().hex[:10]}"
        await self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        self.created.append(name)
        return postgres_url(name)

    async def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        await self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.created:
            self.created.remove(name)

    async def close(self) -> None:
        for name in list(self.created):
            await self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()
