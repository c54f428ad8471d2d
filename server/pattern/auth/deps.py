"""Who is asking: the current user, the admin check and the `/users/{user_id}` ownership check."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.auth.cookies import ACCESS_COOKIE
from pattern.auth.service import Sessions
from pattern.kit.cache import LruCache, UserCache
from pattern.kit.deps import SessionDep, provided
from pattern.kit.errors import Forbidden, NotFound, Unauthorized
from pattern.kit.schemas import MAX_ID
from pattern.models import Asset, Item, TransactionRule, User, UserSession
from pattern.two_factor.deps import TwoFactorDep

NOT_LOGGED_IN = "You are not logged in."
SET_UP_TWO_FACTOR = "This server requires two-factor log-in: set it up in Settings first."

SessionsDep = Annotated[Sessions, Depends(provided(Sessions))]


async def get_signed_in_session(
    request: Request, session: SessionDep, sessions: SessionsDep
) -> tuple[User, UserSession]:
    """The session, before the check that the person set up the two-factor log-in the
    server requires: for the routes that set it up."""
    found = await sessions.authenticate(session, request.cookies.get(ACCESS_COOKIE))
    if found is None:
        raise Unauthorized(NOT_LOGGED_IN, code="not_authenticated")
    return found


SignedInSession = Annotated[tuple[User, UserSession], Depends(get_signed_in_session)]


async def get_signed_in_user(current: SignedInSession) -> User:
    return current[0]


SignedInUser = Annotated[User, Depends(get_signed_in_user)]


async def get_current_session(
    current: SignedInSession, session: SessionDep, two_factor: TwoFactorDep
) -> tuple[User, UserSession]:
    if await two_factor.setup_required(session, current[0].id):
        raise Forbidden(SET_UP_TWO_FACTOR, code="two_factor_setup_required")
    return current


CurrentSession = Annotated[tuple[User, UserSession], Depends(get_current_session)]


async def get_current_user(current: CurrentSession) -> User:
    return current[0]


CurrentUser = Annotated[User, Depends(get_current_user)]


async def get_admin_user(user: CurrentUser) -> User:
    if not user.is_admin:
        raise Forbidden("Only an administrator can do this.", code="admin_only")
    return user


AdminUser = Annotated[User, Depends(get_admin_user)]


def could_exist(object_id: int) -> bool:
    """A bigger id in a path names nothing (pattern.kit.schemas.MAX_ID)."""
    return 0 < object_id <= MAX_ID


# The rows that belong to a user directly.
ModelT = TypeVar("ModelT", Item, Asset, TransactionRule)


async def load_owned(
    session: AsyncSession, model: type[ModelT], object_id: int, user: User, label: str
) -> ModelT:
    """A row with a user_id, if it is the caller's (or the caller is an admin); else 404."""
    found = await session.get(model, object_id) if could_exist(object_id) else None
    if found is None or (found.user_id != user.id and not user.is_admin):
        raise NotFound(f"{label} not found.")
    return found


async def get_path_user(user_id: int, user: CurrentUser, session: SessionDep) -> User:
    """The user named in the path, when it is the caller or the caller is an admin; else 404."""
    if user.id == user_id:
        return user
    if user.is_admin and could_exist(user_id):
        target = await session.get(User, user_id)
        if target is not None:
            return target
    raise NotFound("User not found.")


PathUser = Annotated[User, Depends(get_path_user)]


async def get_own_path_user(user: PathUser, current: CurrentUser) -> User:
    """The user named in the path, when it is the caller: what only they may do (change
    their password), administrators included."""
    if user.id != current.id:
        raise Forbidden("Only the person themselves can do this.", code="own_account_only")
    return user


OwnPathUser = Annotated[User, Depends(get_own_path_user)]


async def get_path_user_cache(
    user: PathUser, store: Annotated[LruCache, Depends(provided(LruCache))]
) -> UserCache:
    """The cache of the path's user's derived figures, at the data version just read."""
    return UserCache(store, user.id, user.data_version)


PathUserCache = Annotated[UserCache, Depends(get_path_user_cache)]
