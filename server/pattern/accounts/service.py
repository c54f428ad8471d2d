"""A person's settings for their accounts: their own name for one, hidden, out of net worth."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.accounts.schemas import AccountUpdate
from pattern.models import Account
from pattern.net_worth.service import record_today


async def update_account(
    session: AsyncSession, account: Account, owner_id: int, body: AccountUpdate
) -> Account:
    """Apply the fields sent; today's net-worth snapshot follows an exclusion's change."""
    changes = body.model_dump(exclude_unset=True)
    for name, value in changes.items():
        setattr(account, name, value)
    await session.flush()
    if "excluded_from_net_worth" in changes:
        await record_today(session, owner_id)
    return account
