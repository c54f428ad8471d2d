"""Loads a transaction named in the path, if its item belongs to the caller (or an admin asks)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy import select

from pattern.auth.deps import CurrentUser
from pattern.deps import SessionDep
from pattern.errors import NotFound
from pattern.models import Account, Item, Transaction


async def get_owned_transaction(
    transaction_id: int, user: CurrentUser, session: SessionDep
) -> Transaction:
    found = (
        await session.execute(
            select(Transaction, Item.user_id)
            .join(Account, Account.id == Transaction.account_id)
            .join(Item, Item.id == Account.item_id)
            .where(Transaction.id == transaction_id)
        )
    ).first()
    if found is None or (found[1] != user.id and not user.is_admin):
        raise NotFound("Transaction not found.")
    transaction: Transaction = found[0]
    return transaction


OwnedTransaction = Annotated[Transaction, Depends(get_owned_transaction)]
