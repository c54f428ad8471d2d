"""Log-in, refresh-token rotation with reuse detection, log-out and token authentication."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.auth.cookies import SessionTokens
from pattern.auth.passwords import verify_password
from pattern.auth.tokens import TokenClaims
from pattern.context import AppContext
from pattern.db import after_commit, release_connection
from pattern.errors import TooManyRequests, Unauthorized
from pattern.models import User, UserSession
from pattern.models.base import utcnow
from pattern.users import repository as users_repository

BAD_CREDENTIALS = "Incorrect username or password."
SESSION_ENDED = "Your session has ended; please log in again."


def _issue(context: AppContext, session_row: UserSession, now: datetime) -> SessionTokens:
    claims = TokenClaims(
        user_id=session_row.user_id,
        session_id=session_row.id,
        generation=session_row.refresh_generation,
    )
    settings = context.settings
    return SessionTokens(
        access_token=context.signer.issue(
            "access", claims, now=now, ttl=timedelta(minutes=settings.access_token_minutes)
        ),
        refresh_token=context.signer.issue(
            "refresh", claims, now=now, ttl=timedelta(hours=settings.refresh_token_hours)
        ),
    )


def _too_many(seconds: int) -> TooManyRequests:
    return TooManyRequests(
        f"Too many failed log-ins; try again in {seconds} seconds.",
        headers={"Retry-After": str(seconds)},
    )


async def log_in(
    session: AsyncSession, context: AppContext, *, username: str, password: str, client: str
) -> tuple[User, SessionTokens]:
    wait = await context.throttle.retry_after(username, client)
    if wait:
        raise _too_many(wait)
    user = await users_repository.get_by_username(session, username)
    password_hash = user.password_hash if user else None
    user_id = user.id if user else None
    # The check takes a while: meanwhile the connection serves others.
    await release_connection(session)
    if not await verify_password(password_hash, password) or user_id is None:
        await context.throttle.record_failure(username, client)
        raise Unauthorized(BAD_CREDENTIALS, code="invalid_credentials")
    await context.throttle.record_success(username)
    user = await session.get(User, user_id)
    if user is None:  # deleted meanwhile
        raise Unauthorized(BAD_CREDENTIALS, code="invalid_credentials")
    now = utcnow()
    row = UserSession(
        id=str(uuid.uuid4()),
        user_id=user.id,
        refresh_generation=0,
        created_at=now,
        expires_at=now + timedelta(hours=context.settings.refresh_token_hours),
        revoked_at=None,
    )
    session.add(row)
    await session.flush()
    return user, _issue(context, row, now)


async def _live_session(
    session: AsyncSession, session_id: str, now: datetime
) -> UserSession | None:
    row = await session.get(UserSession, session_id, with_for_update=True)
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    return row


async def refresh(session: AsyncSession, context: AppContext, refresh_token: str) -> SessionTokens:
    """Rotate both tokens. A refresh token used twice means it leaked: end the session."""
    claims = context.signer.read("refresh", refresh_token)
    now = utcnow()
    row = await _live_session(session, claims.session_id, now) if claims else None
    if claims is None or row is None:
        raise Unauthorized(SESSION_ENDED, code="session_ended")
    if claims.generation != row.refresh_generation:
        row.revoked_at = now
        await session.flush()
        raise Unauthorized(SESSION_ENDED, code="session_ended", keep_changes=True)
    row.refresh_generation += 1
    await session.flush()
    return _issue(context, row, now)


async def log_out(session: AsyncSession, context: AppContext, *tokens: str | None) -> None:
    """End the session named by whichever of the access or refresh token is present,
    and close its sockets once that is committed."""
    claims = next(
        (
            found
            for kind, token in zip(("access", "refresh"), tokens, strict=False)
            if token and (found := context.signer.read(kind, token))  # type: ignore[arg-type]
        ),
        None,
    )
    if claims is None:
        return
    row = await session.get(UserSession, claims.session_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        await session.flush()
    session_id = claims.session_id

    async def close_sockets() -> None:
        await context.realtime.end_session(session_id)

    after_commit(session, close_sockets)


async def authenticate(
    session: AsyncSession, context: AppContext, access_token: str | None
) -> tuple[User, UserSession] | None:
    """The user and session behind an access token, if it is valid and its session is live."""
    claims = context.signer.read("access", access_token) if access_token else None
    if claims is None:
        return None
    result = await session.execute(
        select(User, UserSession)
        .join(UserSession, UserSession.user_id == User.id)
        .where(UserSession.id == claims.session_id, User.id == claims.user_id)
    )
    found = result.first()
    if found is None:
        return None
    user, row = found
    if row.revoked_at is not None or row.expires_at <= utcnow():
        return None
    return user, row
