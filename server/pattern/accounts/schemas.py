from __future__ import annotations

from decimal import Decimal

from pydantic import ConfigDict, Field, field_validator

from pattern.kit.schemas import MoneyIn, RequestBody, ResponseBody


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
    display_name: str | None = Field(description="the person's own name; `name` is Plaid's")
    hidden: bool = Field(description="left out of lists and pickers; its data is kept")
    excluded_from_net_worth: bool
    manual: bool = Field(description="kept by hand: no bank; its bank shows as Manual")


class AccountUpdate(RequestBody):
    """A person's settings for an account; a field left out is left as it is."""

    display_name: str | None = Field(
        default=None, max_length=255, description="empty or null: back to Plaid's name"
    )
    hidden: bool = False
    excluded_from_net_worth: bool = False
    current_balance: MoneyIn | None = Field(
        default=None, description="a manual account's balance today (409 for a bank's)"
    )

    @field_validator("current_balance")
    @classmethod
    def _a_balance(cls, value: Decimal | None) -> Decimal | None:
        if value is None:
            raise ValueError("cannot be null")
        return value

    @field_validator("display_name")
    @classmethod
    def _a_name_or_none(cls, value: str | None) -> str | None:
        return (value or "").strip() or None
