from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from pattern.kit.schemas import RequestBody, ResponseBody, RowId

Role = Literal["view", "edit"]
# More than a person's accounts ever are.
MAX_SHARED = 500


class Person(ResponseBody):
    id: int
    username: str


class ShareWrite(RequestBody):
    """What a share includes and allows."""

    role: Role = Field(description="view: read only; edit: also edit the transactions")
    account_ids: list[RowId] = Field(
        min_length=1, max_length=MAX_SHARED, description="your accounts it shares"
    )
    budget: bool = Field(default=False, description="share your budget too (household budget)")


class ShareCreate(ShareWrite):
    username: str | None = Field(
        default=None,
        min_length=1,
        max_length=255,
        description="the person to share with; left out: an invite link instead",
    )


class ShareRead(ResponseBody):
    """A share you give."""

    id: int
    member: Person | None = Field(description="null until someone takes its invite link")
    role: Role
    budget: bool
    account_ids: list[int]
    invite_expires_at: datetime | None
    created_at: datetime


class ShareCreated(ShareRead):
    invite_token: str | None = Field(
        description="the invite link's secret, shown this once: /household/join?token=..."
    )


class ReceivedShareRead(ResponseBody):
    """A share someone gives you: call their routes (/api/users/{owner.id}/...) to see it."""

    id: int
    owner: Person
    role: Role
    budget: bool
    account_ids: list[int]


class ShareAccept(RequestBody):
    token: str = Field(min_length=1, max_length=100)
