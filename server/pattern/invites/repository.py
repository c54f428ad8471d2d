from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Invite, User

# The admin page lists this many of the newest invites.
LISTED = 100


async def add(session: AsyncSession, invite: Invite) -> Invite:
    session.add(invite)
    await session.flush()
    return invite


async def newest(session: AsyncSession) -> list[tuple[Invite, str | None]]:
    """The newest invites, each with the username of whoever used it."""
    result = await session.execute(
        select(Invite, User.username)
        .outerjoin(User, User.id == Invite.used_by)
        .order_by(Invite.id.desc())
        .limit(LISTED)
    )
    return [(row[0], row[1]) for row in result]


async def usable(session: AsyncSession, code_hash: str, now: datetime) -> Invite | None:
    return await session.scalar(
        select(Invite).where(
            Invite.code_hash == code_hash, Invite.used_at.is_(None), Invite.expires_at > now
        )
    )


async def claim(session: AsyncSession, code_hash: str, user_id: int, now: datetime) -> bool:
    """Marks the invite used by `user_id`, unless it was used (or expired) meanwhile: of
    two sign-ups racing with one invite, one claims it."""
    result = await session.execute(
        update(Invite)
        .where(Invite.code_hash == code_hash, Invite.used_at.is_(None), Invite.expires_at > now)
        .values(used_at=now, used_by=user_id)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def remove(session: AsyncSession, invite_id: int) -> bool:
    result = await session.execute(delete(Invite).where(Invite.id == invite_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]
