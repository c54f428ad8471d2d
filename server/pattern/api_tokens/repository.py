from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import ApiToken, User


async def add(session: AsyncSession, token: ApiToken) -> ApiToken:
    session.add(token)
    await session.flush()
    return token


async def count_of(session: AsyncSession, user_id: int) -> int:
    found = await session.scalar(
        select(func.count()).select_from(ApiToken).where(ApiToken.user_id == user_id)
    )
    return int(found or 0)


async def list_of(session: AsyncSession, user_id: int) -> Sequence[ApiToken]:
    return (
        await session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user_id)
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    ).all()


async def delete_own(session: AsyncSession, user_id: int, token_id: int) -> str | None:
    """Deletes the user's token and answers its name; None when they have no such token."""
    name: str | None = await session.scalar(
        delete(ApiToken)
        .where(ApiToken.id == token_id, ApiToken.user_id == user_id)
        .returning(ApiToken.name)
        .execution_options(synchronize_session=False)
    )
    return name


async def with_user(session: AsyncSession, token_hash: str) -> tuple[User, ApiToken] | None:
    """The token with this hash and its owner, whatever its state."""
    result = await session.execute(
        select(User, ApiToken)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == token_hash)
    )
    found = result.first()
    return None if found is None else (found[0], found[1])


async def note_use(session: AsyncSession, token_id: int, now: datetime, before: datetime) -> None:
    """Sets last_used_at to `now` unless it is already later than `before`."""
    await session.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token_id,
            or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < before),
        )
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    )
