"""Loads an account named in the path, if its item belongs to the caller (or an admin asks)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy import select

from pattern.auth.deps import CurrentUser, could_exist
from pattern.kit.deps import SessionDep
from pattern.kit.errors import NotFound
from pattern.models import Account, Item


async def get_owned_account(account_id: int, user: CurrentUser, session: SessionDep) -> Account:
    if not could_exist(account_id):
        raise NotFound("Account not found.")
    found = (
        await session.execute(
            select(Account, Item.user_id)
            .join(Item, Item.id == Account.item_id)
            .where(Account.id == account_id)
        )
    ).first()
    if found is None or (found[1] != user.id and not user.is_admin):
        raise NotFound("Account not found.")
    account: Account = found[0]
    return account


OwnedAccount = Annotated[Account, Depends(get_owned_account)]
