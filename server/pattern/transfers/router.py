from __future__ import annotations

from fastapi import APIRouter

from pattern.auth.deps import PathUser
from pattern.kit.deps import SessionDep
from pattern.transfers import service
from pattern.transfers.deps import OwnedPair, OwnedTransaction
from pattern.transfers.schemas import (
    TransferCandidate,
    TransferCreate,
    TransferRead,
    TransfersMatched,
)

router = APIRouter(tags=["transfers"])


@router.get("/users/{user_id}/transfers", response_model=list[TransferRead])
async def list_transfers(user: PathUser, session: SessionDep) -> list[TransferRead]:
    """Money moved between the user's own accounts, matched into pairs; newest first."""
    return await service.list_pairs(session, user.id)


@router.post("/users/{user_id}/transfers", status_code=201, response_model=TransferRead)
async def match_by_hand(body: TransferCreate, user: PathUser, session: SessionDep) -> TransferRead:
    """Match two transactions by hand: one out of an account, one into another of the
    user's (the amounts may differ, by a fee say); 409 when one is in a pair already."""
    return await service.match_by_hand(session, user, body.transaction_ids)


@router.post("/users/{user_id}/transfers/match", response_model=TransfersMatched)
async def match_now(user: PathUser, session: SessionDep) -> TransfersMatched:
    """Match all of the user's transactions now (each sync matches what it brought)."""
    return TransfersMatched(matched=await service.match_user(session, user.id))


@router.post("/transfers/{transfer_id}/confirm", response_model=TransferRead)
async def confirm_transfer(pair: OwnedPair, session: SessionDep) -> TransferRead:
    """Confirm a pair the matching found."""
    return await service.confirm(session, pair)


@router.delete("/transfers/{transfer_id}", status_code=204)
async def unmatch_transfer(pair: OwnedPair, session: SessionDep) -> None:
    """Unmatch a pair: the two count as their categories say, and are never paired again
    by the matching (matching them by hand still can)."""
    await service.unmatch(session, pair)


@router.get(
    "/transactions/{transaction_id}/transfer-candidates", response_model=list[TransferCandidate]
)
async def transfer_candidates(
    transaction: OwnedTransaction, session: SessionDep
) -> list[TransferCandidate]:
    """Transactions the transaction could be matched with by hand: on the user's other
    accounts, the opposite sign, within 10 days, in no pair; the closest amounts first."""
    return await service.candidates(session, transaction)
