"""The recurring streams' SQL: the rows detection reads, the accounts it names, the stored
streams and what the person said of them."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import delete, insert, not_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.upsert import insert_for
from pattern.models import Account, Item, RecurringOverride, RecurringStream, Transaction, User
from pattern.models.accounts import shown_name
from pattern.recurring.detection import Row
from pattern.transfers.repository import is_transfer


async def posted_rows(session: AsyncSession, user_id: int, since: date) -> list[Row]:
    """The person's posted transactions since `since`, but hidden ones, transfers, and
    those of items whose streams Plaid gives."""
    from_plaid = (
        select(Account.id)
        .join(Item, Item.id == Account.item_id)
        .where(Item.user_id == user_id, Item.recurring_from_plaid.is_(True))
    )
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
            Transaction.original_name,
        ).where(
            Transaction.user_id == user_id,
            Transaction.date >= since,
            Transaction.pending.is_(False),
            Transaction.hidden.is_(False),
            not_(is_transfer()),
            Transaction.account_id.not_in(from_plaid),
        )
    )
    return [Row(*cast(tuple[Any, ...], values)) for values in result]


async def plaid_item(session: AsyncSession, item_id: int) -> Item | None:
    """The item, if a bank stands behind it (the manual item has no streams at Plaid)."""
    item = await session.get(Item, item_id)
    return None if item is None or item.manual else item


async def item_accounts(session: AsyncSession, item_id: int) -> dict[str, int]:
    """The item's accounts, by Plaid's account id."""
    result = await session.execute(
        select(Account.plaid_account_id, Account.id).where(Account.item_id == item_id)
    )
    return {plaid_id: account_id for plaid_id, account_id in result.all()}  # noqa: C416


async def transfer_ids(session: AsyncSession, plaid_ids: Collection[str]) -> set[str]:
    """Those of the transactions that are transfers between the person's own accounts."""
    if not plaid_ids:
        return set()
    found = await session.scalars(
        select(Transaction.plaid_transaction_id).where(
            Transaction.plaid_transaction_id.in_(list(plaid_ids)), is_transfer()
        )
    )
    return set(found)


async def set_item_recurring(
    session: AsyncSession, item_id: int, from_plaid: bool, checked_at: datetime
) -> None:
    await session.execute(
        update(Item)
        .where(Item.id == item_id)
        .values(recurring_from_plaid=from_plaid, recurring_checked_at=checked_at)
    )


async def data_version(session: AsyncSession, user_id: int) -> int:
    """The person's data version now (read before the rows it stamps)."""
    found = await session.scalar(select(User.data_version).where(User.id == user_id))
    return int(found or 0)


async def locked_recurring_version(session: AsyncSession, user_id: int) -> int | None:
    """The version the stored streams were detected from, the person's row locked until
    the transaction ends: two refreshes of one person store one after the other."""
    result = await session.execute(
        select(User.recurring_version).where(User.id == user_id).with_for_update()
    )
    return result.scalar_one_or_none()


async def stored_streams(session: AsyncSession, user_id: int) -> Sequence[RecurringStream]:
    found = await session.scalars(select(RecurringStream).where(RecurringStream.user_id == user_id))
    return found.all()


async def replace_streams(
    session: AsyncSession,
    user_id: int,
    source: str,
    streams: list[dict[str, Any]],
    *,
    account_ids: Collection[int] | None = None,
) -> None:
    """The person's streams of `source` (on `account_ids` only, when given) become
    `streams`."""
    gone = delete(RecurringStream).where(
        RecurringStream.user_id == user_id, RecurringStream.source == source
    )
    if account_ids is not None:
        gone = gone.where(RecurringStream.account_id.in_(list(account_ids)))
    await session.execute(gone)
    if streams:
        await session.execute(
            insert(RecurringStream), [{"user_id": user_id, "source": source, **s} for s in streams]
        )


async def set_recurring_version(session: AsyncSession, user_id: int, version: int) -> None:
    await session.execute(update(User).where(User.id == user_id).values(recurring_version=version))


async def account_names(session: AsyncSession, user_id: int) -> dict[int, tuple[str, str | None]]:
    """Each of the person's accounts: its name and its bank's."""
    result = await session.execute(
        select(Account.id, shown_name(), Item.institution_name)
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
