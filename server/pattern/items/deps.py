"""The items service, and the item named in the path if it belongs to the caller (or the
caller is an admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from pattern.auth.deps import CurrentUser, load_owned
from pattern.items.service import Items
from pattern.kit.deps import SessionDep, provided
from pattern.kit.errors import NotFound
from pattern.models import Item


async def get_owned_item(item_id: int, user: CurrentUser, session: SessionDep) -> Item:
    item = await load_owned(session, Item, item_id, user, "Item")
    if item.manual:  # no bank: nothing to sync, relink or remove at Plaid
        raise NotFound("Item not found.")
    return item


OwnedItem = Annotated[Item, Depends(get_owned_item)]

ItemsDep = Annotated[Items, Depends(provided(Items))]
