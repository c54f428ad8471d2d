from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field

from pattern.kit.schemas import RequestBody, ResponseBody


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
    item_id: int


class ItemRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    plaid_item_id: str
    plaid_institution_id: str
    institution_name: str | None
    status: ItemStatus
    error_code: str | None
    last_synced_at: datetime | None
    # Plaid's transactions_update_status at the last sync: NOT_READY and
    # INITIAL_UPDATE_COMPLETE while the history is still coming (the server keeps asking),
    # HISTORICAL_UPDATE_COMPLETE once it is whole; null before the first sync.
    transactions_update_status: str | None = None
    # While the history is still coming: how many of its transactions are stored so far.
    transactions_so_far: int | None = None
    created_at: datetime
    updated_at: datetime


class SyncReport(ResponseBody):
    item_id: int
    status: Literal["SYNC_HAPPENED", "SYNC_ERROR"]
    added: int
    modified: int
    removed: int
    error_code: str | None = None
