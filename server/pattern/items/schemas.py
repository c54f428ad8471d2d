from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field

from pattern.kit.schemas import RequestBody, ResponseBody, RowId


class ItemCreate(RequestBody):
    public_token: str = Field(min_length=1, max_length=512)
    institution_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        description="Link's institution: only a hint, Plaid's answer for the item decides",
    )
    institution_name: str | None = Field(
        default=None,
        max_length=255,
        description="Ignored: the name comes from Plaid (accepted for older clients)",
    )


# bad: the item needs the person's attention (a new login, mostly).
ItemStatus = Literal["good", "bad"]


class ItemStatusUpdate(RequestBody):
    status: ItemStatus


class ItemRef(RequestBody):
    item_id: RowId


class ItemRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    plaid_item_id: str
    plaid_institution_id: str
    institution_name: str | None
    status: ItemStatus
    error_code: str | None = Field(
        description="Plaid's error that needs the person: a new login (ITEM_LOGIN_REQUIRED), "
        "a login about to expire or disconnect, access revoked."
    )
    sync_error_code: str | None = Field(
        default=None,
        description="Why the last sync failed, when it passes by itself (INSTITUTION_DOWN, "
        "RATE_LIMIT_EXCEEDED...) and the server is trying again or gave up; null once a "
        "sync succeeds.",
    )
    last_synced_at: datetime | None
    new_accounts_available: bool = Field(
        description="Plaid said the bank has new accounts: offer to add them (update-mode "
        "Link with add_accounts, then POST /api/items/{id}/new-accounts)"
    )
    # Plaid's transactions_update_status at the last sync: NOT_READY and
    # INITIAL_UPDATE_COMPLETE while the history is still coming (the server keeps asking),
    # HISTORICAL_UPDATE_COMPLETE once it is whole; null before the first sync.
    transactions_update_status: str | None = None
    # While the history is still coming: how many of its transactions are stored so far.
    transactions_so_far: int | None = None
    created_at: datetime
    updated_at: datetime


# asked: Plaid is asking the bank (what it finds arrives by webhook, then live); refused:
# Plaid will not (the Transactions Refresh add-on is not on the account, or the item lacks
# the product); failed: it could not now. None: the bank was not asked.
BankRefresh = Literal["asked", "refused", "failed"]


class SyncReport(ResponseBody):
    item_id: int
    status: Literal["SYNC_HAPPENED", "SYNC_ERROR"]
    added: int
    modified: int
    removed: int
    error_code: str | None = None
    bank_refresh: BankRefresh | None = Field(
        default=None, description="Whether Plaid was asked to ask the bank for new data"
    )
    message: str | None = Field(default=None, description="What happened, for a person")
    bank_refresh_error: str | None = Field(
        default=None, description="Plaid's error code when asking the bank failed"
    )
