"""CSV export of a filtered transaction list, read in short chunks and streamed.

The matching ids are read first, in the list's order, in one short session; then their rows,
a chunk at a time, each on a connection that goes back to the pool before the chunk is
handed to the client. So a client that reads slowly, or not at all, holds no connection.
"""

from __future__ import annotations

import csv
import io
from array import array
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from pattern.transactions import repository, service
from pattern.transactions.export_slots import ExportSlots
from pattern.transactions.query import Scope, TransactionQuery

# The CSV's columns, in order (repository.CSV_SOURCES says what each is read from).
COLUMNS = tuple(repository.CSV_SOURCES)
_TEXT = {
    "name",
    "merchant_name",
    "iso_currency_code",
    "category",
    "subcategory",
    "account_name",
    "original_name",
    "tags",
    "note",
}
_TEXT_AT = tuple(at for at, column in enumerate(COLUMNS) if column in _TEXT)
_PENDING_AT = COLUMNS.index("pending")

# A spreadsheet may run a text cell starting with one of these as a formula (OWASP, "CSV
# Injection"). The csv module quotes separators, quotes and line breaks inside a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

# Rows read at a time. A query's cost per row falls with its size (PostgreSQL finds 5,000
# rows by id for about 60% of what 2,000 cost it a row), while a chunk stays a few MB.
CHUNK_ROWS = 5000


def _cells(row: Row[Any]) -> list[Any]:
    cells = list(row)
    for at in _TEXT_AT:
        text = cells[at]
        if text and text.startswith(FORMULA_STARTS):
            cells[at] = "'" + text
    cells[_PENDING_AT] = "true" if cells[_PENDING_AT] else "false"  # as in the API, not "False"
    return cells


async def _chunks(engine: AsyncEngine, user_id: int, ids: array[int]) -> AsyncGenerator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for start in range(0, len(ids), CHUNK_ROWS):
        async with engine.connect() as connection:
            rows = await repository.csv_rows(
                connection, user_id, ids[start : start + CHUNK_ROWS].tolist()
            )
        # The connection is back in the pool while the client reads.
        writer.writerows(map(_cells, rows))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():  # no rows: the header alone
        yield buffer.getvalue()


class CsvExports:
    """CSV exports, a few at a time per person (EXPORT_MAX_PER_USER, in this process)."""

    def __init__(
        self,
        engine: AsyncEngine,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        max_per_user: int,
    ) -> None:
        self._engine = engine
        self._sessionmaker = sessionmaker
        self._max_per_user = max_per_user
        self._slots = ExportSlots()

    @asynccontextmanager
    async def open(
        self, *, scope: Scope, asked_by: int, query: TransactionQuery
    ) -> AsyncIterator[AsyncIterator[str]]:
        """The CSV of the scope's transactions matching `query`, in chunks of text, for the
        block's duration: it holds one of the export slots of `asked_by` (TooManyExports
        when none is free)."""
        assert scope.user_id is not None
        with self._slots.hold(asked_by, limit=self._max_per_user):
            async with self._sessionmaker() as session:
                ids = await service.matching_ids(session, scope, query)
            chunks = _chunks(self._engine, scope.user_id, ids)
            try:
                yield chunks
            finally:
                await chunks.aclose()
