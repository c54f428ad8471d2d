"""users.data_version: bumped in the same database transaction as every change to a user's
transactions, account names or budget, so that figures cached under the old version (list
totals, insights, budget months; see pattern.kit.cache) are never served once the change
is visible."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.users import repository


async def user_data_changed(session: AsyncSession, user_id: int) -> None:
    await repository.bump_data_version(session, user_id)


async def item_data_changed(session: AsyncSession, item_id: int) -> None:
    await repository.bump_data_version_of_item_owner(session, item_id)
