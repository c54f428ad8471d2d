"""Sign-up, listing and deleting users."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.auth.passwords import hash_password, password_problem
from pattern.context import AppContext
from pattern.db import after_commit, release_connection
from pattern.errors import Conflict, Unprocessable
from pattern.items import repository as items_repository
from pattern.models import User
from pattern.plaid.errors import PlaidApiError
from pattern.users import repository

logger = logging.getLogger(__name__)

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$")
USERNAME_RULE = (
    "Username must be 3 to 32 characters: letters, digits, '.', '_' or '-', "
    "starting with a letter or digit."
)
TAKEN = "That username is already taken."


async def create_user(session: AsyncSession, *, username: str, password: str) -> User:
    if not USERNAME_PATTERN.fullmatch(username):
        raise Unprocessable(USERNAME_RULE, code="invalid_username")
    problem = password_problem(password, username)
    if problem:
        raise Unprocessable(problem, code="weak_password")
    if await repository.get_by_username(session, username):
        raise Conflict(TAKEN, code="username_taken")
    user = User(
        username=username,
        password_hash=await hash_password(password),
        # The first account of a new installation administers it.
        is_admin=not await repository.any_user_exists(session),
    )
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:  # a concurrent sign-up took the name first
        raise Conflict(TAKEN, code="username_taken") from exc
    return user


async def list_users(session: AsyncSession) -> Sequence[User]:
    return await repository.list_all(session)


async def delete_user(session: AsyncSession, context: AppContext, user: User) -> None:
    """Delete a user with their items (removed at Plaid too), accounts, transactions and
    sessions; their sockets close once that is committed."""
    user_id = user.id
    tokens = [
        (item.id, context.cipher.decrypt(item.plaid_access_token_encrypted))
        for item in await items_repository.list_for_user(session, user_id)
    ]
    await release_connection(session)
    for item_id, access_token in tokens:
        try:
            await context.plaid.remove_item(access_token, user_id=user_id, item_id=item_id)
        except PlaidApiError:
            logger.warning("could not remove item %s at Plaid while deleting its user", item_id)
    await session.execute(delete(User).where(User.id == user_id))

    async def close_sockets() -> None:
        await context.realtime.end_user(user_id)

    after_commit(session, close_sockets)
