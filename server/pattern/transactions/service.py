"""Listing transactions by user, item or account: filtered, searched, sorted, paged."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Account, Item, Transaction
from pattern.transactions.query import Scope, TransactionQuery, conditions, ordering
from pattern.transactions.schemas import TransactionRead

__all__ = [
    "Page",
    "Scope",
    "TransactionQuery",
    "get_transaction",
    "list_transactions",
    "owner_of",
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


async def list_transactions(
    session: AsyncSession,
    scope: Scope,
    query: TransactionQuery | None = None,
    *,
    limit: int,
    offset: int,
) -> Page:
    query = query or TransactionQuery()
    where = conditions(scope, query)
    total = await session.scalar(_joined(func.count(Transaction.id)).where(*where))
    rows = await session.execute(
        _joined(Transaction, Account.name, Account.item_id)
        .where(*where)
        .order_by(*ordering(query))
        .limit(limit)
        .offset(offset)
    )
    return Page(rows=[_row(*row) for row in rows], total=int(total or 0))


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
