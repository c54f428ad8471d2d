from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import ConfigDict, Field, model_validator

from pattern.kit.schemas import RequestBody, ResponseBody


class TransactionRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    account_id: int
    item_id: int
    account_name: str
    plaid_transaction_id: str
    pending_transaction_id: str | None
    name: str
    merchant_name: str | None
    amount: Decimal
    iso_currency_code: str | None
    unofficial_currency_code: str | None
    date: dt.date
    authorized_date: dt.date | None
    pending: bool
    category: str | None
    subcategory: str | None
    plaid_category_id: str | None
    personal_finance_category: str | None
    personal_finance_detailed: str | None
    type: str | None
    original_name: str | None
    original_category: str | None
    original_subcategory: str | None
    manually_updated: bool
    hidden: bool


class TransactionUpdate(RequestBody):
    """A person's edit. Name, category, subcategory and date stay through later syncs."""

    name: str | None = Field(default=None, min_length=1, max_length=512)
    category: str | None = Field(default=None, max_length=255)
    subcategory: str | None = Field(default=None, max_length=255)
    date: dt.date | None = None
    hidden: bool | None = None

    @model_validator(mode="after")
    def _something_to_change(self) -> TransactionUpdate:
        if not self.model_fields_set:
            raise ValueError("give at least one of name, category, subcategory, date, hidden")
        for name in ("name", "date", "hidden"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class CategoryRead(ResponseBody):
    category: str
    subcategories: list[str]
