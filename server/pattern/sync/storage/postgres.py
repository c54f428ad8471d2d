"""Page storage on PostgreSQL: several server processes, and a database with cores of its own.

- A pass runs on one connection that holds a session-level advisory lock on its item, so
  another process's pass of the same item waits; the pass's transactions run on it too
  (no pool checkout and pre-ping round trip per transaction).
- A second connection lets two pages be in flight (pattern.sync.pipeline).
- A page's rows go in with binary COPY into a staging table, then one INSERT ... SELECT.
- A page commits without waiting for its WAL flush.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from sqlalchemy import column, select, table, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from pattern.models.base import Base
from pattern.sync.rows import JSON
from pattern.sync.storage.base import TRANSACTIONS, OpenConnection, PageStorage

# First key of PostgreSQL's two-key advisory locks: "sync" for Pattern's item syncs.
ADVISORY_NAMESPACE = 0x5379_6E63 & 0x7FFF_FFFF

# A page is staged here with COPY, then upserted in one INSERT ... SELECT. The table is
# the connection's own and empties itself at every commit or rollback (a rollback drops
# it altogether when the same transaction created it; the next page creates it again).
STAGING = "pattern_sync_page"


class PostgresPageStorage(PageStorage):
    @asynccontextmanager
    async def hold_item(self, item_id: int) -> AsyncIterator[AsyncConnection]:
        async with self._engine.connect() as connection:
            await connection.execute(
                text("SELECT pg_advisory_lock(:namespace, :item)"),
                {"namespace": ADVISORY_NAMESPACE, "item": item_id},
            )
            await connection.commit()
            try:
                yield connection
            finally:
                await _unlock(connection, item_id)

    @asynccontextmanager
    async def claim_item(self, item_id: int) -> AsyncIterator[AsyncConnection | None]:
        async with self._engine.connect() as connection:
            got = await connection.scalar(
                text("SELECT pg_try_advisory_lock(:namespace, :item)"),
                {"namespace": ADVISORY_NAMESPACE, "item": item_id},
            )
            await connection.commit()
            if not got:
                yield None  # another process's pass has it
                return
            try:
                yield connection
            finally:
                await _unlock(connection, item_id)

    @property
    def second_connection(self) -> OpenConnection | None:
        return self._engine.connect

    async def _begin_page(self, session: AsyncSession) -> None:
        # The page and its cursor commit together, atomically, with or without this:
        # an asynchronous commit only risks losing the last few pages on an OS or server
        # crash, and then their cursor is lost with them, so the next pass fetches them
        # again from the older cursor (and the upsert is idempotent). It saves waiting
        # for a WAL flush per page. (This also opens the database transaction.)
        await session.execute(text("SET LOCAL synchronous_commit = off"))

    async def _upsert_transactions(self, session: AsyncSession, rows: list[JSON]) -> set[date]:
        # Binary COPY into a staging table: asyncpg encodes records in C, where array
        # parameters (INSERT ... SELECT FROM unnest) cost ~3x more, checking every element.
        # _begin_page has opened the database transaction these must run in.
        columns = list(rows[0])
        connection = await session.connection()
        raw = await connection.get_raw_connection()
        driver: Any = raw.driver_connection
        await driver.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGING} ON COMMIT DELETE ROWS"
            f" AS SELECT {', '.join(columns)} FROM transactions WITH NO DATA"
        )
        await driver.copy_records_to_table(
            STAGING, columns=columns, records=[tuple(row.values()) for row in rows]
        )
        # The dates the rows had, before they change: by their ids, as one array parameter
        # (asyncpg encodes it in C; a join with the unanalysed staging table was planned
        # as a scan of every transaction).
        stored = await driver.fetch(
            "SELECT DISTINCT date FROM transactions WHERE plaid_transaction_id = ANY($1::text[])",
            [row["plaid_transaction_id"] for row in rows],
        )
        staged = table(STAGING, *(column(name) for name in columns))
        statement = postgresql.insert(TRANSACTIONS).from_select(
            columns, select(*(staged.c[name] for name in columns))
        )
        await session.execute(self._on_conflict(statement))
        return {row[0] for row in stored}

    def _insert(self, model: type[Base]) -> Any:
        return postgresql.insert(model)


async def _unlock(connection: AsyncConnection, item_id: int) -> None:
    try:
        await connection.execute(
            text("SELECT pg_advisory_unlock(:namespace, :item)"),
            {"namespace": ADVISORY_NAMESPACE, "item": item_id},
        )
        await connection.commit()
    except DBAPIError:
        # The database went away during the pass (a restart, a failover). A session lock
        # ends with its session, so close this connection instead of failing the pass:
        # it must not go back to the pool while it might still hold the lock.
        await connection.invalidate()
    except BaseException:
        # Anything else (the holder's transactions ran on this connection, and a pass
        # cancelled mid-way may leave it unusable): the same, then let it through.
        await connection.invalidate()
        raise
