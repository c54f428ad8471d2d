"""The forecast's SQL: the person's cash accounts and their low-balance threshold."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import Row, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Account, Item, User
from pattern.models.accounts import shown_name
from pattern.net_worth.repository import currency_of

CASH = "depository"  # checking and savings: what bills are paid from


async def cash_accounts(
    session: AsyncSession, user_id: int
) -> Sequence[Row[int, str, str | None, Decimal | None, str]]:
    result = await session.execute(
        select(
            Account.id,
            shown_name(),
            Item.institution_name,
            Account.current_balance,
            currency_of(Account),
        )
        .join(Item, Item.id == Account.item_id)
        .where(Item.user_id == user_id, Account.type == CASH)
        .order_by(Item.institution_name, shown_name(), Account.id)
    )
    return result.all()


async def set_threshold(session: AsyncSession, user_id: int, threshold: Decimal) -> None:
    await session.execute(
        update(User).where(User.id == user_id).values(low_balance_threshold=threshold)
    )
