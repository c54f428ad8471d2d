"""Test databases: migrated once per run into a template, then copied for every test.

SQLite: the migrated file is copied. PostgreSQL: `CREATE DATABASE ... TEMPLATE` clones the
migrated database on 127.0.0.1:5432; when it is unreachable those variants skip, unless
REQUIRE_POSTGRES=1 (as in CI), when they fail.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import threading
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
    """Each test's database is copied from the template one test ahead, and dropped after
    it, on a thread of this process's own: a test waits on neither (~0.3 s each here)."""

    def __init__(self) -> None:
        self.prefix = f"pattern_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.template = f"{self.prefix}_template"
        self.created: list[str] = []
        self._admin = _AdminThread()
        self._next: concurrent.futures.Future[str] | None = None
        self._drops: list[concurrent.futures.Future[None]] = []

    async def _execute(self, sql: str) -> None:
        await asyncio.wrap_future(self._admin.submit(sql))

    async def prepare(self) -> None:
        await self._execute(f'CREATE DATABASE "{self.template}"')
        self.created.append(self.template)
        await migrate(postgres_url(self.template))
        self._next = self._copy_template()

    def _copy_template(self) -> concurrent.futures.Future[str]:
        name = f"{self.prefix}_{uuid.uuid4().hex[:10]}"
        self.created.append(name)
        made = self._admin.submit(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return _then(made, name)

    async def create(self) -> str:
        assert self._next is not None, "prepare() first"
        ready, self._next = self._next, self._copy_template()
        return postgres_url(await asyncio.wrap_future(ready))

    async def drop(self, url: str) -> None:
        """Dropped behind the test: its connections are closed or forced closed."""
        name = url.rsplit("/", 1)[1]
        self._drops.append(self._admin.submit(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if name in self.created:
            self.created.remove(name)

    async def close(self) -> None:
        if self._next is not None:
            await asyncio.wrap_future(self._next)
        for dropped in self._drops:  # a failed drop fails the run here, as it did the test
            await asyncio.wrap_future(dropped)
        for name in list(self.created):
            await self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()
        self._admin.stop()


def _then(done: concurrent.futures.Future[None], value: str) -> concurrent.futures.Future[str]:
    result: concurrent.futures.Future[str] = concurrent.futures.Future()

    def finish(future: concurrent.futures.Future[None]) -> None:
        error = future.exception()
        if error is not None:
            result.set_exception(error)
        else:
            result.set_result(value)

    done.add_done_callback(finish)
    return result


class _AdminThread:
    """One connection to the server's `postgres` database, on a thread and loop of its own,
    running the statements given one at a time in order."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="postgres-admin", daemon=True
        )
        self._thread.start()
        self._lock = asyncio.Lock()
        self._connection: asyncpg.Connection | None = None

    def submit(self, sql: str) -> concurrent.futures.Future[None]:
        return asyncio.run_coroutine_threadsafe(self._run(sql), self._loop)

    async def _run(self, sql: str) -> None:
        async with self._lock:
            if self._connection is None or self._connection.is_closed():
                self._connection = await _admin_connection()
            await self._connection.execute(sql)

    def stop(self) -> None:
        async def close() -> None:
            async with self._lock:
                if self._connection is not None:
                    await self._connection.close()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()
