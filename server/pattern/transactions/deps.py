"""The CSV exports, and the transaction named in the path if it belongs to the caller (or an
admin asks)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from pattern.auth.deps import CurrentUser, could_exist
from pattern.kit.deps import SessionDep, provided
from pattern.kit.errors import NotFound
from pattern.models import Transaction
from pattern.transactions.export import CsvExports
from pattern.transactions.logos import MerchantLogos


async def get_owned_transaction(
    transaction_id: int, user: CurrentUser, session: SessionDep
) -> Transaction:
    found = await session.get(Transaction, transaction_id) if could_exist(transaction_id) else None
    if found is None or (found.user_id != user.id and not user.is_admin):
        raise NotFound("Transaction not found.")
    return found


async def get_own_transaction(
    transaction_id: int, user: CurrentUser, session: SessionDep
) -> Transaction:
    """The caller's own transaction, for a deletion: an administrator may look, not delete."""
    found = await session.get(Transaction, transaction_id) if could_exist(transaction_id) else None
    if found is None or found.user_id != user.id:
        raise NotFound("Transaction not found.")
    return found


OwnedTransaction = Annotated[Transaction, Depends(get_owned_transaction)]
OwnTransaction = Annotated[Transaction, Depends(get_own_transaction)]

CsvExportsDep = Annotated[CsvExports, Depends(provided(CsvExports))]
MerchantLogosDep = Annotated[MerchantLogos, Depends(provided(MerchantLogos))]
