"""CSV export of a filtered transaction list, streamed row by row."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator

from pattern.context import AppContext
from pattern.transactions.query import Scope, TransactionQuery
from pattern.transactions.schemas import TransactionRead
from pattern.transactions.service import stream_transactions

COLUMNS = (
    "date",
    "name",
    "merchant_name",
    "amount",
    "iso_currency_code",
    "category",
    "subcategory",
    "account_name",
    "pending",
    "original_name",
    "id",
)
_TEXT = {"name", "merchant_name", "category", "subcategory", "account_name", "original_name"}


def _cell(column: str, row: TransactionRead) -> object:
    value = getattr(row, column)
    # A spreadsheet would run a cell starting with these as a formula.
    if column in _TEXT and isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


async def csv_lines(
    context: AppContext, scope: Scope, query: TransactionQuery
) -> AsyncIterator[str]:
    """The CSV, a few rows at a time; reads through its own session as it streams."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    async with context.sessionmaker() as session:
        async for row in stream_transactions(session, scope, query):
            writer.writerow([_cell(column, row) for column in COLUMNS])
            if buffer.tell() > 64_000:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()
