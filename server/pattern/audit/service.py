"""The audit log: what was done to or by an account, recorded by the domains that do it.

Each event is in one person's log (`user_id`: whose account it concerns, gone with the
account) and names who did it (`actor_id`). Its detail holds a few plain facts, never a
secret: record() refuses keys that name one. Events older than AUDIT_RETENTION_DAYS are
removed (pattern.audit.tasks)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.audit import repository
from pattern.audit.actions import AuditAction
from pattern.audit.schemas import AuditEventRead
from pattern.models import AuditEvent
from pattern.models.base import utcnow

Detail = Mapping[str, str | int | bool | None]

# Words in a detail's key that say a secret would be kept: refused, whatever the value.
SECRET_WORDS = ("password", "token", "secret", "cookie", "hash", "code", "key", "otp")
# A detail's text is a name or a reason: longer is cut.
MAX_TEXT = 200


def _clean(detail: Detail | None) -> dict[str, str | int | bool | None] | None:
    if not detail:
        return None
    for key in detail:
        if any(word in key.lower() for word in SECRET_WORDS):
            raise ValueError(f"the audit log keeps no secret: {key!r} is not a detail")
    return {
        key: value[:MAX_TEXT] if isinstance(value, str) else value for key, value in detail.items()
    }


def record(
    session: AsyncSession,
    *,
    actor_id: int | None,
    action: AuditAction,
    target_user_id: int | None = None,
    detail: Detail | None = None,
    ip: str | None = None,
) -> None:
    """Add an event to the request's transaction: in the target's log, or the actor's
    when it has no target. Commits (or rolls back) with what it records."""
    session.add(
        AuditEvent(
            created_at=utcnow(),
            action=action.value,
            user_id=target_user_id if target_user_id is not None else actor_id,
            actor_id=actor_id,
            detail=_clean(detail),
            ip=ip[:64] if ip else None,
        )
    )


def _read(row: repository.EventRow) -> AuditEventRead:
    event, username, actor_username = row
    return AuditEventRead(
        id=event.id,
        created_at=event.created_at,
        action=AuditAction(event.action),
        user_id=event.user_id,
        username=username,
        actor_id=event.actor_id,
        actor_username=actor_username,
        detail=event.detail,
        ip=event.ip,
    )


async def user_log(
    session: AsyncSession, user_id: int, *, limit: int, offset: int
) -> tuple[list[AuditEventRead], int]:
    """One person's log, newest first, and its length."""
    rows, total = await repository.page(session, user_id=user_id, limit=limit, offset=offset)
    return [_read(row) for row in rows], total


async def everything(
    session: AsyncSession,
    *,
    involving: int | None,
    action: AuditAction | None,
    limit: int,
    offset: int,
) -> tuple[list[AuditEventRead], int]:
    """Every event (administrators), newest first: those a person did or underwent, of
    one action."""
    rows, total = await repository.page(
        session,
        involving=involving,
        action=action.value if action else None,
        limit=limit,
        offset=offset,
    )
    return [_read(row) for row in rows], total


async def prune(session: AsyncSession, *, before: datetime) -> int:
    """Remove the events older than `before`; how many went."""
    return await repository.delete_older_than(session, before)
