from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete as sql_delete
from sqlalchemy import exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Installation, Item, User


async def get_by_username(session: AsyncSession, username: str) -> User | None:
    result = await session.scalars(
        select(User).where(func.lower(User.username) == username.lower())
    )
    return result.first()


async def time_zone(session: AsyncSession, user_id: int) -> str | None:
    """The person's own time zone (an IANA name), or None for the server's."""
    zone: str | None = await session.scalar(select(User.time_zone).where(User.id == user_id))
    return zone


async def currency(session: AsyncSession, user_id: int) -> str | None:
    """The currency the person chose to see money in, or None."""
    code: str | None = await session.scalar(select(User.currency).where(User.id == user_id))
    return code


async def list_all(session: AsyncSession) -> Sequence[User]:
    return (await session.scalars(select(User).order_by(User.id))).all()


async def is_set_up(session: AsyncSession) -> bool:
    """Whether the installation's first administrator exists (pattern.models.sign_up)."""
    return bool(await session.scalar(select(exists().where(Installation.id == 1))))


def claim_installation(session: AsyncSession, now: datetime) -> None:
    """Adds the installation's row: flushing it fails (IntegrityError) if another has it."""
    session.add(Installation(id=1, set_up_at=now))


async def other_admin_exists(session: AsyncSession, user_id: int) -> bool:
    """Whether an administrator other than `user_id` can still log in (is not disabled)."""
    others = exists().where(User.is_admin, User.id != user_id, User.disabled_at.is_(None))
    return bool(await session.scalar(select(others)))


async def set_password_hash(session: AsyncSession, user_id: int, password_hash: str) -> None:
    await session.execute(
        update(User)
        .where(User.id == user_id)
        .values(password_hash=password_hash)
        .execution_options(synchronize_session=False)
    )


async def delete(session: AsyncSession, user_id: int) -> None:
    """Removes a user; everything of theirs goes with them (ON DELETE CASCADE)."""
    await session.execute(sql_delete(User).where(User.id == user_id))


async def bump_data_version(session: AsyncSession, user_id: int) -> None:
    await session.execute(
        update(User)
        .where(User.id == user_id)
        .values(data_version=User.data_version + 1)
        .execution_options(synchronize_session=False)
    )


async def bump_data_version_of_item_owner(session: AsyncSession, item_id: int) -> int | None:
    """Returns the owner's id (None: no such item)."""
    owner = select(Item.user_id).where(Item.id == item_id).scalar_subquery()
    found: int | None = await session.scalar(
        update(User)
        .where(User.id == owner)
        .values(data_version=User.data_version + 1)
        .returning(User.id)
        .execution_options(synchronize_session=False)
    )
    return found
