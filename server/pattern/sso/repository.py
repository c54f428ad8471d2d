from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import SsoIdentity, User


async def user_of_subject(
    session: AsyncSession, issuer: str, subject: str
) -> tuple[User, SsoIdentity] | None:
    """The account an issuer's subject logged in to before, with its identity row."""
    found = (
        await session.execute(
            select(User, SsoIdentity)
            .join(SsoIdentity, SsoIdentity.user_id == User.id)
            .where(SsoIdentity.issuer == issuer, SsoIdentity.subject == subject)
        )
    ).first()
    return None if found is None else (found[0], found[1])


async def has_identity(session: AsyncSession, user_id: int, issuer: str) -> bool:
    """Whether the account already follows another subject of this issuer."""
    found = await session.scalar(
        select(SsoIdentity.id).where(SsoIdentity.user_id == user_id, SsoIdentity.issuer == issuer)
    )
    return found is not None


def add_identity(
    session: AsyncSession, user_id: int, issuer: str, subject: str, now: datetime
) -> None:
    session.add(
        SsoIdentity(
            user_id=user_id, issuer=issuer, subject=subject, created_at=now, last_login_at=now
        )
    )
