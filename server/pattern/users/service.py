"""Sign-up, listing and deleting users."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.audit import service as audit
from pattern.audit.actions import AuditAction
from pattern.auth import repository as auth_repository
from pattern.auth.passwords import hash_password, password_problem
from pattern.invites import service as invites_service
from pattern.items.service import Items
from pattern.kit.config import SignUpPolicy
from pattern.kit.db import after_commit, release_connection
from pattern.kit.errors import Conflict, Forbidden, Unprocessable
from pattern.kit.sockets import SocketEnds
from pattern.models import User
from pattern.models.base import utcnow
from pattern.users import repository, setup_code
from pattern.users.schemas import UserCreate

logger = logging.getLogger(__name__)

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$")
USERNAME_RULE = (
    "Username must be 3 to 32 characters: letters, digits, '.', '_' or '-', "
    "starting with a letter or digit."
)
TAKEN = "That username is already taken."
PASSWORD_SIGN_UP_OFF = (
    "This server logs in by single sign-on only: sign in with it (an invite link takes you "
    "there) instead of choosing a password."
)


SETUP_CODE_NEEDED = (
    "This server has no administrator yet: the first account needs the setup code printed "
    "on the server's console when it started (also in the file setup-code of its data folder)."
)
ALREADY_SET_UP = "This server already has its administrator."
INVITE_NEEDED = "Sign-up on this server is by invitation: ask its administrator for an invite link."
CLOSED = "Sign-up is closed on this server."
LAST_ADMIN = (
    "You are this server's only administrator: make another one first "
    "(python -m pattern create-admin)."
)
DISABLE_MYSELF = "You cannot disable your own account."
LAST_ACTIVE_ADMIN = "This is the server's last active administrator: it cannot be disabled."


def _check_credentials(username: str, password: str) -> None:
    if not USERNAME_PATTERN.fullmatch(username):
        raise Unprocessable(USERNAME_RULE, code="invalid_username")
    problem = password_problem(password, username)
    if problem:
        raise Unprocessable(problem, code="weak_password")


async def _add_user(session: AsyncSession, username: str, password: str, *, admin: bool) -> User:
    if await repository.get_by_username(session, username):
        raise Conflict(TAKEN, code="username_taken")
    # Hashing takes a while, and sign-ups take turns at it: meanwhile the connection serves
    # others (the checks above only read; constraints catch what changes meanwhile).
    await release_connection(session)
    user = User(username=username, password_hash=await hash_password(password), is_admin=admin)
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:  # a concurrent sign-up took the name first
        raise Conflict(TAKEN, code="username_taken") from exc
    return user


async def sign_up(
    session: AsyncSession,
    *,
    body: UserCreate,
    data_dir: Path,
    policy: SignUpPolicy,
    password_login: bool = True,
) -> User:
    """A new account: the administrator's with the setup code while there is none, then
    as the SIGNUP policy says (an invite's code, open, or closed); none by password when
    people log in by single sign-on only (they come through the provider)."""
    _check_credentials(body.username, body.password)
    if not await repository.is_set_up(session):
        return await _sign_up_administrator(session, body, data_dir)
    if not password_login:
        raise Forbidden(PASSWORD_SIGN_UP_OFF, code="password_login_off")
    if policy == "closed":
        raise Forbidden(CLOSED, code="sign_up_closed")
    if policy == "open":
        user = await _add_user(session, body.username, body.password, admin=False)
        audit.record(session, actor_id=user.id, action=AuditAction.SIGNED_UP)
        return user
    if not body.invite_code:
        raise Forbidden(INVITE_NEEDED, code="invite_required")
    await invites_service.check_usable(session, body.invite_code)
    user = await _add_user(session, body.username, body.password, admin=False)
    await invites_service.use(session, body.invite_code, user.id)
    audit.record(session, actor_id=user.id, action=AuditAction.SIGNED_UP, detail={"by": "invite"})
    return user


async def _sign_up_administrator(session: AsyncSession, body: UserCreate, data_dir: Path) -> User:
    if not body.setup_code or not setup_code.matches(data_dir, body.setup_code):
        if await repository.is_set_up(session):  # claimed (and the code spent) meanwhile
            raise Conflict(ALREADY_SET_UP, code="already_set_up")
        raise Forbidden(SETUP_CODE_NEEDED, code="setup_code_required")
    user = await _add_user(session, body.username, body.password, admin=True)
    audit.record(session, actor_id=user.id, action=AuditAction.SIGNED_UP, detail={"admin": True})
    repository.claim_installation(session, utcnow())
    try:
        await session.flush()
    except IntegrityError as exc:  # a racing sign-up claimed it first
        raise Conflict(ALREADY_SET_UP, code="already_set_up") from exc

    async def forget_code() -> None:
        setup_code.forget(data_dir)

    after_commit(session, forget_code)
    return user


async def create_admin(session: AsyncSession, *, username: str, password: str) -> User:
    """An administrator made at the server's console (python -m pattern create-admin)."""
    _check_credentials(username, password)
    user = await _add_user(session, username, password, admin=True)
    audit.record(
        session, actor_id=user.id, action=AuditAction.ACCOUNT_CREATED, detail={"admin": True}
    )
    if not await repository.is_set_up(session):
        try:
            async with session.begin_nested():
                repository.claim_installation(session, utcnow())
        except IntegrityError:
            pass  # a sign-up with the setup code claimed it meanwhile: both are admins
    return user


async def needs_setup(session: AsyncSession) -> bool:
    return not await repository.is_set_up(session)


async def offer_setup(session: AsyncSession, data_dir: Path) -> str | None:
    """The setup code while the installation has no administrator (made when missing);
    None, with the code's file removed, once it has one."""
    if await repository.is_set_up(session):
        setup_code.forget(data_dir)
        return None
    return setup_code.ensure(data_dir)


async def list_users(session: AsyncSession) -> Sequence[User]:
    return await repository.list_all(session)


async def delete_user(
    session: AsyncSession, user: User, *, actor_id: int, items: Items, sockets: SocketEnds
) -> None:
    """Delete a user with their items (removed at Plaid too), accounts, transactions and
    sessions; their sockets close once that is committed. The audit log keeps it in the
    administrator's log (one's own deletion: in no one's, it goes with the account)."""
    user_id, username = user.id, user.username
    if user.is_admin and not await repository.other_admin_exists(session, user_id):
        raise Conflict(LAST_ADMIN, code="last_admin")
    await items.remove_all_at_plaid(session, user_id)
    await repository.delete(session, user_id)
    by_other = actor_id != user_id
    audit.record(
        session,
        actor_id=actor_id if by_other else None,
        action=AuditAction.USER_DELETED,
        detail={"username": username, "by_self": not by_other},
    )

    async def close_sockets() -> None:
        await sockets.end_user(user_id)

    after_commit(session, close_sockets)


async def set_disabled(
    session: AsyncSession, user: User, *, disabled: bool, actor: User, sockets: SocketEnds
) -> User:
    """Disable an account (it cannot log in, its sessions end and its sockets close once
    that is committed; its data stays) or enable it again. Not one's own, nor the last
    active administrator."""
    if user.id == actor.id:
        raise Conflict(DISABLE_MYSELF, code="own_account")
    if (user.disabled_at is not None) == disabled:
        return user  # already so: nothing changes, nothing is recorded
    if disabled and user.is_admin and not await repository.other_admin_exists(session, user.id):
        raise Conflict(LAST_ACTIVE_ADMIN, code="last_admin")
    user_id = user.id
    now = utcnow()
    user.disabled_at = now if disabled else None
    action = AuditAction.USER_DISABLED if disabled else AuditAction.USER_ENABLED
    audit.record(session, actor_id=actor.id, action=action, target_user_id=user_id)
    if disabled:
        await auth_repository.end_sessions(session, user_id, now)

        async def close_sockets() -> None:
            await sockets.end_user(user_id)

        after_commit(session, close_sockets)
    await session.flush()
    return user
