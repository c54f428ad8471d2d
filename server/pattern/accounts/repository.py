from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.db import Shown, within
from pattern.models import Account, Item


async def list_for_item(session: AsyncSession, item_id: int) -> Sequence[Account]:
    return (
        await session.scalars(
            select(Account).where(Account.item_id == item_id).order_by(Account.id)
        )
    ).all()


async def list_for_user(
    session: AsyncSession, user_id: int, *, include_hidden: bool = True, shown: Shown = None
) -> Sequence[Account]:
    query = (
        select(Account)
        .join(Item, Item.id == Account.item_id)
        .where(Item.user_id == user_id, within(Account.id, shown))
    )
    if not include_hidden:
        query = query.where(Account.hidden.is_(False))
    return (await session.scalars(query.order_by(Account.item_id, Account.id))).all()


async def get_with_owner(session: AsyncSession, account_id: int) -> tuple[Account, int] | None:
    """An account and the id of its item's owner."""
    found = (
        await session.execute(
            select(Account, Item.user_id)
            .join(Item, Item.id == Account.item_id)
            .where(Account.id == account_id)
        )
    ).first()
    return None if found is None else (found[0], found[1])
