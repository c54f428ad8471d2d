"""Net worth per currency: account balances and manual assets, one snapshot per day.

Assets are depository and investment balances and positive manual assets; liabilities are
credit and loan balances and negative manual assets. Daily snapshots are kept for 30 days,
and before that only the last one of each month, as Plaid's Pattern fork keeps them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, and_, case, delete, extract, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit import clock
from pattern.kit.upsert import insert_for
from pattern.models import Account, Asset, Item, NetWorthSnapshot, Transaction
from pattern.models.base import utcnow

ASSET_TYPES = ("depository", "investment", "brokerage")
LIABILITY_TYPES = ("credit", "loan")
DAILY_DAYS = 30
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class NetWorth:
    currency: str
    assets: Decimal
    liabilities: Decimal

    @property
    def net_worth(self) -> Decimal:
        return self.assets - self.liabilities


def currency_of(table: type[Account] | type[Transaction]) -> ColumnElement[str]:
    """An account's or a transaction's currency: its ISO code, else the unofficial one,
    else USD (how net worth and insights both count money without a code)."""
    return func.coalesce(table.iso_currency_code, table.unofficial_currency_code, "USD")


async def current_net_worth(session: AsyncSession, user_id: int) -> list[NetWorth]:
    """Net worth now, one entry per currency (accounts with no balance count as zero)."""
    totals: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    currency = currency_of(Account)
    balance = func.coalesce(Account.current_balance, 0)
    accounts = await session.execute(
        select(
            currency,
            func.sum(case((Account.type.in_(ASSET_TYPES), balance), else_=0)),
            func.sum(case((Account.type.in_(LIABILITY_TYPES), balance), else_=0)),
        )
        .join(Item, Item.id == Account.item_id)
        .where(Item.user_id == user_id, Account.closed.is_(False))
        .group_by(currency)
    )
    manual = await session.execute(
        select(
            Asset.iso_currency_code,
            func.sum(case((Asset.value > 0, Asset.value), else_=0)),
            func.sum(case((Asset.value < 0, -Asset.value), else_=0)),
        )
        .where(Asset.user_id == user_id)
        .group_by(Asset.iso_currency_code)
    )
    for code, assets, liabilities in [*accounts, *manual]:
        totals[code][0] += _money(assets)
        totals[code][1] += _money(liabilities)
    return [
        NetWorth(currency=code, assets=values[0], liabilities=values[1])
        for code, values in sorted(totals.items())
    ]


async def record_today(session: AsyncSession, user_id: int) -> list[NetWorth]:
    """Write (or rewrite) today's snapshots, and thin out the old daily ones."""
    worths = await current_net_worth(session, user_id)
    today = clock.today()
    now = utcnow()
    for worth in worths:
        statement = insert_for(session, NetWorthSnapshot).values(
            user_id=user_id,
            snapshot_date=today,
            iso_currency_code=worth.currency,
            assets=worth.assets,
            liabilities=worth.liabilities,
            net_worth=worth.net_worth,
            created_at=now,
            updated_at=now,
        )
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id", "snapshot_date", "iso_currency_code"],
                set_={
                    "assets": statement.excluded.assets,
                    "liabilities": statement.excluded.liabilities,
                    "net_worth": statement.excluded.net_worth,
                    "updated_at": statement.excluded.updated_at,
                },
            )
        )
    await _thin_out(session, user_id, today)
    return worths


async def _thin_out(session: AsyncSession, user_id: int, today: date) -> None:
    """Before the last 30 days keep only each month's last snapshot (per currency)."""
    horizon = today - timedelta(days=DAILY_DAYS)
    snapshot = NetWorthSnapshot
    month_ends = (
        select(func.max(snapshot.snapshot_date))
        .where(snapshot.user_id == user_id, snapshot.snapshot_date < horizon)
        .group_by(
            snapshot.iso_currency_code,
            extract("year", snapshot.snapshot_date),
            extract("month", snapshot.snapshot_date),
        )
    )
    await session.execute(
        delete(snapshot).where(
            and_(
                snapshot.user_id == user_id,
                snapshot.snapshot_date < horizon,
                snapshot.snapshot_date.not_in(month_ends.scalar_subquery()),
            )
        )
    )


async def history(session: AsyncSession, user_id: int) -> Sequence[NetWorthSnapshot]:
    rows = await session.scalars(
        select(NetWorthSnapshot)
        .where(NetWorthSnapshot.user_id == user_id)
        .order_by(NetWorthSnapshot.snapshot_date, NetWorthSnapshot.iso_currency_code)
    )
    return rows.all()


def _money(value: object) -> Decimal:
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(ZERO)
