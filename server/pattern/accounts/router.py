from __future__ import annotations

from fastapi import APIRouter, Response

from pattern.accounts import repository
from pattern.accounts.deps import OwnedAccount
from pattern.accounts.schemas import AccountRead
from pattern.auth.deps import PathUser
from pattern.kit.deps import SessionDep
from pattern.kit.paging import PageQuery, with_total
from pattern.transactions import service as transactions_service
from pattern.transactions.params import TransactionFilters
from pattern.transactions.schemas import TransactionRead

router = APIRouter(tags=["accounts"])


@router.get("/users/{user_id}/accounts", response_model=list[AccountRead])
async def user_accounts(user: PathUser, session: SessionDep) -> list[AccountRead]:
    """All of a user's accounts."""
    accounts = await repository.list_for_user(session, user.id)
    return [AccountRead.model_validate(account) for account in accounts]


@router.get("/accounts/{account_id}/transactions", response_model=list[TransactionRead])
async def account_transactions(
    account: OwnedAccount,
    page: PageQuery,
    filters: TransactionFilters,
    response: Response,
    session: SessionDep,
) -> list[TransactionRead]:
    """An account's transactions, filtered, searched and sorted; the total is in X-Total-Count."""
    found = await transactions_service.list_transactions(
        session,
        transactions_service.Scope(account_id=account.id),
        filters,
        limit=page.limit,
        offset=page.offset,
    )
    return with_total(response, found.rows, found.total)
