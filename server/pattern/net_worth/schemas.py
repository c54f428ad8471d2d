from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import ConfigDict, Field

from pattern.kit.schemas import ResponseBody


class NetWorthRead(ResponseBody):
    currency: str
    assets: Decimal
    liabilities: Decimal
    net_worth: Decimal


class SnapshotRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    snapshot_date: dt.date
    iso_currency_code: str
    assets: Decimal
    liabilities: Decimal
    net_worth: Decimal


class BalanceRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    recorded_at: dt.datetime
    current_balance: Decimal | None
    available_balance: Decimal | None
    iso_currency_code: str | None


class DayWorthRead(ResponseBody):
    """A day's net worth in one currency and what it was made of: cash, investments and
    assets (manual ones) held count for it, credit and loans (and manual debts) owed
    against it."""

    date: dt.date
    currency: str
    cash: Decimal
    investments: Decimal
    assets: Decimal
    credit: Decimal
    loans: Decimal
    net_worth: Decimal
    from_snapshot: bool = Field(description="the net worth of that day's snapshot")


class DayBalanceRead(ResponseBody):
    """An account's balance at the end of a day, as its card shows it: what a cash account
    held, what a card or loan owed."""

    date: dt.date
    balance: Decimal
    recorded: bool = Field(description="seen by a sync that day, not worked back")
