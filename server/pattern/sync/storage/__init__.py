"""Where a pass reads its item and writes its pages: one implementation per database.

PostgreSQL and SQLite differ in how a page's rows are best written, in whether two pages
may be in flight, and in whether other processes' passes need locking out; storage_for is
the one place the sync asks which one it runs on (docs/adr/0009-sync-engine-parts.md).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from pattern.sync.storage.base import PageStorage, PageToWrite, StoredItem
from pattern.sync.storage.postgres import PostgresPageStorage
from pattern.sync.storage.sqlite import SqlitePageStorage

__all__ = ["PageStorage", "PageToWrite", "StoredItem", "storage_for"]

_BY_DIALECT: dict[str, type[PageStorage]] = {
    "postgresql": PostgresPageStorage,
    "sqlite": SqlitePageStorage,
}


def storage_for(engine: AsyncEngine) -> PageStorage:
    return _BY_DIALECT[engine.dialect.name](engine)
