from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Account, Item


async def accounts_of_item(session: AsyncSession, item_id: int) -> Sequence[Account]:
    return (
        await session.scalars(
            select(Account).where(Account.item_id == item_id).order_by(Account.id)
        )
    ).all()


async def accounts_of_user(session: AsyncSession, user_id: int) -> Sequence[Account]:
    return (
        await session.scalars(
            select(Account)
            .join(Item, Item.id == Account.item_id)
            .where(Item.user_id == user_id)
            .order_by(Account.item_id, Account.id)
        )
    ).all()
