from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import ConfigDict

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
