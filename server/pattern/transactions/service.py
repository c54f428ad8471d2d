"""Listing transactions by user, item or account, newest first, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Account, Item, Transaction
from pattern.transactions.schemas import TransactionRead


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    item_id: int | None = None
    account_id: int | None = None


@dataclass(frozen=True)
class Page:
    rows: list[TransactionRead]
    total: int


def _filtered(scope: Scope, *columns: Any) -> Any:
    statement = (
        select(*columns)
        .join(Account, Account.id == Transaction.account_id)
        .join(Item, Item.id == Account.item_id)
        .where(Transaction.hidden.is_(False))
    )
    if scope.user_id is not None:
        statement = statement.where(Item.user_id == scope.user_id)
    if scope.item_id is not None:
        statement = statement.where(Item.id == scope.item_id)
    if scope.account_id is not None:
        statement = statement.where(Account.id == scope.account_id)
    return statement


async def list_transactions(
    session: AsyncSession, scope: Scope, *, limit: int, offset: int
) -> Page:
    total = await session.scalar(_filtered(scope, func.count(Transaction.id)))
    rows = await session.execute(
        _filtered(scope, Transaction, Account.name, Account.item_id)
        .order_by(Transaction.date.desc(), Transaction.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return Page(
        rows=[
            TransactionRead.model_validate(
                {**_columns(tx), "account_name": account_name, "item_id": item_id}
            )
            for tx, account_name, item_id in rows
        ],
        total=int(total or 0),
    )


def _columns(tx: Transaction) -> dict[str, Any]:
    return {column.key: getattr(tx, column.key) for column in Transaction.__table__.columns}
