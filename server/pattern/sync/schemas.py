from __future__ import annotations

from datetime import datetime

from pattern.kit.schemas import ResponseBody


class DeadSyncRequest(ResponseBody):
    """An item whose syncs failed every attempt; the next request from Plaid, the person's
    sync button or a new login tries again."""

    item_id: int
    user_id: int
    username: str
    institution_name: str | None
    reason: str
    attempts: int
    last_error: str | None
    requested_at: datetime
    dead_at: datetime


class SyncRequestsRead(ResponseBody):
    waiting: int
    dead: list[DeadSyncRequest]
