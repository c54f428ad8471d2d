"""Recurring bills, subscriptions and income: streams, their monthly totals, what is due.

The streams are detected from the stored transactions (pattern.recurring.detection) and
cached by the person's data version; what the person said of a stream (not recurring, an
expected amount) is applied on every read, so it shows at once.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.cache import UserCache
from pattern.kit.errors import NotFound
from pattern.models import RecurringOverride
from pattern.recurring import repository
from pattern.recurring.detection import FREQUENCIES, Stream, add_months, detect_streams, next_date
from pattern.recurring.schemas import Kind, OverrideWrite, RecurringRead, StreamRead, Upcoming

# Two payments a year apart make an annual stream: read a little over two years.
LOOKBACK_MONTHS = 25
UPCOMING_DAYS = 30
# Plaid's primary categories of bills; other regular payments are subscriptions.
BILL_CATEGORIES = frozenset(
    {"RENT_AND_UTILITIES", "LOAN_PAYMENTS", "GENERAL_SERVICES", "GOVERNMENT_AND_NON_PROFIT"}
)
PER_MONTH = {
    "WEEKLY": Decimal(52) / 12,
    "BIWEEKLY": Decimal(26) / 12,
    "SEMI_MONTHLY": Decimal(2),
    "MONTHLY": Decimal(1),
    "ANNUALLY": Decimal(1) / 12,
}
CENT = Decimal("0.01")


async def detected(
    session: AsyncSession, cache: UserCache, user_id: int, today: date
) -> list[Stream]:
    async def detect() -> list[Stream]:
        since = add_months(today, -LOOKBACK_MONTHS, day=1)
        return detect_streams(await repository.posted_rows(session, user_id, since), today)

    return await cache.get_or_compute(("recurring", today), detect)


async def read(session: AsyncSession, cache: UserCache, user_id: int, today: date) -> RecurringRead:
    streams = await detected(session, cache, user_id, today)
    accounts = await repository.account_names(session, user_id)
    said = await repository.overrides(session, user_id)
    shown = [_shown(s, accounts[s.account_id], said.get(s.stream_id)) for s in streams]
    shown.sort(key=lambda s: (s.not_recurring, not s.is_active))
    counted = [s for s in shown if s.is_active and not s.not_recurring]
    return RecurringRead(
        today=today,
        subscriptions_monthly=_monthly_total(counted, "subscription"),
        bills_monthly=_monthly_total(counted, "bill"),
        income_monthly=-_monthly_total(counted, "income"),
        streams=shown,
        upcoming=_upcoming(counted, today),
    )


async def override(
    session: AsyncSession,
    cache: UserCache,
    user_id: int,
    stream_id: str,
    said: OverrideWrite,
    today: date,
) -> None:
    """Keep what the person said of one of their streams."""
    if all(s.stream_id != stream_id for s in await detected(session, cache, user_id, today)):
        raise NotFound("No such recurring stream.")
    await repository.save_override(
        session,
        user_id,
        stream_id,
        not_recurring=said.not_recurring,
        expected_amount=said.expected_amount,
    )
    await session.commit()


def kind_of(stream: Stream) -> Kind:
    if stream.direction == "inflow":
        return "income"
    return "bill" if stream.category in BILL_CATEGORIES else "subscription"


def _shown(
    stream: Stream, account: tuple[str, str | None], said: RecurringOverride | None
) -> StreamRead:
    expected = stream.last_amount
    if said is not None and said.expected_amount is not None:
        # The person gives it positive; an inflow's amounts are negative, as Plaid's.
        expected = said.expected_amount if stream.direction == "outflow" else -said.expected_amount
    return StreamRead(
        stream_id=stream.stream_id,
        kind=kind_of(stream),
        account_id=stream.account_id,
        account_name=account[0],
        institution_name=account[1],
        direction="inflow" if stream.direction == "inflow" else "outflow",
        description=stream.description,
        merchant_name=stream.merchant_name,
        category=stream.category,
        subcategory=stream.subcategory,
        frequency=stream.frequency,
        first_date=stream.first_date,
        last_date=stream.last_date,
        predicted_next_date=stream.predicted_next_date,
        transaction_ids=stream.transaction_ids,
        average_amount=stream.average_amount,
        last_amount=stream.last_amount,
        expected_amount=expected,
        monthly_amount=(expected * PER_MONTH[stream.frequency]).quantize(CENT),
        is_active=stream.is_active,
        status=stream.status,
        not_recurring=said is not None and said.not_recurring,
        source="detected",
    )


def _monthly_total(streams: list[StreamRead], kind: Kind) -> Decimal:
    return sum((s.monthly_amount for s in streams if s.kind == kind), Decimal("0.00"))


def due_dates(stream: StreamRead, today: date, days: int) -> list[date]:
    """Each day a payment of the stream is due, from today through `days` later."""
    frequency = next(f for f in FREQUENCIES if f.name == stream.frequency)
    end = today + timedelta(days=days)
    dates = [stream.last_date, stream.predicted_next_date]
    while dates[-1] <= end:
        dates.append(next_date(frequency, dates))
    return [day for day in dates[1:-1] if day >= today]


def _upcoming(streams: list[StreamRead], today: date) -> list[Upcoming]:
    """Each payment due from today through the next 30 days."""
    due = [
        Upcoming(
            date=day,
            stream_id=stream.stream_id,
            description=stream.merchant_name or stream.description,
            kind=stream.kind,
            amount=stream.expected_amount,
        )
        for stream in streams
        for day in due_dates(stream, today, UPCOMING_DAYS)
    ]
    due.sort(key=lambda u: (u.date, u.description))
    return due
