"""Net worth per currency: account balances and manual assets, one snapshot per day.

Assets are depository and investment balances and positive manual assets; liabilities are
credit and loan balances and negative manual assets. Daily snapshots are kept for 30 days,
and before that only the last one of each month, as Plaid's Pattern fork keeps them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.db import Shown
from pattern.models.base import utcnow
from pattern.net_worth import repository
from pattern.users.today import today_of

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


async def current_net_worth(
    session: AsyncSession, user_id: int, shown: Shown = None
) -> list[NetWorth]:
    """Net worth now, one entry per currency (accounts with no balance count as zero); of
    the `shown` accounts alone when it says which (a share holds no assets)."""
    totals: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    accounts = await repository.account_totals(
        session, user_id, assets=ASSET_TYPES, liabilities=LIABILITY_TYPES, shown=shown
    )
    manual = await repository.manual_totals(session, user_id) if shown is None else []
    for code, assets, liabilities in [*accounts, *manual]:
        totals[code][0] += money(assets)
        totals[code][1] += money(liabilities)
    return [
        NetWorth(currency=code, assets=values[0], liabilities=values[1])
        for code, values in sorted(totals.items())
    ]


async def record_today(session: AsyncSession, user_id: int) -> list[NetWorth]:
    """Write (or rewrite) today's snapshots, and thin out the old daily ones."""
    worths = await current_net_worth(session, user_id)
    today = await today_of(session, user_id)
    now = utcnow()
    for worth in worths:
        await repository.save_snapshot(
            session,
            user_id,
            today,
            worth.currency,
            assets=worth.assets,
            liabilities=worth.liabilities,
            net_worth=worth.net_worth,
            now=now,
        )
    # Before the last 30 days only each month's last snapshot is kept (per currency).
    await repository.keep_month_ends(session, user_id, before=today - timedelta(days=DAILY_DAYS))
    return worths


def money(value: object) -> Decimal:
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(ZERO)
