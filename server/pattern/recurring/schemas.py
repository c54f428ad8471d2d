from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field

from pattern.kit.schemas import RequestBody, ResponseBody

Kind = Literal["subscription", "bill", "income"]


class StreamRead(ResponseBody):
    """A recurring stream, in the shape of Plaid's (amounts signed as Plaid's: an inflow's
    are negative), with what the person said of it."""

    stream_id: str
    kind: Kind
    account_id: int
    account_name: str
    institution_name: str | None
    direction: Literal["inflow", "outflow"]
    description: str
    merchant_name: str | None
    category: str | None
    subcategory: str | None
    frequency: str
    first_date: date
    last_date: date
    predicted_next_date: date
    transaction_ids: list[str]
    average_amount: Decimal
    last_amount: Decimal
    expected_amount: Decimal  # the person's, else the last amount
    monthly_amount: Decimal  # the expected amount as a month's share (weekly: x 52 / 12)
    is_active: bool
    status: str
    not_recurring: bool
    source: Literal["plaid", "detected"]  # Plaid's /transactions/recurring/get, or ours


class Upcoming(ResponseBody):
    date: date
    stream_id: str
    description: str
    kind: Kind
    amount: Decimal


class RecurringRead(ResponseBody):
    today: date
    subscriptions_monthly: Decimal  # the active subscriptions' monthly total
    bills_monthly: Decimal
    income_monthly: Decimal  # positive: money coming in
    streams: list[StreamRead]  # active first, then ended; not-recurring ones last
    upcoming: list[Upcoming]  # due in the next 30 days, soonest first


class OverrideWrite(RequestBody):
    not_recurring: bool = False
    expected_amount: Decimal | None = Field(
        default=None,
        gt=0,
        max_digits=14,
        decimal_places=2,
        description="what the person expects to pay (or be paid) each time, positive",
    )
