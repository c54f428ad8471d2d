"""Recurring bills, subscriptions and income: streams, their monthly totals, what is due.

The streams are stored (table recurring_streams, pattern.recurring.store): a sync pass that
changes a person's rows stores them afresh, and a read that finds them older than the
person's data answers with them at once and has them refreshed in the background. What
depends on the day (whether a stream is still active, what is due) and what the person
said of a stream (not recurring, an expected amount) are applied on every read.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.errors import NotFound
from pattern.models import RecurringOverride, RecurringStream, User
from pattern.recurring import repository, store
from pattern.recurring.detection import FREQUENCIES, is_late, next_date
from pattern.recurring.schemas import Kind, OverrideWrite, RecurringRead, StreamRead, Upcoming

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


class Refresher(Protocol):
    """Refreshes a person's stored streams in the background (pattern.recurring.updates)."""

    def schedule(self, user_id: int) -> None: ...


async def current_streams(
    session: AsyncSession, user: User, refresher: Refresher, today: date
) -> list[RecurringStream]:
    """The person's stored streams. Never detected yet: found now, once. Older than their
    data: these still, while a refresh is scheduled (it tells them RECURRING_UPDATED)."""
    if user.recurring_version is None:
        await store.refresh(session, user.id, today)
    elif user.recurring_version < user.data_version:
        refresher.schedule(user.id)
    return list(await repository.stored_streams(session, user.id))


async def read(
    session: AsyncSession, user: User, refresher: Refresher, today: date
) -> RecurringRead:
    streams = await current_streams(session, user, refresher, today)
    accounts = await repository.account_names(session, user.id)
    said = await repository.overrides(session, user.id)
    shown = [
        _shown(s, accounts[s.account_id], said.get(s.stream_id), today)
        for s in streams
        if s.account_id in accounts
    ]
    shown.sort(key=lambda s: (s.not_recurring, not s.is_active, -s.last_date.toordinal()))
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
    user: User,
    refresher: Refresher,
    stream_id: str,
    said: OverrideWrite,
    today: date,
) -> None:
    """Keep what the person said of one of their streams."""
    streams = await current_streams(session, user, refresher, today)
    if all(s.stream_id != stream_id for s in streams):
        raise NotFound("No such recurring stream.")
    await repository.save_override(
        session,
        user.id,
        stream_id,
        not_recurring=said.not_recurring,
        expected_amount=said.expected_amount,
    )
    await session.commit()


def kind_of(direction: str, category: str | None) -> Kind:
    if direction == "inflow":
        return "income"
    return "bill" if category in BILL_CATEGORIES else "subscription"


def _shown(
    stream: RecurringStream,
    account: tuple[str, str | None],
    said: RecurringOverride | None,
    today: date,
) -> StreamRead:
    expected = stream.last_amount
    if said is not None and said.expected_amount is not None:
        # The person gives it positive; an inflow's amounts are negative, as Plaid's.
        expected = said.expected_amount if stream.direction == "outflow" else -said.expected_amount
    late = is_late(stream.frequency, stream.predicted_next_date, today)
    return StreamRead(
        stream_id=stream.stream_id,
        kind=kind_of(stream.direction, stream.category),
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
        transaction_ids=json.loads(stream.transaction_ids),
        average_amount=stream.average_amount,
        last_amount=stream.last_amount,
        expected_amount=expected,
        monthly_amount=(expected * PER_MONTH[stream.frequency]).quantize(CENT),
        is_active=not late and stream.status != "TOMBSTONED",
        status="TOMBSTONED" if late else stream.status,
        not_recurring=said is not None and said.not_recurring,
        source="plaid" if stream.source == "plaid" else "detected",
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
