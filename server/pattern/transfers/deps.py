"""The pair or transaction named in the path, if it belongs to the caller (or an admin asks)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from pattern.auth.deps import CurrentUser, could_exist
from pattern.kit.deps import SessionDep
from pattern.kit.errors import NotFound
from pattern.models import Transaction, TransferPair


async def get_owned_pair(transfer_id: int, user: CurrentUser, session: SessionDep) -> TransferPair:
    found = await session.get(TransferPair, transfer_id) if could_exist(transfer_id) else None
    if found is None or (found.user_id != user.id and not user.is_admin):
        raise NotFound("Transfer not found.")
    return found


OwnedPair = Annotated[TransferPair, Depends(get_owned_pair)]


async def get_owned_transaction(
    transaction_id: int, user: CurrentUser, session: SessionDep
) -> Transaction:
    found = await session.get(Transaction, transaction_id) if could_exist(transaction_id) else None
    if found is None or (found.user_id != user.id and not user.is_admin):
        raise NotFound("Transaction not found.")
    return found


OwnedTransaction = Annotated[Transaction, Depends(get_owned_transaction)]
