from __future__ import annotations

from fastapi import APIRouter

from pattern.accounts.deps import OwnAccount
from pattern.accounts.schemas import AccountRead
from pattern.auth.deps import CurrentUser, OwnPathUser
from pattern.kit.deps import SessionDep
from pattern.manual import service
from pattern.manual.schemas import ManualAccountCreate, ManualTransactionCreate
from pattern.transactions import service as transactions_service
from pattern.transactions.deps import OwnTransaction
from pattern.transactions.schemas import TransactionRead

router = APIRouter(tags=["manual accounts"])


@router.post("/users/{user_id}/manual-accounts", status_code=201, response_model=AccountRead)
async def create_manual_account(
    body: ManualAccountCreate, user: OwnPathUser, session: SessionDep
) -> AccountRead:
    """An account kept by hand (cash, a bank Plaid cannot reach), with today's balance;
    its bank shows as "Manual". Counted in net worth as a bank's account of its type."""
    return AccountRead.model_validate(await service.create_account(session, user.id, body))


@router.delete("/accounts/{account_id}", status_code=204)
async def delete_manual_account(
    account: OwnAccount, user: CurrentUser, session: SessionDep
) -> None:
    """Delete a manual account with its transactions; 409 for a bank's account (remove its
    bank instead)."""
    await service.delete_account(session, account, user.id)


@router.post("/accounts/{account_id}/transactions", status_code=201, response_model=TransactionRead)
async def add_manual_transaction(
    body: ManualTransactionCreate, account: OwnAccount, user: CurrentUser, session: SessionDep
) -> TransactionRead:
    """Add a transaction to a manual account (amount in Plaid's sign: positive is money
    out); its balance moves by it. 409 for a bank's account."""
    transaction = await service.add_transaction(session, account, user.id, body)
    return await transactions_service.get_transaction(session, transaction.id)


@router.delete("/transactions/{transaction_id}", status_code=204)
async def delete_manual_transaction(transaction: OwnTransaction, session: SessionDep) -> None:
    """Delete a manual account's transaction; its account's balance moves back. 409 for a
    bank's transaction (hide it instead)."""
    await service.delete_transaction(session, transaction)
