"""Shares: given by an owner to a member, by name or through an invite link; changed or
ended by the owner, left by the member. Each change is in the audit log, and both
people's open pages hear of it (SHARES_CHANGED)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.audit import service as audit
from pattern.audit.actions import AuditAction
from pattern.households import repository
from pattern.households.schemas import (
    Person,
    ReceivedShareRead,
    ShareAccept,
    ShareCreate,
    ShareCreated,
    ShareRead,
    ShareWrite,
)
from pattern.kit.db import after_commit
from pattern.kit.errors import Conflict, NotFound, Unprocessable
from pattern.kit.sockets import UserEvents
from pattern.models import Share, User
from pattern.models.base import utcnow
from pattern.users import repository as users

INVITE_DAYS = 7
SHARES_CHANGED = "SHARES_CHANGED"
NOT_FOUND = "Share not found."
NOT_YOURS = "Only your own accounts can be shared: one of these is not yours."
NO_SUCH_PERSON = "There is no one of that name here."
ONESELF = "You cannot share with yourself."
ALREADY = "You share with this person already: change that share instead."
BAD_INVITE = "This invite link is not valid: it is mistyped, used, withdrawn or expired."


@dataclass(frozen=True)
class Shared:
    """What an owner shares with a member."""

    accounts: frozenset[int]
    can_edit: bool
    budget: bool


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


async def shared_with(session: AsyncSession, owner_id: int, member_id: int) -> Shared | None:
    share = await repository.between(session, owner_id, member_id)
    if share is None:
        return None
    accounts = (await repository.account_ids(session, [share.id]))[share.id]
    return Shared(frozenset(accounts), share.role == "edit", share.budget)


async def shared_covering(
    session: AsyncSession, owner_id: int, member_id: int, account_ids: Collection[int]
) -> Shared | None:
    """What the owner shares with the member, if it covers the accounts of a row (an
    account, a transaction's, a rule's): some, and none outside the share."""
    shared = await shared_with(session, owner_id, member_id)
    wanted = set(account_ids)
    if shared is None or not wanted or not wanted <= shared.accounts:
        return None
    return shared


async def _people(session: AsyncSession, shares: Sequence[Share], attr: str) -> dict[int, str]:
    return await repository.users_named(
        session, {getattr(share, attr) for share in shares if getattr(share, attr) is not None}
    )


async def given(session: AsyncSession, owner_id: int) -> list[ShareRead]:
    shares = await repository.given(session, owner_id)
    names = await _people(session, shares, "member_id")
    accounts = await repository.account_ids(session, [share.id for share in shares])
    return [_read(share, names, accounts[share.id]) for share in shares]


async def received(session: AsyncSession, member_id: int) -> list[ReceivedShareRead]:
    shares = await repository.received(session, member_id)
    names = await _people(session, shares, "owner_id")
    accounts = await repository.account_ids(session, [share.id for share in shares])
    return [_received(share, names, accounts[share.id]) for share in shares]


def _read(share: Share, names: dict[int, str], accounts: list[int]) -> ShareRead:
    member = share.member_id
    return ShareRead(
        id=share.id,
        member=None if member is None else Person(id=member, username=names[member]),
        role=share.role,
        budget=share.budget,
        account_ids=accounts,
        invite_expires_at=share.invite_expires_at,
        created_at=share.created_at,
    )


def _received(share: Share, names: dict[int, str], accounts: list[int]) -> ReceivedShareRead:
    return ReceivedShareRead(
        id=share.id,
        owner=Person(id=share.owner_id, username=names[share.owner_id]),
        role=share.role,
        budget=share.budget,
        account_ids=accounts,
    )


async def _check_accounts(session: AsyncSession, owner_id: int, body: ShareWrite) -> set[int]:
    wanted = set(body.account_ids)
    if await repository.owned_accounts(session, owner_id, wanted) != wanted:
        raise Unprocessable(NOT_YOURS, code="not_your_account", field="account_ids")
    return wanted


async def _member(session: AsyncSession, owner: User, username: str) -> User:
    member = await users.get_by_username(session, username.strip())
    if member is None or member.disabled_at is not None:
        raise Unprocessable(NO_SUCH_PERSON, code="no_such_person", field="username")
    if member.id == owner.id:
        raise Unprocessable(ONESELF, code="oneself", field="username")
    if await repository.between(session, owner.id, member.id) is not None:
        raise Conflict(ALREADY, code="already_shared")
    return member


async def create(
    session: AsyncSession, owner: User, body: ShareCreate, events: UserEvents
) -> ShareCreated:
    """Share with a person at once, or make an invite link (its secret in this answer only)."""
    accounts = await _check_accounts(session, owner.id, body)
    member = None if body.username is None else await _member(session, owner, body.username)
    token = None if member is not None else secrets.token_urlsafe(32)
    share = Share(
        owner_id=owner.id,
        member_id=None if member is None else member.id,
        role=body.role,
        budget=body.budget,
        invite_hash=None if token is None else _hash(token),
        invite_expires_at=None if token is None else utcnow() + timedelta(days=INVITE_DAYS),
        created_at=utcnow(),
    )
    session.add(share)
    await session.flush()
    await repository.set_accounts(session, share.id, accounts)
    detail = {"with": member.username if member else "invite link", "role": body.role}
    audit.record(session, actor_id=owner.id, action=AuditAction.SHARE_GIVEN, detail=detail)
    _tell(session, events, share)
    names = {member.id: member.username} if member else {}
    read = _read(share, names, sorted(accounts))
    return ShareCreated(**read.model_dump(), invite_token=token)


async def _given_share(session: AsyncSession, owner_id: int, share_id: int) -> Share:
    share = await session.get(Share, share_id)
    if share is None or share.owner_id != owner_id:
        raise NotFound(NOT_FOUND)
    return share


async def change(
    session: AsyncSession, owner: User, share_id: int, body: ShareWrite, events: UserEvents
) -> ShareRead:
    share = await _given_share(session, owner.id, share_id)
    accounts = await _check_accounts(session, owner.id, body)
    share.role, share.budget = body.role, body.budget
    await repository.set_accounts(session, share.id, accounts)
    audit.record(
        session,
        actor_id=owner.id,
        action=AuditAction.SHARE_CHANGED,
        detail={"role": body.role, "accounts": len(accounts), "budget": body.budget},
    )
    _tell(session, events, share)
    names = await _people(session, [share], "member_id")
    return _read(share, names, sorted(accounts))


async def end(session: AsyncSession, caller: User, share_id: int, events: UserEvents) -> None:
    """The owner ends a share, or its member leaves it."""
    share = await session.get(Share, share_id)
    if share is None or caller.id not in {share.owner_id, share.member_id}:
        raise NotFound(NOT_FOUND)
    action = AuditAction.SHARE_ENDED if caller.id == share.owner_id else AuditAction.SHARE_LEFT
    audit.record(session, actor_id=caller.id, action=action)
    _tell(session, events, share)
    await session.delete(share)


async def accept(
    session: AsyncSession, member: User, body: ShareAccept, events: UserEvents
) -> ReceivedShareRead:
    """Take an invite link: its share is the caller's from now on; the link works once."""
    share = await repository.by_invite(session, _hash(body.token.strip()))
    expires = share.invite_expires_at if share is not None else None
    if share is None or share.member_id is not None or expires is None or expires < utcnow():
        raise NotFound(BAD_INVITE, code="bad_invite")
    if share.owner_id == member.id:
        raise Unprocessable(ONESELF, code="oneself")
    if await repository.between(session, share.owner_id, member.id) is not None:
        raise Conflict(ALREADY, code="already_shared")
    share.member_id, share.invite_hash, share.invite_expires_at = member.id, None, None
    audit.record(session, actor_id=member.id, action=AuditAction.SHARE_JOINED)
    _tell(session, events, share)
    names = await _people(session, [share], "owner_id")
    accounts = (await repository.account_ids(session, [share.id]))[share.id]
    return _received(share, names, accounts)


def _tell(session: AsyncSession, events: UserEvents, share: Share) -> None:
    """Once committed: both people's open pages read their shares again (a member's page
    showing a share that ended goes back to their own money)."""
    people = [share.owner_id] + ([share.member_id] if share.member_id is not None else [])

    async def tell() -> None:
        for user_id in people:
            await events.emit_to_user(user_id, SHARES_CHANGED, {})

    after_commit(session, tell)
