"""Log-in, refresh-token rotation with reuse detection, log-out and token authentication."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.audit import service as audit
from pattern.audit.actions import AuditAction
from pattern.auth import repository
from pattern.auth.passwords import hash_password, password_problem, verify_password
from pattern.auth.throttle import LoginThrottle
from pattern.auth.tokens import DEVICE_DAYS, SessionTokens, TokenClaims, TokenSigner
from pattern.kit.config import Settings
from pattern.kit.db import after_commit, release_connection
from pattern.kit.errors import Forbidden, TooManyRequests, Unauthorized, Unprocessable
from pattern.kit.sockets import SocketEnds
from pattern.models import User, UserSession
from pattern.models.base import utcnow
from pattern.two_factor import repository as two_factor_repository
from pattern.users import repository as users_repository

BAD_CREDENTIALS = "Incorrect username or password."
SESSION_ENDED = "Your session has ended; please log in again."
WRONG_PASSWORD = "Your current password is not that."
SAME_PASSWORD = "The new password must differ from the current one."
# Said only once the password was right: to others a disabled account is a wrong password.
ACCOUNT_DISABLED = "This account is disabled: ask this server's administrator."
# The method of a session signed in through the OpenID provider (pattern.sso).
SSO = "sso"


def _too_many(seconds: int) -> TooManyRequests:
    return TooManyRequests.wait("failed log-ins", seconds)


def _refused(
    session: AsyncSession, user_id: int | None, client: str, *, disabled: bool = False
) -> Unauthorized:
    """A refused log-in, kept in the named account's audit log (when there is one)."""
    if user_id is not None:
        reason = "account_disabled" if disabled else "wrong_password"
        audit.record(
            session,
            actor_id=None,
            action=AuditAction.LOGIN_FAILED,
            target_user_id=user_id,
            detail={"reason": reason},
            ip=client,
        )
    if disabled:
        return Unauthorized(ACCOUNT_DISABLED, code="account_disabled", keep_changes=True)
    return Unauthorized(BAD_CREDENTIALS, code="invalid_credentials", keep_changes=True)


async def authenticate(
    session: AsyncSession, signer: TokenSigner, access_token: str | None
) -> tuple[User, UserSession] | None:
    """The user and session behind an access token, if it is valid and its session is live."""
    claims = signer.read("access", access_token) if access_token else None
    if claims is None:
        return None
    found = await repository.session_with_user(session, claims.session_id, claims.user_id)
    if found is None:
        return None
    user, row = found
    if row.revoked_at is not None or row.expires_at <= utcnow() or user.disabled_at is not None:
        return None
    return user, row


async def two_factor_setup_pending(
    session: AsyncSession, user_id: int, user_session: UserSession | None
) -> bool:
    """The two-factor rule: while the server requires a second factor, whether this person
    (through this session, or a token: None) must set one up before anything else. A
    session signed in through the OpenID provider counts: the provider asked for its own."""
    if user_session is not None and user_session.method == SSO:
        return False
    return await two_factor_repository.setup_required(session, user_id)


async def _live_session(
    session: AsyncSession, session_id: str, now: datetime
) -> UserSession | None:
    row = await session.get(UserSession, session_id, with_for_update=True)
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    return row


