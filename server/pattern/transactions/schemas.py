from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class TransactionRead(BaseModel):
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
