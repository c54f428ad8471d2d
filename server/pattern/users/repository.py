from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import User


async def get_by_username(session: AsyncSession, username: str) -> User | None:
    result = await session.scalars(
        select(User).where(func.lower(User.username) == username.lower())
    )
    return result.first()


async def any_user_exists(session: AsyncSession) -> bool:
    return bool(await session.scalar(select(exists().where(User.id.is_not(None)))))


async def list_all(session: AsyncSession) -> Sequence[User]:
    return (await session.scalars(select(User).order_by(User.id))).all()
