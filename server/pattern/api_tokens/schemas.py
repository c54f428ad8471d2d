from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from pattern.kit.schemas import RequestBody, ResponseBody

TokenScope = Literal["read", "write"]


class ApiTokenCreate(RequestBody):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    scope: TokenScope = Field(description="read: GET, HEAD and OPTIONS only; write: every method")
    expires_date: date | None = Field(
        default=None, description="the last day it works, in your time zone (none: no expiry)"
    )


class ApiTokenRead(ResponseBody):
    id: int
    name: str
    scope: TokenScope
    created_at: datetime
    expires_date: date | None
    expires_at: datetime | None = Field(description="when expires_date ends in your time zone")
    last_used_at: datetime | None = Field(description="to the minute")


class ApiTokenCreated(ApiTokenRead):
    """The new token with its secret, shown this once (only its SHA-256 is kept)."""

    token: str
