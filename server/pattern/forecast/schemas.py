from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from pattern.kit.schemas import RequestBody, ResponseBody


class Due(ResponseBody):
    description: str
    amount: Decimal  # Plaid's sign: positive is money out


class Day(ResponseBody):
    date: date
    balance: Decimal  # at the end of the day
    due: list[Due]


class AccountForecast(ResponseBody):
    account_id: int
    account_name: str
    institution_name: str | None
    currency: str
    current_balance: Decimal
    lowest_balance: Decimal
    lowest_date: date
    below_threshold: bool  # the balance would go below the person's threshold
    days: list[Day]  # today and the next 30 days


class ForecastRead(ResponseBody):
    today: date
    threshold: Decimal
    warning: bool  # some account would go below the threshold
    accounts: list[AccountForecast]


class ForecastSettingsWrite(RequestBody):
    threshold: Decimal = Field(
        ge=-(10**12),
        le=10**12,
        max_digits=14,
        decimal_places=2,
        description="warn when a cash account's expected balance would go below this",
    )
