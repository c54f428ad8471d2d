from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Asset


async def list_for_user(session: AsyncSession, user_id: int) -> Sequence[Asset]:
    rows = await session.scalars(select(Asset).where(Asset.user_id == user_id).order_by(Asset.id))
    return rows.all()
