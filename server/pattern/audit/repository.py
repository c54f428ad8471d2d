from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from pattern.models import AuditEvent, User

Actor = aliased(User)
Subject = aliased(User)

EventRow = tuple[AuditEvent, str | None, str | None]


def _conditions(
    *, user_id: int | None, involving: int | None, action: str | None
) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if user_id is not None:
        found.append(AuditEvent.user_id == user_id)
    if involving is not None:
        found.append(or_(AuditEvent.user_id == involving, AuditEvent.actor_id == involving))
    if action is not None:
        found.append(AuditEvent.action == action)
    return found


async def page(
    session: AsyncSession,
    *,
    user_id: int | None = None,
    involving: int | None = None,
    action: str | None = None,
    limit: int,
    offset: int,
) -> tuple[list[EventRow], int]:
    """Newest first, with the subject's and the actor's usernames, and the total count.
    `user_id`: the events in that person's log; `involving`: those they did or underwent."""
    where = _conditions(user_id=user_id, involving=involving, action=action)
    rows = (
        select(AuditEvent, Subject.username, Actor.username)
        .outerjoin(Subject, Subject.id == AuditEvent.user_id)
        .outerjoin(Actor, Actor.id == AuditEvent.actor_id)
        .where(*where)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
        .offset(offset)
    )
    total = await session.scalar(select(func.count(AuditEvent.id)).where(*where))
    found: list[EventRow] = [(row[0], row[1], row[2]) for row in await session.execute(rows)]
    return found, int(total or 0)


async def delete_older_than(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(
        delete(AuditEvent)
        .where(AuditEvent.created_at < cutoff)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
