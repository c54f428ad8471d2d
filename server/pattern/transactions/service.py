"""Listing transactions by user, item or account: filtered, searched, sorted, paged."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.cache import UserCache
from pattern.kit.db import Shown
from pattern.splits import repository as splits
from pattern.transactions import repository
from pattern.transactions.query import (
    Scope,
    TransactionQuery,
    Where,
    WordMatch,
    WordMatches,
    conditions,
    search_words,
)
from pattern.transactions.repository import READ_KEYS
from pattern.transactions.schemas import SplitRead, TransactionRead
from pattern.transfers import service as transfers

# A transfer's other account, to a member of a share that does not include it.
NOT_SHARED = "an account not shared with you"

__all__ = [
    "Page",
    "Scope",
    "TransactionQuery",
    "get_transaction",
    "list_transactions",
    "matching_ids",
    "where_of",
]


@dataclass(frozen=True)
class Page:
    rows: list[TransactionRead]
    total: int


def _row(row: Row[Any]) -> TransactionRead:
    # A plain dict validates in pydantic-core: ~3x faster than via the row's mapping.
    return TransactionRead.model_validate(dict(zip(READ_KEYS, row, strict=True)))


async def _word_matches(
    session: AsyncSession, scope: Scope, query: TransactionQuery, cache: UserCache | None
) -> WordMatches:
    """What each search word matches beyond the transactions' own text: accounts by name,
    split transactions by their parts (kept in `cache` when given: each page of a search
    asks again)."""
    words = tuple(dict.fromkeys(search_words(query.search)))
    if not words:
        return {}

    async def look_up() -> WordMatches:
        return {
            word: WordMatch(
                accounts=await repository.accounts_matching(session, scope, word),
                split=await repository.split_matching(session, scope, word),
            )
            for word in words
        }

    key = ("word_matches", scope, words)
    return await cache.get_or_compute(key, look_up) if cache else await look_up()


async def where_of(
    session: AsyncSession, scope: Scope, query: TransactionQuery, cache: UserCache | None = None
) -> Where:
    return conditions(scope, query, await _word_matches(session, scope, query, cache))


async def list_transactions(
    session: AsyncSession,
    scope: Scope,
    query: TransactionQuery | None = None,
    *,
    limit: int,
    offset: int,
    cache: UserCache | None = None,
) -> Page:
    """One page and the total of all matches.

    The page is read in index order and stops at `limit`; the total is counted apart, on
    the transactions table alone (an index-only scan for a user's plain list), and only
    when the page does not already tell it, nor `cache` (the user's, for user lists) has it.
    Counting in the page's query (a window) made PostgreSQL build and sort every match just
    to return fifty.
    """
    query = query or TransactionQuery()
    where = await where_of(session, scope, query, cache)
    rows = await repository.page(session, where, query, limit=limit, offset=offset)
    if 0 < len(rows) < limit or (not rows and not offset):
        total = offset + len(rows)  # the page holds the last match
    else:

        async def count() -> int:
            return await repository.count(session, where)

        # The sort does not change the total: one entry for every order.
        key = ("total", scope, replace(query, sort="date", order="desc"))
        total = await cache.get_or_compute(key, count) if cache else await count()
    page = await _with_transfers(session, [_row(row) for row in rows], scope.shown)
    return Page(rows=page, total=total)


async def _with_transfers(
    session: AsyncSession, rows: list[TransactionRead], shown: Shown
) -> list[TransactionRead]:
    """The rows, each with the transfer pair it is in and its parts (one look-up each for
    the page). To a member of a share (`shown`), an account not shared is not named."""
    links = await transfers.links(session, [row.plaid_transaction_id for row in rows])
    parts = await splits.parts_of(session, [row.id for row in rows])
    for row in rows:
        link = links.get(row.plaid_transaction_id)
        if link is not None and shown is not None and link.other_account_id not in shown:
            link = link.model_copy(update={"other_account_name": NOT_SHARED})
        row.transfer = link
        row.splits = [SplitRead.model_validate(part) for part in parts.get(row.id, ())]
    return rows


async def matching_ids(session: AsyncSession, scope: Scope, query: TransactionQuery) -> array[int]:
    """The ids of every match, in the list's order (the CSV export then reads their rows)."""
    return await repository.ids_in_order(session, await where_of(session, scope, query), query)


async def get_transaction(
    session: AsyncSession, transaction_id: int, shown: Shown = None
) -> TransactionRead:
    row = _row(await repository.read_one(session, transaction_id))
    return (await _with_transfers(session, [row], shown))[0]
