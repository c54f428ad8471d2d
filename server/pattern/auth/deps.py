"""Who is asking (a signed-in session or an API token), the admin check and the
`/users/{user_id}` ownership check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import event, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from pattern.api_tokens.service import ApiTokens
from pattern.auth.cookies import ACCESS_COOKIE
from pattern.auth.service import Sessions, two_factor_setup_pending
from pattern.kit.cache import LruCache, UserCache
from pattern.kit.deps import SessionDep, provided
from pattern.kit.errors import Forbidden, NotFound, TooManyRequests, Unauthorized
from pattern.kit.schemas import MAX_ID
from pattern.models import ApiToken, Asset, Item, TransactionRule, User, UserSession

NOT_LOGGED_IN = "You are not logged in."
SET_UP_TWO_FACTOR = "This server requires two-factor log-in: set it up in Settings first."
BAD_TOKEN = "This API token is not valid: it is mistyped, revoked or expired."
READ_ONLY = "This API token is read-only: it may only read (GET), not change anything."
SESSION_ONLY = (
    "API tokens cannot do this: it needs you signed in to the web app (password, sessions, "
    "API tokens and administration)."
)
# What a read-only token may do.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

SessionsDep = Annotated[Sessions, Depends(provided(Sessions))]
ApiTokensDep = Annotated[ApiTokens, Depends(provided(ApiTokens))]


@dataclass(frozen=True)
class Caller:
    """Who is asking: a person signed in to the web app (session) or a program with one of
    their API tokens (token)."""

    user: User
    session: UserSession | None = None
    token: ApiToken | None = None


def act_as_ordinary(user: User) -> None:
    """A token never has an administrator's powers: for this request (this session's copy
    of the row) its owner is an ordinary person. Set as loaded, not as a change, so nothing
    is written; and again whenever the row is read anew (a rollback that released the
    connection, a refresh), so no later check in the request sees the stored value."""
    inspect(user).info["token_caller"] = True
    set_committed_value(user, "is_admin", False)


@event.listens_for(User, "refresh")
def _stay_ordinary(user: User, _context: object, _attributes: object) -> None:
    if inspect(user).info.get("token_caller"):
        set_committed_value(user, "is_admin", False)


def _token_refused(message: str) -> Unauthorized:
    return Unauthorized(message, code="invalid_token", headers={"WWW-Authenticate": "Bearer"})


async def _token_caller(
    request: Request, session: AsyncSession, tokens: ApiTokens, secret: str
) -> Caller:
    found = await tokens.authenticate(session, secret)
    if found is None:
        raise _token_refused(BAD_TOKEN)
    user, token = found
    wait = await tokens.retry_after(token.id)
    if wait:
        raise TooManyRequests.wait("requests with this API token", wait)
    if token.scope != "write" and request.method not in READING_METHODS:
        raise Forbidden(READ_ONLY, code="read_only_token")
    act_as_ordinary(user)
    return Caller(user=user, token=token)


# The header's token when it says `Bearer <token>`. Another scheme is left alone: a
# proxy's HTTP basic auth in front of the web app sends one on every request, and the
# cookie decides then. As a security scheme, /api/docs offers to send a token.
BearerToken = Annotated[
    HTTPAuthorizationCredentials | None,
    Security(
        HTTPBearer(
            auto_error=False,
            scheme_name="API token",
            description="A personal API token (pat_...), made in Settings → API tokens.",
        )
    ),
]


async def get_caller(
    request: Request,
    bearer: BearerToken,
    session: SessionDep,
    sessions: SessionsDep,
    tokens: ApiTokensDep,
) -> Caller:
    """The caller, by the Authorization header's bearer token when there is one (the
    cookie is not looked at then), else by the access cookie."""
    if bearer is not None:
        return await _token_caller(request, session, tokens, bearer.credentials.strip())
    found = await sessions.authenticate(session, request.cookies.get(ACCESS_COOKIE))
    if found is None:
        raise Unauthorized(NOT_LOGGED_IN, code="not_authenticated")
    return Caller(user=found[0], session=found[1])


CurrentCaller = Annotated[Caller, Depends(get_caller)]


async def get_signed_in_session(caller: CurrentCaller) -> tuple[User, UserSession]:
    """The web app's signed-in session: what API tokens may not do asks for it (403).
    Before the check that the person set up the two-factor log-in the server requires:
    for the routes that set it up."""
    if caller.session is None:
        raise Forbidden(SESSION_ONLY, code="session_required")
    return caller.user, caller.session


SignedInSession = Annotated[tuple[User, UserSession], Depends(get_signed_in_session)]


async def get_signed_in_user(caller: CurrentCaller) -> User:
    """The caller, before the two-factor check: who they are (GET /sessions/me)."""
    return caller.user


SignedInUser = Annotated[User, Depends(get_signed_in_user)]


async def _two_factor_rule(
    user: User, user_session: UserSession | None, session: AsyncSession
) -> None:
    """While the server requires two-factor log-in, only those who set it up go on (the
    rule itself: pattern.auth.service.two_factor_setup_pending, the sockets' too)."""
    if await two_factor_setup_pending(session, user.id, user_session):
        raise Forbidden(SET_UP_TWO_FACTOR, code="two_factor_setup_required")


async def get_current_session(
    current: SignedInSession, session: SessionDep
) -> tuple[User, UserSession]:
    await _two_factor_rule(*current, session)
    return current


CurrentSession = Annotated[tuple[User, UserSession], Depends(get_current_session)]


async def get_current_user(caller: CurrentCaller, session: SessionDep) -> User:
    """The caller, a session's or a token's; while the server requires two-factor log-in,
    only once they have set it up (their tokens wait too)."""
    await _two_factor_rule(caller.user, caller.session, session)
    return caller.user


CurrentUser = Annotated[User, Depends(get_current_user)]


async def get_session_user(current: CurrentSession) -> User:
    return current[0]


# The signed-in person, never a token's caller.
SessionUser = Annotated[User, Depends(get_session_user)]


async def get_admin_user(user: SessionUser) -> User:
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


async def get_own_session_user(user: OwnPathUser, _: CurrentSession) -> User:
    """The path's user, when it is the signed-in person themselves: API tokens refused."""
    return user


OwnSessionUser = Annotated[User, Depends(get_own_session_user)]
