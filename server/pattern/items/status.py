"""An item's status: "good", or "bad" with the error that needs the person (a new login).

The person sets it (PUT /api/items/{id}), Plaid's webhooks set it, and so does a sync that
Plaid answers ITEM_LOGIN_REQUIRED; all of them through here. A failure that passes by
itself (the bank is down) is not a status: the item's sync request keeps it
(pattern.items.repository.sync_errors).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.items import repository
from pattern.models import Item


async def set_status(
    session: AsyncSession, item: Item, status: str, error_code: str | None = None
) -> Item:
    """Good clears the error; bad records `error_code` when there is one."""
    item.status = status
    if status == "good":
        item.error_code = None
    elif error_code is not None:
        item.error_code = error_code
    await session.flush()
    return item


async def mark_item_status(
    sessionmaker: async_sessionmaker[AsyncSession],
    item_id: int,
    status: str,
    error_code: str | None,
) -> None:
    """set_status in a database transaction of its own (for the sync and the webhooks)."""
    async with sessionmaker() as session, session.begin():
        item = await repository.get(session, item_id)
        if item is not None:
            await set_status(session, item, status, error_code)


async def mark_new_accounts(
    sessionmaker: async_sessionmaker[AsyncSession], item_id: int, available: bool
) -> None:
    """Whether the bank has accounts the person can add, in a transaction of its own."""
    async with sessionmaker() as session, session.begin():
        await repository.set_new_accounts_available(session, item_id, available)
