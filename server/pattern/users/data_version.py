"""users.data_version: bumped in the same database transaction as every change to a user's
transactions, account names or budget, so that figures cached under the old version (list
totals, insights, budget months; see pattern.kit.cache) are never served once the change
is visible.

Each caller also says which days of the person's transactions it changed (what was
counted, or where: a date, an amount, a category, hidden, a transfer pair), so that the
stored month totals recompute those months only (pattern.totals); `()` for none.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.totals.service import EVERY_DAY, Days, days_changed
from pattern.users import repository

__all__ = ["EVERY_DAY", "Days", "days_changed", "item_data_changed", "user_data_changed"]


async def user_data_changed(session: AsyncSession, user_id: int, *, days: Days) -> None:
    await repository.bump_data_version(session, user_id)
    await days_changed(session, user_id, days)


async def item_data_changed(session: AsyncSession, item_id: int, *, days: Days) -> None:
    user_id = await repository.bump_data_version_of_item_owner(session, item_id)
    if user_id is not None:
        await days_changed(session, user_id, days)
