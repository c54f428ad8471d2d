"""Listing transactions by user, item or account: filtered, searched, sorted, paged."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from fastapi import Response
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

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
    "owner_of",
    "page_into",
    "stream_transactions",
]


@dataclass(frozen=True)
class Page:
    rows: list[TransactionRead]
    total: int


def _joined(*columns: Any) -> Select[Any]:
    return (
        select(*columns)
        .join(Account, Account.id == Transaction.account_id)
        .join(Item, Item.id == Account.item_id)
    )


def _row(tx: Transaction, account_name: str, item_id: int) -> TransactionRead:
    values = {column.key: getattr(tx, column.key) for column in Transaction.__table__.columns}
    return TransactionRead.model_validate(
        {**values, "account_name": account_name, "item_id": item_id}
    )


async def _account_matches(
    session: AsyncSession, scope: Scope, query: TransactionQuery
) -> AccountMatches:
    """Which of the scope's accounts each search word's account-name match selects."""
    matches: dict[str, list[int]] = {}
    for word in dict.fromkeys(search_words(query.search)):
        ids = await session.scalars(
            select(Account.id)
            .join(Item, Item.id == Account.item_id)
            .where(*scope_conditions(scope), account_name_matches(word))
        )
        matches[word] = list(ids)
    return matches


async def list_transactions(
    session: AsyncSession,
    scope: Scope,
    query: TransactionQuery | None = None,
    *,
    limit: int,
    offset: int,
) -> Page:
    """One page, with the total counted in the same query (a window over all matches)."""
    query = query or TransactionQuery()
    where = conditions(scope, query, await _account_matches(session, scope, query))
    rows = (
        await session.execute(
            _joined(Transaction, Account.name, Account.item_id, func.count().over())
            .where(*where)
            .order_by(*ordering(query))
            .limit(limit)
            .offset(offset)
        )
    ).all()
    if rows:
        total = rows[0][3]
    elif offset:  # past the end: nothing to read the total from
        total = await session.scalar(_joined(func.count(Transaction.id)).where(*where))
    else:
        total = 0
    return Page(
        rows=[_row(tx, name, item_id) for tx, name, item_id, _ in rows], total=int(total or 0)
    )


async def page_into(
    response: Response,
    session: AsyncSession,
    scope: Scope,
    query: TransactionQuery,
    *,
    limit: int,
    offset: int,
) -> list[TransactionRead]:
    """A page for a list route, with the total in the X-Total-Count header."""
    page = await list_transactions(session, scope, query, limit=limit, offset=offset)
    response.headers["X-Total-Count"] = str(page.total)
    return page.rows


async def stream_transactions(
    session: AsyncSession, scope: Scope, query: TransactionQuery, *, batch: int = 1000
) -> AsyncIterator[TransactionRead]:
    """Every matching transaction, read in batches so memory stays flat (for CSV export)."""
    result = await session.stream(
        _joined(Transaction, Account.name, Account.item_id)
        .where(*conditions(scope, query))
        .order_by(*ordering(query))
        .execution_options(yield_per=batch)
    )
    async for row in result:
        yield _row(*row)


async def get_transaction(session: AsyncSession, transaction_id: int) -> TransactionRead:
    row = (
        await session.execute(
            _joined(Transaction, Account.name, Account.item_id).where(
                Transaction.id == transaction_id
            )
        )
    ).one()
    return _row(*row)


async def owner_of(session: AsyncSession, transaction: Transaction) -> int:
    owner = await session.scalar(
        select(Item.user_id)
        .join(Account, Account.item_id == Item.id)
        .where(Account.id == transaction.account_id)
    )
    assert owner is not None
    return int(owner)
