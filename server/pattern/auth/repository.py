from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import UserSession


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
