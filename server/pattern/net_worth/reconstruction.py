"""Net worth on every day since the first transaction, by type of account (docs/adr/0024).

A day's balance is worked back from today's: Plaid's amounts are positive for money out of
an account, so a cash or investment account held, at the end of day D, today's balance plus
the amounts of its posted transactions dated after D; a credit card or a loan owed today's
balance minus them. Manual assets and debts count at today's value. A day with a real
snapshot takes the snapshot's net worth.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.db import Shown
from pattern.net_worth import repository
from pattern.net_worth.service import ZERO, money

# Account type -> (part of net worth, the sign of an amount's effect going back a day).
PARTS = {
    "depository": ("cash", 1),
    "investment": ("investments", 1),
    "brokerage": ("investments", 1),
    "credit": ("credit", -1),
    "loan": ("loans", -1),
}
ASSET_PARTS = ("cash", "investments", "assets")
DEBT_PARTS = ("credit", "loans")


@dataclass(frozen=True)
class DayWorth:
    day: date
    currency: str
    parts: dict[str, Decimal]
    net_worth: Decimal
    from_snapshot: bool


# (currency, part) -> a balance; (currency, part) -> day -> the change that day made.
Balances = dict[tuple[str, str], Decimal]
Changes = dict[tuple[str, str], dict[date, Decimal]]


async def daily_net_worth(
    session: AsyncSession, user_id: int, today: date, shown: Shown = None
) -> list[DayWorth]:
    """Every day from the first transaction (or snapshot) to today, oldest first; of the
    `shown` accounts alone when it says which (no assets, no snapshots: those are of all)."""
    balances, changes, first = await _balances_and_changes(session, user_id, today, shown)
    snapshots = {
        (row.snapshot_date, row.iso_currency_code): row.net_worth
        for row in (await repository.snapshots(session, user_id) if shown is None else [])
    }
    # The day before the first transaction: the balances it started from.
    start = min([first - timedelta(days=1), *(day for day, _ in snapshots)], default=today)
    currencies = sorted({currency for currency, _ in balances} | {c for _, c in snapshots})
    days: list[DayWorth] = []
    day = today
    while day >= start:
        days.extend(_worth(day, currency, balances, snapshots) for currency in currencies)
        for key, by_day in changes.items():
            balances[key] += by_day.get(day, ZERO)
        day -= timedelta(days=1)
    days.reverse()
    return days


async def _balances_and_changes(
    session: AsyncSession, user_id: int, today: date, shown: Shown
) -> tuple[Balances, Changes, date]:
    """Today's balance of each part per currency, each day's change going back, and the
    first day with a transaction (today when there is none)."""
    balances: Balances = defaultdict(lambda: ZERO)
    changes: Changes = defaultdict(lambda: defaultdict(lambda: ZERO))
    owner: dict[int, tuple[tuple[str, str], int]] = {}
    for account_id, currency, kind, balance in await repository.counted_accounts(
        session, user_id, types=tuple(PARTS), shown=shown
    ):
        part, sign = PARTS[kind]
        balances[(currency, part)] += money(balance)
        owner[account_id] = ((currency, part), sign)
    manual = await repository.manual_totals(session, user_id) if shown is None else []
    for currency, assets, debts in manual:
        balances[(currency, "assets")] += money(assets)
        balances[(currency, "loans")] += money(debts)
    first = today + timedelta(days=1)
    for account_id, day, amount in await repository.daily_sums(session, user_id, list(owner)):
        key, sign = owner[account_id]
        changes[key][day] += sign * money(amount)
        first = min(first, day)
    return balances, changes, first


def _worth(
    day: date, currency: str, balances: Balances, snapshots: dict[tuple[date, str], Decimal]
) -> DayWorth:
    parts = {part: balances.get((currency, part), ZERO) for part in (*ASSET_PARTS, *DEBT_PARTS)}
    worked_out = sum((parts[p] for p in ASSET_PARTS), ZERO) - sum(
        (parts[p] for p in DEBT_PARTS), ZERO
    )
    snapshot = snapshots.get((day, currency))
    return DayWorth(
        day=day,
        currency=currency,
        parts=parts,
        net_worth=worked_out if snapshot is None else money(snapshot),
        from_snapshot=snapshot is not None,
    )
