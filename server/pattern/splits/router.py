from __future__ import annotations

from fastapi import APIRouter

from pattern.kit.deps import SessionDep
from pattern.splits import service
from pattern.splits.schemas import SplitUpdate
from pattern.transactions import service as transactions
from pattern.transactions.deps import EditableTransaction
from pattern.transactions.schemas import TransactionRead

router = APIRouter(tags=["transactions"])


@router.put("/transactions/{transaction_id}/splits", response_model=TransactionRead)
async def split_transaction(
    body: SplitUpdate, editing: EditableTransaction, session: SessionDep
) -> TransactionRead:
    """Split it into parts (replacing any before), each with its own amount, category, note
    and tags; they must sum to its amount. They are counted in its place, and every sync
    keeps them."""
    transaction = editing.transaction
    await service.split(session, transaction, body)
    return await transactions.get_transaction(session, transaction.id, editing.shown)


@router.delete("/transactions/{transaction_id}/splits", response_model=TransactionRead)
async def unsplit_transaction(editing: EditableTransaction, session: SessionDep) -> TransactionRead:
    """Make it whole again: its parts are dropped, and it counts as one."""
    transaction = editing.transaction
    await service.unsplit(session, transaction)
    return await transactions.get_transaction(session, transaction.id, editing.shown)
