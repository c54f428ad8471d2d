"""Listing transactions by user, item or account: filtered, searched, sorted, paged."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.cache import UserCache
from pattern.models import Account, Item, Transaction
from pattern.transactions.query import (
    AccountMatches,
    Scope,
    TransactionQuery,
    account_name_matches,
    conditions,
    ordering,
    scope_conditions,
    search_words,
)
from pattern.transactions.schemas import TransactionRead

__all__ = [
    "Page",
    "Scope",
    "TransactionQuery",
    "get_transaction",
    "list_transactions",
    "matching_ids",
]


@dataclass(frozen=True)
class Page:
    rows: list[TransactionRead]
    total: int


# What a list row carries (TransactionRead), read as plain columns: building ORM entities
# and validating them cost more than PostgreSQL's part of a page of fifty.
_READ_COLUMNS = [
    *(
        column
        for column in Transaction.__table__.columns
        if column.key in TransactionRead.model_fields
    ),
    Account.name.label("account_name"),
    Account.item_id,
]


def _with_account() -> Select[Any]:
    """Transactions with their account's name and item, as a list returns them."""
    return select(*_READ_COLUMNS).join(Account, Account.id == Transaction.account_id)


_READ_KEYS = tuple(select(*_READ_COLUMNS).selected_columns.keys())


def _row(row: Row[Any]) -> TransactionRead:
    # A plain dict validates in pydantic-core: ~3x faster than via the row's mapping.
    return TransactionRead.model_validate(dict(zip(_READ_KEYS, row, strict=True)))


async def _account_matches(
    session: AsyncSession, scope: Scope, query: TransactionQuery, cache: UserCache | None
) -> AccountMatches:
    """Which of the scope's accounts each search word's account-name match selects (kept
    in `cache` when given: each page of a search asks again)."""
    words = tuple(dict.fromkeys(search_words(query.search)))
    if not words:
        return {}

    async def look_up() -> AccountMatches:
        matches: dict[str, list[int]] = {}
        for word in words:
            ids = await session.scalars(
                select(Account.id)
                .join(Item, Item.id == Account.item_id)
                .where(*scope_conditions(scope), account_name_matches(word))
            )
            matches[word] = list(ids)
        return matches

    key = ("account_matches", scope, words)
    return await cache.get_or_compute(key, look_up) if cache else await look_up()


async def _where(
    session: AsyncSession, scope: Scope, query: TransactionQuery, cache: UserCache | None = None
) -> list[ColumnElement[bool]]:
    return conditions(scope, query, await _account_matches(session, scope, query, cache))


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
    where = await _where(session, scope, query, cache)
    # The page's ids first, from transactions alone (off the index, for a plain list); then
    # its fifty rows joined to their accounts (joined first, PostgreSQL would join every
    # match before sorting them).
    page = (
        select(Transaction.id)
        .where(*where)
        .order_by(*ordering(query))
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    rows = (
        await session.execute(
            _with_account().join(page, page.c.id == Transaction.id).order_by(*ordering(query))
        )
    ).all()
    if 0 < len(rows) < limit or (not rows and not offset):
        total = offset + len(rows)  # the page holds the last match
    else:

        async def count() -> int:
            counted = select(func.count()).select_from(Transaction).where(*where)
            return int(await session.scalar(counted) or 0)

        # The sort does not change the total: one entry for every order.
        key = ("total", scope, replace(query, sort="date", order="desc"))
        total = await cache.get_or_compute(key, count) if cache else await count()
    return Page(rows=[_row(row) for row in rows], total=total)


async def matching_ids(session: AsyncSession, scope: Scope, query: TransactionQuery) -> array[int]:
    """The ids of every match, in the list's order (the CSV export then reads their rows)."""
    matching = select(Transaction.id).where(*await _where(session, scope, query))
    # Through the connection: the ORM would spend more on 100,000 ids than the query does.
    result = await (await session.connection()).execute(matching.order_by(*ordering(query)))
    return array("q", result.scalars())  # 8 bytes an id; a list of ints takes 36


async def get_transaction(session: AsyncSession, transaction_id: int) -> TransactionRead:
    row = (await session.execute(_with_account().where(Transaction.id == transaction_id))).one()
    return _row(row)
