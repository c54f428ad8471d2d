"""A person's settings for their accounts: their own name for one, hidden, out of net worth."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.accounts.schemas import AccountUpdate
from pattern.kit.errors import Conflict
from pattern.models import Account
from pattern.net_worth.service import record_today
from pattern.users.data_version import user_data_changed

BANK_BALANCE = "This account's balance comes from its bank through Plaid."


async def update_account(
    session: AsyncSession, account: Account, owner_id: int, body: AccountUpdate
) -> Account:
    """Apply the fields sent; today's net-worth snapshot follows an exclusion's change, and
    a manual account's new balance (a bank's balance is the bank's)."""
    changes = body.model_dump(exclude_unset=True)
    if "current_balance" in changes and not account.manual:
        raise Conflict(BANK_BALANCE, code="bank_account")
    for name, value in changes.items():
        setattr(account, name, value)
    await session.flush()
    if changes.keys() & {"excluded_from_net_worth", "current_balance"}:
        await record_today(session, owner_id)
    if "current_balance" in changes:
        await user_data_changed(session, owner_id, days=())
    return account
