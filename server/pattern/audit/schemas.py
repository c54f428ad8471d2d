from __future__ import annotations

from datetime import datetime

from pydantic import Field

from pattern.audit.actions import AuditAction
from pattern.kit.schemas import ResponseBody


class AuditEventRead(ResponseBody):
    id: int
    created_at: datetime
    action: AuditAction
    user_id: int | None = Field(description="whose log the event is in (null: no account's)")
    username: str | None
    actor_id: int | None = Field(
        description="who did it; null: someone not logged in, or an account since deleted"
    )
    actor_username: str | None
    detail: dict[str, str | int | bool | None] | None = Field(
        description="a few plain facts (an institution, a reason); never a secret"
    )
    ip: str | None = Field(description="the client's address, for log-ins")
