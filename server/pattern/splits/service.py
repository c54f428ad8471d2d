"""Splitting a transaction into parts, and making it whole again."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.errors import Unprocessable
from pattern.models import Transaction
from pattern.models.transactions import tags_text
from pattern.splits import repository
from pattern.splits.parts import rescaled
from pattern.splits.schemas import SplitUpdate
from pattern.users.data_version import user_data_changed


async def split(session: AsyncSession, transaction: Transaction, update: SplitUpdate) -> None:
    """Gives the transaction `update`'s parts, which must sum to its amount."""
    total = sum((part.amount for part in update.parts), Decimal(0))
    if total != transaction.amount:
        raise Unprocessable(
            f"The parts add up to {total:.2f}, not to the transaction's {transaction.amount:.2f}.",
            field="parts",
        )
    parts = [
        {
            "position": position,
            "amount": part.amount,
            "category": part.category,
            "subcategory": part.subcategory,
            "note": part.note,
            "tags": tags_text(part.tags),
        }
        for position, part in enumerate(update.parts)
    ]
    await repository.replace(session, transaction.id, transaction.user_id, parts)
    await user_data_changed(session, transaction.user_id, days={transaction.date})


async def unsplit(session: AsyncSession, transaction: Transaction) -> None:
    """The transaction whole again, counted as one (as it is already, if it had no parts)."""
    if await repository.remove(session, transaction.id):
        await user_data_changed(session, transaction.user_id, days={transaction.date})


async def keep_whole(session: AsyncSession, user_id: int, plaid_ids: Collection[str]) -> None:
    """Makes the parts of the user's transactions Plaid knows by `plaid_ids` sum to their
    amounts again where Plaid changed an amount (see parts.rescaled)."""
    changed: dict[int, Decimal] = {}
    for whole, parts in (await repository.amounts_to_share(session, user_id, plaid_ids)).values():
        shared = rescaled([amount for _, amount in parts], whole)
        changed.update(
            (part_id, new) for (part_id, old), new in zip(parts, shared, strict=True) if new != old
        )
    await repository.set_amounts(session, changed)
