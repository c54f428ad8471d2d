"""Page storage on SQLite: one server process and one writer.

The item's lock in the process (pattern.sync.locks) is the whole story, one page is written
at a time, and a page's rows go in with one executemany.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from pattern.models import Transaction
from pattern.models.base import Base
from pattern.sync.rows import JSON
from pattern.sync.storage.base import TRANSACTIONS, OpenConnection, PageStorage


class SqlitePageStorage(PageStorage):
    @asynccontextmanager
    async def hold_item(self, item_id: int) -> AsyncIterator[AsyncConnection]:
        async with self._engine.connect() as connection:
            yield connection

    @asynccontextmanager
    async def claim_item(self, item_id: int) -> AsyncIterator[AsyncConnection | None]:
        async with self._engine.connect() as connection:
            yield connection

    @property
    def second_connection(self) -> OpenConnection | None:
        return None

    async def _begin_page(self, session: AsyncSession) -> None:
        return None  # nothing to set: the page's first statement opens its transaction

    async def _upsert_transactions(self, session: AsyncSession, rows: list[JSON]) -> set[date]:
        ids = [row["plaid_transaction_id"] for row in rows]
        stored = select(Transaction.date).where(Transaction.plaid_transaction_id.in_(ids))
        days = set(await session.scalars(stored.distinct()))
        # Core executemany: the driver loops over the rows in C.
        await session.execute(self._on_conflict(sqlite.insert(TRANSACTIONS)), rows)
        return days

    def _insert(self, model: type[Base]) -> Any:
        return sqlite.insert(model)
