"""Single-use invitations to sign up, made by an administrator (SIGNUP=invite)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.audit import service as audit
from pattern.audit.actions import AuditAction
from pattern.invites import repository
from pattern.invites.schemas import InviteRead
from pattern.kit.errors import Conflict, Forbidden, NotFound
from pattern.models import Invite
from pattern.models.base import utcnow

INVALID = "This invite is not valid any more: it was used, it expired, or it was withdrawn."
CLOSED = "Sign-up is closed on this server (SIGNUP=closed), so invites cannot be made."


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()


def _read(invite: Invite, used_by: str | None) -> InviteRead:
    if invite.used_at is not None:
        status = "used"
    elif invite.expires_at <= utcnow():
        status = "expired"
    else:
        status = "pending"
    return InviteRead(
        id=invite.id,
        created_at=invite.created_at,
        expires_at=invite.expires_at,
        status=status,
        used_at=invite.used_at,
        used_by=used_by,
    )


async def create_invite(
    session: AsyncSession, *, admin_id: int, days: int, sign_up_closed: bool
) -> tuple[InviteRead, str]:
    """A new invite and its code (kept only as a hash)."""
    if sign_up_closed:
        raise Conflict(CLOSED, code="sign_up_closed")
    code = secrets.token_urlsafe(24)
    now = utcnow()
    invite = await repository.add(
        session,
        Invite(
            code_hash=_hash(code),
            created_by=admin_id,
            created_at=now,
            expires_at=now + timedelta(days=days),
        ),
    )
    audit.record(
        session, actor_id=admin_id, action=AuditAction.INVITE_CREATED, detail={"invite": invite.id}
    )
    return _read(invite, None), code


async def list_invites(session: AsyncSession) -> Sequence[InviteRead]:
    return [_read(invite, used_by) for invite, used_by in await repository.newest(session)]


async def withdraw(session: AsyncSession, invite_id: int, *, admin_id: int) -> None:
    if not await repository.remove(session, invite_id):
        raise NotFound("Invite not found.")
    audit.record(
        session,
        actor_id=admin_id,
        action=AuditAction.INVITE_WITHDRAWN,
        detail={"invite": invite_id},
    )


async def is_usable(session: AsyncSession, code: str) -> bool:
    return await repository.usable(session, _hash(code), utcnow()) is not None


async def check_usable(session: AsyncSession, code: str) -> None:
    """Refuses a code that cannot be used (before a sign-up spends any work on it)."""
    if not await is_usable(session, code):
        raise Forbidden(INVALID, code="invalid_invite")


async def spend(session: AsyncSession, code: str, user_id: int) -> bool:
    """Spends the invite on the new user; False if a racing sign-up spent it first."""
    return await repository.claim(session, _hash(code), user_id, utcnow())


async def use(session: AsyncSession, code: str, user_id: int) -> None:
    """Spends the invite on the new user; refused if a racing sign-up spent it first."""
    if not await spend(session, code, user_id):
        raise Forbidden(INVALID, code="invalid_invite")
