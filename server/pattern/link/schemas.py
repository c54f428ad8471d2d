from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from pattern.kit.schemas import RequestBody, ResponseBody, RowId


class LinkTokenCreate(RequestBody):
    item_id: RowId | None = Field(
        default=None, description="One of your items: Link in update mode, to fix its login"
    )
    add_accounts: bool = Field(
        default=False,
        description="With item_id: let the person choose accounts to add (Plaid's update "
        "mode with account selection), e.g. after NEW_ACCOUNTS_AVAILABLE",
    )

    @model_validator(mode="after")
    def _accounts_of_an_item(self) -> LinkTokenCreate:
        if self.add_accounts and self.item_id is None:
            raise ValueError("add_accounts needs the item_id of the bank to add accounts to")
        return self


class LinkTokenRead(ResponseBody):
    link_token: str
    expiration: str | None = None


class LinkEventCreate(RequestBody):
    type: Literal["success", "exit"]
    link_session_id: str | None = Field(default=None, max_length=255)
    request_id: str | None = Field(default=None, max_length=255)
    error_type: str | None = Field(default=None, max_length=64)
    error_code: str | None = Field(default=None, max_length=64)
    status: str | None = Field(default=None, max_length=64)
