from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.upsert import insert_for
from pattern.models import Account, Item, Transaction

# The manual item's institution: not one of Plaid's ids (those begin "ins_"), and with the
# unique (user_id, plaid_institution_id) it makes the item one per person.
MANUAL_INSTITUTION = "manual"
MANUAL_BANK_NAME = "Manual"


async def manual_item_id(session: AsyncSession, user_id: int) -> int:
    """The person's manual item, made the first time; two racing requests make one."""
    made = insert_for(session, Item).values(
        user_id=user_id,
        plaid_access_token_encrypted="",  # no bank: no access token
        plaid_item_id=f"manual-{user_id}",
        plaid_institution_id=MANUAL_INSTITUTION,
        institution_name=MANUAL_BANK_NAME,
        status="good",
        manual=True,
    )
    await session.execute(
        made.on_conflict_do_nothing(index_elements=["user_id", "plaid_institution_id"])
    )
    found = await session.scalar(
        select(Item.id).where(Item.user_id == user_id, Item.manual.is_(True))
    )
    assert found is not None  # made above, or by the request that won the race
    return found


async def delete_account(session: AsyncSession, account_id: int) -> None:
    """The account, and its transactions and their parts with it (ON DELETE CASCADE)."""
    await session.execute(delete(Account).where(Account.id == account_id))


async def delete_transaction(session: AsyncSession, transaction_id: int) -> None:
    """The transaction, and its parts with it (ON DELETE CASCADE)."""
    await session.execute(delete(Transaction).where(Transaction.id == transaction_id))
