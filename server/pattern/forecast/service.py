"""The 30-day forecast: each cash account's expected balance day by day, from its current
balance and the recurring streams paid from (or into) it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.forecast import repository
from pattern.forecast.schemas import AccountForecast, Day, Due, ForecastRead
from pattern.models import User
from pattern.recurring import service as recurring
from pattern.recurring.schemas import StreamRead

DAYS = 30


async def forecast(
    session: AsyncSession, refresher: recurring.Refresher, user: User, today: date
) -> ForecastRead:
    streams = (await recurring.read(session, user, refresher, today)).streams
    counted = [s for s in streams if s.is_active and not s.not_recurring]
    threshold = user.low_balance_threshold
    accounts = [
        _account(account_id, name, bank, balance or Decimal(0), currency, counted, today, threshold)
        for account_id, name, bank, balance, currency in await repository.cash_accounts(
            session, user.id
        )
    ]
    return ForecastRead(
        today=today,
        threshold=threshold,
        warning=any(a.below_threshold for a in accounts),
        accounts=accounts,
    )


def _account(
    account_id: int,
    name: str,
    bank: str | None,
    balance: Decimal,
    currency: str,
    streams: list[StreamRead],
    today: date,
    threshold: Decimal,
) -> AccountForecast:
    due_on: dict[date, list[Due]] = {}
    for stream in streams:
        if stream.account_id == account_id:
            for day in recurring.due_dates(stream, today, DAYS):
                label = stream.merchant_name or stream.description
                due_on.setdefault(day, []).append(
                    Due(description=label, amount=stream.expected_amount)
                )
    days, running = [], balance
    for offset in range(DAYS + 1):
        day = today + timedelta(days=offset)
        due = due_on.get(day, [])
        running -= sum((d.amount for d in due), Decimal(0))
        days.append(Day(date=day, balance=running, due=due))
    lowest = min(days, key=lambda d: (d.balance, d.date))
    return AccountForecast(
        account_id=account_id,
        account_name=name,
        institution_name=bank,
        currency=currency,
        current_balance=balance,
        lowest_balance=lowest.balance,
        lowest_date=lowest.date,
        below_threshold=lowest.balance < threshold,
        days=days,
    )
