"""Net worth: account balances and manual assets, kept as one snapshot per user and day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.db_upsert import insert_for
from pattern.models import Account, Asset, Item, NetWorthSnapshot
from pattern.models.base import utcnow

ASSET_TYPES = ("depository", "investment", "brokerage", "other")
LIABILITY_TYPES = ("credit", "loan")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class NetWorth:
    assets: Decimal
    liabilities: Decimal

    @property
    def net_worth(self) -> Decimal:
        return self.assets - self.liabilities


async def current_net_worth(session: AsyncSession, user_id: int) -> NetWorth:
    balance = func.coalesce(Account.current_balance, 0)
    accounts = (
        await session.execute(
            select(
                func.sum(case((Account.type.in_(ASSET_TYPES), balance), else_=0)),
                func.sum(case((Account.type.in_(LIABILITY_TYPES), balance), else_=0)),
            )
            .join(Item, Item.id == Account.item_id)
            .where(Item.user_id == user_id, Account.closed.is_(False))
        )
    ).one()
    manual = (
        await session.execute(
            select(
                func.sum(case((Asset.value > 0, Asset.value), else_=0)),
                func.sum(case((Asset.value < 0, -Asset.value), else_=0)),
            ).where(Asset.user_id == user_id)
        )
    ).one()
    return NetWorth(
        assets=_money(accounts[0]) + _money(manual[0]),
        liabilities=_money(accounts[1]) + _money(manual[1]),
    )


async def record_today(session: AsyncSession, user_id: int) -> NetWorth:
    """Write (or rewrite) today's snapshot from the current balances."""
    worth = await current_net_worth(session, user_id)
    now = utcnow()
    statement = insert_for(session, NetWorthSnapshot).values(
        user_id=user_id,
        snapshot_date=date.today(),
        assets=worth.assets,
        liabilities=worth.liabilities,
        net_worth=worth.net_worth,
        created_at=now,
        updated_at=now,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "snapshot_date"],
            set_={
                "assets": statement.excluded.assets,
                "liabilities": statement.excluded.liabilities,
                "net_worth": statement.excluded.net_worth,
                "updated_at": statement.excluded.updated_at,
            },
        )
    )
    return worth


def _money(value: object) -> Decimal:
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(ZERO)
