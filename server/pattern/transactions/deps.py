"""The CSV exports, and the transaction named in the path if it belongs to the caller (or an
admin asks), or to an account shared with the caller (pattern.households)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.auth.deps import CurrentUser, could_exist
from pattern.households import service as households
from pattern.households.deps import view_only
from pattern.households.service import Shared
from pattern.kit.db import Shown
from pattern.kit.deps import SessionDep, provided
from pattern.kit.errors import NotFound
from pattern.models import Transaction, User
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


async def _shared(transaction: Transaction | None, user: User, session: AsyncSession) -> Shared:
    """What the transaction's owner shares with the caller, if its account is among it."""
    shared = None
    if transaction is not None:
        shared = await households.shared_covering(
            session, transaction.user_id, user.id, [transaction.account_id]
        )
    if shared is None:
        raise NotFound("Transaction not found.")
    return shared


async def get_viewed_transaction(
    transaction_id: int, user: CurrentUser, session: SessionDep
) -> Transaction:
    """The caller's transaction (or, to an administrator, anyone's), or one of an account
    shared with the caller."""
    found = await session.get(Transaction, transaction_id) if could_exist(transaction_id) else None
    if found is None or (found.user_id != user.id and not user.is_admin):
        await _shared(found, user, session)
    assert found is not None
    return found


@dataclass(frozen=True)
class Editing:
    transaction: Transaction
    # A member of a share edits the owner's transaction: the shared accounts; else None.
    shown: Shown

    @property
    def by_member(self) -> bool:
        return self.shown is not None


async def get_editable_transaction(
    transaction_id: int, user: CurrentUser, session: SessionDep
) -> Editing:
    """As get_viewed_transaction, when the share lets the caller edit (else 403)."""
    found = await session.get(Transaction, transaction_id) if could_exist(transaction_id) else None
    if found is not None and (found.user_id == user.id or user.is_admin):
        return Editing(found, shown=None)
    shared = await _shared(found, user, session)
    if not shared.can_edit:
        raise view_only()
    assert found is not None
    return Editing(found, shown=shared.accounts)


OwnedTransaction = Annotated[Transaction, Depends(get_owned_transaction)]
ViewedTransaction = Annotated[Transaction, Depends(get_viewed_transaction)]
EditableTransaction = Annotated[Editing, Depends(get_editable_transaction)]
OwnTransaction = Annotated[Transaction, Depends(get_own_transaction)]

CsvExportsDep = Annotated[CsvExports, Depends(provided(CsvExports))]
MerchantLogosDep = Annotated[MerchantLogos, Depends(provided(MerchantLogos))]
