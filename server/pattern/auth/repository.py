from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import User, UserSession


async def end_sessions(
    session: AsyncSession, user_id: int, now: datetime, *, keep: str | None = None
) -> list[str]:
    """Revokes the user's live sessions (all but `keep`); returns the ids it ended."""
    live = (
        select(UserSession.id)
        .where(
            UserSession.user_id == user_id,
            UserSession.revoked_at.is_(None),
            UserSession.expires_at > now,
        )
        .order_by(UserSession.id)
    )
    if keep is not None:
        live = live.where(UserSession.id != keep)
    ended = list(await session.scalars(live))
    if ended:
        await session.execute(
            update(UserSession)
            .where(UserSession.id.in_(ended))
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
    return ended


async def session_with_user(
    session: AsyncSession, session_id: str, user_id: int
) -> tuple[User, UserSession] | None:
    """A session of `user_id` by its id, with its user, whatever its state."""
    result = await session.execute(
        select(User, UserSession)
        .join(UserSession, UserSession.user_id == User.id)
        .where(UserSession.id == session_id, User.id == user_id)
    )
    found = result.first()
    return None if found is None else (found[0], found[1])
