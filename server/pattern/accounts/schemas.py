from __future__ import annotations

from decimal import Decimal

from pydantic import ConfigDict

from pattern.kit.schemas import ResponseBody


class AccountRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    item_id: int
    plaid_account_id: str
    name: str
    mask: str | None
    official_name: str | None
    current_balance: Decimal | None
    available_balance: Decimal | None
    credit_limit: Decimal | None
    iso_currency_code: str | None
    unofficial_currency_code: str | None
    type: str
    subtype: str | None
