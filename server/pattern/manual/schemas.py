"""What a person sends to keep an account and its transactions by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator

from pattern.kit import clock
from pattern.kit.schemas import MoneyIn, RequestBody
from pattern.models.transactions import MAX_TAGS
from pattern.transactions.schemas import EARLIEST_DATE, Tag
from pattern.users.currencies import ISO_4217

# Plaid's account types, so a manual account is grouped, counted and charted as a bank's.
ManualType = Literal["depository", "credit", "loan", "investment", "other"]


def _trimmed(value: str | None) -> str | None:
    return (value or "").strip() or None


class ManualAccountCreate(RequestBody):
    """A manual account: its balance today, which its transactions then move."""

    name: str = Field(min_length=1, max_length=255)
    type: ManualType = Field(description="depository (cash, checking...), credit, loan...")
    subtype: str | None = Field(default=None, max_length=64, description="e.g. cash, savings")
    iso_currency_code: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    current_balance: MoneyIn = Field(
        default=Decimal("0.00"), description="held (or owed, for credit and loan) today"
    )

    @field_validator("name")
    @classmethod
    def _a_name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("cannot be empty")
        return value.strip()

    _subtype = field_validator("subtype")(_trimmed)

    @field_validator("iso_currency_code")
    @classmethod
    def _a_currency(cls, value: str) -> str:
        if value not in ISO_4217:
            raise ValueError(f"{value} is not a currency (ISO 4217)")
        return value


class ManualTransactionCreate(RequestBody):
    """A transaction typed by the person, in Plaid's sign: positive is money out."""

    date: dt.date
    name: str = Field(min_length=1, max_length=512)
    amount: MoneyIn = Field(description="positive: money out (spent); negative: money in")
    category: str | None = Field(default=None, max_length=255)
    subcategory: str | None = Field(default=None, max_length=255)
    note: str | None = Field(default=None, max_length=2000)
    tags: list[Tag] = Field(default_factory=list, max_length=MAX_TAGS)

    @field_validator("name")
    @classmethod
    def _a_name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("cannot be empty")
        return value.strip()

    _texts = field_validator("category", "subcategory", "note")(_trimmed)

    @field_validator("date")
    @classmethod
    def _a_plausible_date(cls, value: dt.date) -> dt.date:
        """As for an edit: not before 1900, nor more than a year ahead."""
        latest = clock.today() + dt.timedelta(days=366)
        if not EARLIEST_DATE <= value <= latest:
            raise ValueError(f"must be from {EARLIEST_DATE} to {latest}")
        return value
