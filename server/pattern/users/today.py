"""A person's "today": in their own time zone when they chose one (pattern.kit.clock)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit import clock
from pattern.users import repository


async def today_of(session: AsyncSession, user_id: int) -> date:
    """For work done without the person at hand: a sync pass, a background refresh."""
    return clock.today(await repository.time_zone(session, user_id))
