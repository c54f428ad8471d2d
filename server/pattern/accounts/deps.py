"""Loads an account named in the path, if its item belongs to the caller (or an admin asks)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from pattern.accounts import repository
from pattern.auth.deps import CurrentUser, could_exist
from pattern.households import service as households
from pattern.kit.deps import SessionDep
from pattern.kit.errors import NotFound
from pattern.models import Account


async def get_owned_account(account_id: int, user: CurrentUser, session: SessionDep) -> Account:
    if not could_exist(account_id):
        raise NotFound("Account not found.")
    found = await repository.get_with_owner(session, account_id)
    if found is None or (found[1] != user.id and not user.is_admin):
        raise NotFound("Account not found.")
    return found[0]


async def get_own_account(account_id: int, user: CurrentUser, session: SessionDep) -> Account:
    """The caller's own account, for changes: an administrator may look, not rename."""
    if not could_exist(account_id):
        raise NotFound("Account not found.")
    found = await repository.get_with_owner(session, account_id)
    if found is None or found[1] != user.id:
        raise NotFound("Account not found.")
    return found[0]


async def get_viewed_account(account_id: int, user: CurrentUser, session: SessionDep) -> Account:
    """As get_owned_account, or an account shared with the caller (pattern.households)."""
    found = (
        await repository.get_with_owner(session, account_id) if could_exist(account_id) else None
    )
    if found is not None and (found[1] == user.id or user.is_admin):
        return found[0]
    if found is None or not await households.shared_covering(
        session, found[1], user.id, [found[0].id]
    ):
        raise NotFound("Account not found.")
    return found[0]


OwnedAccount = Annotated[Account, Depends(get_owned_account)]
ViewedAccount = Annotated[Account, Depends(get_viewed_account)]
OwnAccount = Annotated[Account, Depends(get_own_account)]
