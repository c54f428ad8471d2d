from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Item


async def get_for_user(session: AsyncSession, item_id: int, user_id: int) -> Item | None:
    result = await session.scalars(select(Item).where(Item.id == item_id, Item.user_id == user_id))
    return result.first()


async def find_by_institution(
    session: AsyncSession, user_id: int, institution_id: str
) -> Item | None:
    result = await session.scalars(
        select(Item).where(Item.user_id == user_id, Item.plaid_institution_id == institution_id)
    )
    return result.first()


async def list_for_user(session: AsyncSession, user_id: int) -> Sequence[Item]:
    return (
        await session.scalars(select(Item).where(Item.user_id == user_id).order_by(Item.id))
    ).all()
