from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from pattern.accounts import repository, service
from pattern.accounts.deps import OwnAccount, ViewedAccount
from pattern.accounts.schemas import AccountRead, AccountUpdate
from pattern.auth.deps import CurrentUser
from pattern.households.deps import PathView
from pattern.kit.deps import SessionDep
from pattern.kit.paging import PageQuery, with_total
from pattern.transactions import service as transactions_service
from pattern.transactions.params import TransactionFilters
from pattern.transactions.schemas import TransactionRead

router = APIRouter(tags=["accounts"])


@router.get("/users/{user_id}/accounts", response_model=list[AccountRead])
async def user_accounts(
    view: PathView,
    session: SessionDep,
    include_hidden: Annotated[bool, Query(description="the hidden ones too")] = False,
) -> list[AccountRead]:
    """A user's accounts: those they hid only when asked (the accounts page asks); to a
    member of a share of theirs, the shared ones."""
    accounts = await repository.list_for_user(
        session, view.owner.id, include_hidden=include_hidden, shown=view.shown
    )
    return [AccountRead.model_validate(account) for account in accounts]


@router.patch("/accounts/{account_id}", response_model=AccountRead)
async def update_account(
    body: AccountUpdate, account: OwnAccount, user: CurrentUser, session: SessionDep
) -> AccountRead:
    """Rename an account (Plaid's name is kept), hide it, or leave it out of net worth."""
    return AccountRead.model_validate(await service.update_account(session, account, user.id, body))


@router.get("/accounts/{account_id}/transactions", response_model=list[TransactionRead])
async def account_transactions(
    account: ViewedAccount,
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
