"""The recurring streams' SQL: the rows detection reads, the accounts it names, overrides."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import not_, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.upsert import insert_for
from pattern.models import Account, Item, RecurringOverride, Transaction
from pattern.recurring.detection import Row
from pattern.transfers.repository import is_transfer


async def posted_rows(session: AsyncSession, user_id: int, since: date) -> list[Row]:
    """The person's posted transactions since `since`, but hidden ones and transfers."""
    result = await session.execute(
        select(
            Transaction.plaid_transaction_id,
            Transaction.account_id,
            Transaction.date,
            Transaction.amount,
            Transaction.name,
            Transaction.merchant_name,
            Transaction.merchant_entity_id,
            Transaction.category,
            Transaction.subcategory,
        ).where(
            Transaction.user_id == user_id,
            Transaction.date >= since,
            Transaction.pending.is_(False),
            Transaction.hidden.is_(False),
            not_(is_transfer()),
        )
    )
    return [Row(*values) for values in result]


async def account_names(session: AsyncSession, user_id: int) -> dict[int, tuple[str, str | None]]:
    """Each of the person's accounts: its name and its bank's."""
    result = await session.execute(
        select(Account.id, Account.name, Item.institution_name)
        .join(Item, Item.id == Account.item_id)
        .where(Item.user_id == user_id)
    )
    return {account_id: (name, bank) for account_id, name, bank in result}


async def overrides(session: AsyncSession, user_id: int) -> dict[str, RecurringOverride]:
    found = await session.scalars(
        select(RecurringOverride).where(RecurringOverride.user_id == user_id)
    )
    return {o.stream_id: o for o in found}


async def save_override(
    session: AsyncSession,
    user_id: int,
    stream_id: str,
    *,
    not_recurring: bool,
    expected_amount: Decimal | None,
) -> None:
    values = {"not_recurring": not_recurring, "expected_amount": expected_amount}
    insert = insert_for(session, RecurringOverride).values(
        user_id=user_id, stream_id=stream_id, **values
    )
    await session.execute(
        insert.on_conflict_do_update(index_elements=["user_id", "stream_id"], set_=values)
    )
