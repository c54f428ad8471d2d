from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from pattern.kit.schemas import RequestBody, ResponseBody


class InviteCreate(RequestBody):
    expires_in_days: int = Field(default=7, ge=1, le=90)


class InviteRead(ResponseBody):
    id: int
    created_at: datetime
    expires_at: datetime
    status: Literal["pending", "used", "expired"]
    used_at: datetime | None
    used_by: str | None


class InviteCreated(InviteRead):
    """The new invite with its code and link, shown this once (only a hash is kept)."""

    code: str
    url: str
