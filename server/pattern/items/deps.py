"""Loads an item named in the path, if it belongs to the caller (or the caller is an admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from pattern.auth.deps import CurrentUser
from pattern.deps import SessionDep
from pattern.errors import NotFound
from pattern.models import Item


async def get_owned_item(item_id: int, user: CurrentUser, session: SessionDep) -> Item:
    item = await session.get(Item, item_id)
    if item is None or (item.user_id != user.id and not user.is_admin):
        raise NotFound("Item not found.")
    return item


OwnedItem = Annotated[Item, Depends(get_owned_item)]
