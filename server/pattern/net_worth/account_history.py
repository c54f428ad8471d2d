"""One account's balance on every day since its first transaction, worked back from today's
as net worth's history is (docs/adr/0024); a day's recorded balance preferred."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Account
from pattern.net_worth import repository
from pattern.net_worth.reconstruction import PARTS
from pattern.net_worth.service import ZERO, money


@dataclass(frozen=True)
class DayBalance:
    day: date
    balance: Decimal
    recorded: bool


async def daily_balances(session: AsyncSession, account: Account, today: date) -> list[DayBalance]:
    """Oldest first, ending `today`; nothing while the account's balance is not known."""
    if account.current_balance is None:
        return []
    # Money out lowers what an account holds and raises what a card or loan owes.
    sign = PARTS.get(account.type, ("", 1))[1]
    changes = {
        day: money(amount)
        for day, amount in await repository.account_daily_sums(session, account.id)
    }
    recorded = {
        row.recorded_at.date(): money(row.current_balance)
        for row in await repository.balance_history(session, account.id)
        if row.current_balance is not None
    }
    # From the day before the first transaction (the balance it started from), or the
    # first balance recorded.
    first = min([*changes, today + timedelta(days=1)]) - timedelta(days=1)
    start = min([first, *recorded])
    balance = money(account.current_balance)
    days: list[DayBalance] = []
    day = today
    while day >= start:
        seen = recorded.get(day)
        days.append(DayBalance(day, balance if seen is None else seen, seen is not None))
        balance += sign * changes.get(day, ZERO)
        day -= timedelta(days=1)
    days.reverse()
    return days