class Sessions:
    """Log-in sessions: their tokens, the failed log-in throttle, and their sockets' end."""

    def __init__(
        self, settings: Settings, signer: TokenSigner, throttle: LoginThrottle, sockets: SocketEnds
    ) -> None:
        self._access_ttl = timedelta(minutes=settings.access_token_minutes)
        self._refresh_ttl = timedelta(hours=settings.refresh_token_hours)
        self._signer = signer
        self._throttle = throttle
        self._sockets = sockets

    def _issue(self, session_row: UserSession, now: datetime) -> SessionTokens:
        claims = TokenClaims(
            user_id=session_row.user_id,
            session_id=session_row.id,
            generation=session_row.refresh_generation,
        )
        return SessionTokens(
            access_token=self._signer.issue("access", claims, now=now, ttl=self._access_ttl),
            refresh_token=self._signer.issue("refresh", claims, now=now, ttl=self._refresh_ttl),
        )

    def trusted_device(self, device_token: str | None, username: str) -> str | None:
        """The id of this browser's device cookie, if it is of an earlier log-in of `username`."""
        claims = self._signer.read_device(device_token) if device_token else None
        return claims.device_id if claims and claims.username == username.lower() else None

    async def authenticate(
        self, session: AsyncSession, access_token: str | None
    ) -> tuple[User, UserSession] | None:
        return await authenticate(session, self._signer, access_token)

    async def log_in(
        self,
        session: AsyncSession,
        *,
        username: str,
        password: str,
        client: str,
        device_token: str | None = None,
    ) -> tuple[User, SessionTokens, str]:
        """Log in; returns the user, the session's tokens and a new device token. A browser
        with a device token of this username is slowed down only by its own failures."""
        user = await self.check_credentials(
            session, username=username, password=password, client=client, device_token=device_token
        )
        return await self.start(session, user, client)

    async def check_credentials(
        self,
        session: AsyncSession,
        *,
        username: str,
        password: str,
        client: str,
        device_token: str | None = None,
    ) -> User:
        """The user whose username and password these are (throttled; else 401 or 429)."""
        device = self.trusted_device(device_token, username)
        wait = await self._throttle.retry_after(username, client, device)
        if wait:
            raise _too_many(wait)
        user = await users_repository.get_by_username(session, username)
        password_hash = user.password_hash if user else None
        user_id = user.id if user else None
        # The check takes a while: meanwhile the connection serves others.
        await release_connection(session)
        if not await verify_password(password_hash, password) or user_id is None:
            await self._throttle.record_failure(username, client, device)
            raise _refused(session, user_id, client)
        await self._throttle.record_success(username, device)
        user = await session.get(User, user_id)
        if user is None:  # deleted meanwhile
            raise Unauthorized(BAD_CREDENTIALS, code="invalid_credentials")
        if user.disabled_at is not None:
            raise _refused(session, user_id, client, disabled=True)
        return user

    async def start(
        self, session: AsyncSession, user: User, client: str, *, method: str | None = None
    ) -> tuple[User, SessionTokens, str]:
        """A new session of `user`, whose log-in is complete (the password and any second
        factor, or a passkey alone): its tokens, a device token."""
        if user.disabled_at is not None:  # a passkey alone skips check_credentials
            raise _refused(session, user.id, client, disabled=True)
        now = utcnow()
        user.last_login_at = now
        audit.record(
            session,
            actor_id=user.id,
            action=AuditAction.LOGIN_SUCCEEDED,
            detail={"method": method} if method else None,
            ip=client,
        )
        row = UserSession(
            id=str(uuid.uuid4()),
            user_id=user.id,
            refresh_generation=0,
            created_at=now,
            expires_at=now + self._refresh_ttl,
            revoked_at=None,
            method=method,
        )
        session.add(row)
        await session.flush()
        device_token = self._signer.issue_device(
            user.username, now=now, ttl=timedelta(days=DEVICE_DAYS)
        )
        return user, self._issue(row, now), device_token

    async def refresh(self, session: AsyncSession, refresh_token: str) -> SessionTokens:
        """Rotate both tokens. A refresh token used twice means it leaked: end the session."""
        claims = self._signer.read("refresh", refresh_token)
        now = utcnow()
        row = await _live_session(session, claims.session_id, now) if claims else None
        if claims is None or row is None:
            raise Unauthorized(SESSION_ENDED, code="session_ended")
        if claims.generation != row.refresh_generation:
            row.revoked_at = now
            audit.record(
                session,
                actor_id=None,
                action=AuditAction.SESSIONS_ENDED,
                target_user_id=row.user_id,
                detail={"reason": "refresh_reused", "sessions": 1},
            )
            await session.flush()
            self._close_sockets_after_commit(session, sessions=[row.id])
            raise Unauthorized(SESSION_ENDED, code="session_ended", keep_changes=True)
        row.refresh_generation += 1
        await session.flush()
        return self._issue(row, now)

    async def log_out(self, session: AsyncSession, *tokens: str | None) -> None:
        """End the session named by whichever of the access or refresh token is present,
        and close its sockets once that is committed."""
        claims = next(
            (
                found
                for kind, token in zip(("access", "refresh"), tokens, strict=False)
                if token and (found := self._signer.read(kind, token))  # type: ignore[arg-type]
            ),
            None,
        )
        if claims is None:
            return
        row = await session.get(UserSession, claims.session_id)
        if row is not None and row.revoked_at is None:
            row.revoked_at = utcnow()
            audit.record(session, actor_id=row.user_id, action=AuditAction.LOGGED_OUT)
            await session.flush()
        self._close_sockets_after_commit(session, sessions=[claims.session_id])

    def _close_sockets_after_commit(  # once the sessions' end is committed
        self, session: AsyncSession, *, sessions: Sequence[str] = (), user_id: int | None = None
    ) -> None:
        sockets = self._sockets

        async def close() -> None:
            for session_id in sessions:
                await sockets.end_session(session_id)
            if user_id is not None:
                await sockets.end_user(user_id)

        after_commit(session, close)

    async def change_password(
        self, session: AsyncSession, user: User, current_session: str, *, current: str, new: str
    ) -> None:
        """A new password, given the current one; every other session ends (this one stays).
        Wrong current passwords are counted against this session (a stolen one cannot guess)."""
        user_id, username = user.id, user.username
        problem = password_problem(new, username)
        if problem:
            await self._not_throttled(user, current_session)
            raise Unprocessable(problem, code="weak_password")
        await self.check_password(session, user, current_session, current)
        if new == current:
            raise Unprocessable(SAME_PASSWORD, code="same_password")
        new_hash = await hash_password(new)
        await users_repository.set_password_hash(session, user_id, new_hash)
        ended = await repository.end_sessions(session, user_id, utcnow(), keep=current_session)
        audit.record(
            session,
            actor_id=user_id,
            action=AuditAction.PASSWORD_CHANGED,
            detail={"sessions": len(ended)},
        )
        self._close_sockets_after_commit(session, sessions=ended)

    async def _not_throttled(self, user: User, current_session: str) -> None:
        wait = await self._throttle.retry_after(user.username, "", f"session:{current_session}")
        if wait:
            raise _too_many(wait)

    async def check_password(
        self, session: AsyncSession, user: User, current_session: str, password: str | None
    ) -> None:
        """403 unless `password` is the person's current one. Wrong ones are counted against
        this session, as log-ins are (a stolen session cannot guess it)."""
        username, password_hash = user.username, user.password_hash
        device = f"session:{current_session}"
        await self._not_throttled(user, current_session)
        await release_connection(session)  # the check takes a while
        if not password or not await verify_password(password_hash, password):
            await self._throttle.record_failure(username, "", device)
            raise Forbidden(WRONG_PASSWORD, code="wrong_password")
        await self._throttle.record_success(username, device)

    async def end_every_session(
        self, session: AsyncSession, user_id: int, *, actor_id: int | None = None
    ) -> None:
        """Log out everywhere: every session of the user ends, and their sockets close."""
        ended = await repository.end_sessions(session, user_id, utcnow())
        audit.record(
            session,
            actor_id=actor_id if actor_id is not None else user_id,
            action=AuditAction.SESSIONS_ENDED,
            target_user_id=user_id,
            detail={"sessions": len(ended)},
        )
        self._close_sockets_after_commit(session, user_id=user_id)
