"""Two pages in flight (PostgreSQL): they commit in order, and a failed page takes the
pages after it down with it, so the stored cursor never runs ahead of the stored pages."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from pattern.kit.db import create_engine
from pattern.sync.pipeline import OrderedWrites, PageWrite
from pattern.sync.results import PageCounts
from tests.support.databases import PostgresDatabases, skip_or_fail_without_postgres

Connections = tuple[AsyncEngine, AsyncConnection]


class Pages:
    """Pages that store a row and then their number as the cursor, as write_page does."""

    def __init__(self) -> None:
        self.committed: list[int] = []

    def page(self, number: int, *, seconds: float = 0.0, fails: bool = False) -> PageWrite:
        async def write(
            connection: AsyncConnection, before: asyncio.Task[PageCounts] | None
        ) -> PageCounts:
            async with connection.begin():
                await connection.execute(text(f"INSERT INTO page_rows VALUES ({number})"))
                await asyncio.sleep(seconds)
                if fails:
                    raise RuntimeError(f"page {number} failed")
                if before is not None:
                    await before
                await connection.execute(text(f"UPDATE page_cursor SET page = {number}"))
            self.committed.append(number)
            return PageCounts(added=1)

        return write


@pytest.fixture
async def connections(
    postgres_databases: PostgresDatabases | str,
) -> AsyncIterator[Connections]:
    """A fresh PostgreSQL database (two pages in flight: SQLite has one writer)."""
    if isinstance(postgres_databases, str):
        skip_or_fail_without_postgres(postgres_databases)
    assert not isinstance(postgres_databases, str)
    url = await postgres_databases.create()
    engine = create_engine(url)
    async with engine.begin() as setup:
        await setup.execute(text("CREATE TABLE page_rows (page int)"))
        await setup.execute(text("CREATE TABLE page_cursor (page int)"))
        await setup.execute(text("INSERT INTO page_cursor VALUES (0)"))
    async with engine.connect() as first:
        yield engine, first
    await engine.dispose()
    await postgres_databases.drop(url)


async def stored(engine: AsyncEngine, sql: str) -> list[int]:
    async with engine.connect() as connection:
        return [row[0] for row in await connection.execute(text(sql))]


async def test_a_slow_page_still_commits_before_the_page_after_it(
    connections: Connections,
) -> None:
    engine, first = connections
    pages = Pages()
    writes = OrderedWrites(first, engine.connect)
    for number, seconds in [(1, 0.3), (2, 0.0), (3, 0.2), (4, 0.0)]:
        await writes.submit(
            pages.page(number, seconds=seconds), keys=frozenset({str(number)}), alone=False
        )
    await writes.drain()
    await writes.close()
    assert pages.committed == [1, 2, 3, 4]
    assert writes.counts.added == 4
    assert await stored(engine, "SELECT page FROM page_cursor") == [4]


# Page 2 fails while page 3 is written, or before page 3 is even submitted.
@pytest.mark.parametrize("failing_after", [0.2, 0.0])
async def test_a_failed_page_rolls_back_the_pages_after_it(
    connections: Connections, failing_after: float
) -> None:
    engine, first = connections
    pages = Pages()
    writes = OrderedWrites(first, engine.connect)
    await writes.submit(pages.page(1), keys=frozenset({"1"}), alone=False)
    failing = pages.page(2, seconds=failing_after, fails=True)
    await writes.submit(failing, keys=frozenset({"2"}), alone=False)
    await asyncio.sleep(0.1)
    await writes.submit(pages.page(3), keys=frozenset({"3"}), alone=False)  # after 2
    with pytest.raises(RuntimeError, match="page 2 failed"):
        await writes.drain()
    await writes.close()
    assert pages.committed == [1]
    assert await stored(engine, "SELECT page FROM page_rows") == [1]
    assert await stored(engine, "SELECT page FROM page_cursor") == [1]
