"""users.data_version: bumped in the same database transaction as every change to a user's
transactions or account names, so that figures cached under the old version (list totals,
insights; see pattern.kit.cache) are never served once the change is visible."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Item, User


async def user_data_changed(session: AsyncSession, user_id: int) -> None:
    await session.execute(
        update(User)
        .where(User.id == user_id)
        .values(data_version=User.data_version + 1)
        .execution_options(synchronize_session=False)
    )


async def item_data_changed(session: AsyncSession, item_id: int) -> None:
    owner = select(Item.user_id).where(Item.id == item_id).scalar_subquery()
    await session.execute(
        update(User)
        .where(User.id == owner)
        .values(data_version=User.data_version + 1)
        .execution_options(synchronize_session=False)
    )
