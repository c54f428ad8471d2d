"""Two-factor log-in: an authenticator app (TOTP) with recovery codes, the log-in's second
step, and the administrator's rule that everyone has a second factor.

Codes are counted as wrong passwords are (pattern.auth.throttle), under their own name so
that a right password does not forget wrong codes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.audit import service as audit
from pattern.audit.actions import AuditAction
from pattern.auth.throttle import LoginThrottle
from pattern.auth.tokens import PENDING_MINUTES, TokenSigner
from pattern.kit.crypto import TokenCipher
from pattern.kit.errors import Conflict, Forbidden, TooManyRequests, Unauthorized
from pattern.models import TotpSecret, User
from pattern.models.base import utcnow
from pattern.two_factor import codes, repository
from pattern.two_factor.schemas import PasskeyRead, SecondFactor, TotpSetup, TwoFactorRead

PENDING_KIND = "second-factor"
WRONG_CODE = "That code is not right, or was used already."
EXPIRED = "The log-in took too long; please enter your password again."
ALREADY_ON = "An authenticator app is already set up; turn it off first."
NOT_ON = "No authenticator app is set up."
NOT_STARTED = "Start setting up an authenticator app first."
STILL_REQUIRED = (
    "This server requires a second factor: add a passkey before turning the authenticator off."
)
SET_UP_YOURS_FIRST = "Set up two-factor log-in for yourself first, or you could not get back in."


def throttled_name(username: str) -> str:
    """Codes are counted apart from passwords (':' is in no username)."""
    return f"{username}:second-factor"


class TwoFactor:
    """The authenticator app, recovery codes and the log-in's second step."""

    def __init__(
        self,
        *,
        cipher: TokenCipher,
        signer: TokenSigner,
        throttle: LoginThrottle,
        recovery_key: bytes,
        issuer: str = "Pattern",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._cipher = cipher
        self._signer = signer
        self._throttle = throttle
        self._recovery_key = recovery_key
        self._issuer = issuer
        # Seconds since the epoch, for TOTP steps: tests set their own.
        self.clock = clock

    async def status(
        self, session: AsyncSession, user_id: int, *, setup_required: bool
    ) -> TwoFactorRead:
        """`setup_required`: the two-factor rule's answer for this caller
        (pattern.auth.service.two_factor_setup_pending)."""
        totp = await repository.totp_of(session, user_id)
        passkeys = await repository.passkeys_of(session, user_id)
        required = await repository.require_two_factor(session)
        enabled = totp is not None and totp.confirmed_at is not None
        return TwoFactorRead(
            totp_enabled=enabled,
            recovery_codes_left=await repository.recovery_codes_left(session, user_id),
            passkeys=[PasskeyRead.model_validate(passkey) for passkey in passkeys],
            required=required,
            setup_required=setup_required,
        )

    async def methods(self, session: AsyncSession, user_id: int) -> list[SecondFactor]:
        """The second factors the person can log in with (none: the password is enough)."""
        found: list[SecondFactor] = []
        totp = await repository.totp_of(session, user_id)
        if totp is not None and totp.confirmed_at is not None:
            found.append("totp")
        if await repository.passkeys_of(session, user_id):
            found.append("passkey")
        if found and await repository.recovery_codes_left(session, user_id):
            found.append("recovery_code")
        return found

    # Setting up and turning off the authenticator app.

    async def start_totp(self, session: AsyncSession, user: User) -> TotpSetup:
        """A new secret, not in use until confirmed with a code (a new start replaces it)."""
        row = await repository.totp_of(session, user.id, lock=True)
        if row is not None and row.confirmed_at is not None:
            raise Conflict(ALREADY_ON, code="totp_enabled")
        secret = codes.new_secret()
        encrypted = self._cipher.encrypt(secret)
        if row is None:
            session.add(
                TotpSecret(user_id=user.id, secret_encrypted=encrypted, created_at=utcnow())
            )
        else:
            row.secret_encrypted, row.created_at, row.last_used_step = encrypted, utcnow(), None
        await session.flush()
        uri = codes.provisioning_uri(secret, user.username, self._issuer)
        return TotpSetup(secret=secret, otpauth_uri=uri, qr_svg=codes.qr_svg(uri))

    async def confirm_totp(
        self, session: AsyncSession, user: User, code: str, *, device: str
    ) -> list[str]:
        """Turns the app on with one of its codes; answers the new recovery codes."""
        row = await repository.totp_of(session, user.id, lock=True)
        if row is None or row.confirmed_at is not None:
            raise Conflict(NOT_STARTED, code="totp_not_started")
        await self._check(
            session, user, code=code, client="", device=device, forbidden=True, setting_up=True
        )
        row.confirmed_at = utcnow()
        _record(session, user.id, AuditAction.TWO_FACTOR_APP_ADDED)
        return await self._new_recovery_codes(session, user.id)

    async def disable_totp(
        self, session: AsyncSession, user: User, code: str, *, device: str
    ) -> None:
        await self._confirmed(session, user.id)
        await self._check(session, user, code=code, client="", device=device, forbidden=True)
        passkeys = await repository.passkeys_of(session, user.id)
        if not passkeys and await repository.require_two_factor(session):
            raise Conflict(STILL_REQUIRED, code="two_factor_required")
        await repository.delete_totp(session, user.id)
        if not passkeys:
            await repository.delete_recovery_codes(session, user.id)
        _record(session, user.id, AuditAction.TWO_FACTOR_APP_REMOVED)

    async def regenerate_recovery_codes(
        self, session: AsyncSession, user: User, code: str, *, device: str
    ) -> list[str]:
        """New recovery codes; the old ones stop working."""
        await self._confirmed(session, user.id)
        await self._check(session, user, code=code, client="", device=device, forbidden=True)
        _record(session, user.id, AuditAction.RECOVERY_CODES_RENEWED)
        return await self._new_recovery_codes(session, user.id)

    async def first_recovery_codes(self, session: AsyncSession, user_id: int) -> list[str] | None:
        """New recovery codes for someone who has none left (a first passkey): else None."""
        if await repository.recovery_codes_left(session, user_id):
            return None
        return await self._new_recovery_codes(session, user_id)

    async def _confirmed(self, session: AsyncSession, user_id: int) -> None:
        row = await repository.totp_of(session, user_id)
        if row is None or row.confirmed_at is None:
            raise Conflict(NOT_ON, code="totp_not_enabled")

    async def _new_recovery_codes(self, session: AsyncSession, user_id: int) -> list[str]:
        fresh = codes.new_recovery_codes()
        hashes = [codes.recovery_hash(self._recovery_key, code) for code in fresh]
        await repository.replace_recovery_codes(session, user_id, hashes, utcnow())
        return fresh

    # The log-in's second step.

    def pending_token(self, user: User) -> str:
        """Says the password of `user` was right a moment ago; the second factor completes it."""
        return self._signer.issue_short(
            PENDING_KIND, str(user.id), now=utcnow(), ttl=timedelta(minutes=PENDING_MINUTES)
        )

    def pending_user(self, token: str | None) -> int:
        claims = self._signer.read_short(PENDING_KIND, token) if token else None
        try:
            return int(claims["sub"]) if claims else 0
        except (TypeError, ValueError):
            return 0

    async def complete_log_in(
        self,
        session: AsyncSession,
        pending: str | None,
        *,
        code: str | None,
        recovery_code: str | None,
        client: str,
    ) -> User:
        """The user whose log-in the code (or recovery code) completes."""
        user_id = self.pending_user(pending)
        user = await session.get(User, user_id) if user_id else None
        if user is None:
            raise Unauthorized(EXPIRED, code="second_factor_expired")
        await self._check(session, user, code=code, recovery_code=recovery_code, client=client)
        return user

    async def _check(
        self,
        session: AsyncSession,
        user: User,
        *,
        code: str | None = None,
        recovery_code: str | None = None,
        client: str,
        device: str | None = None,
        forbidden: bool = False,
        setting_up: bool = False,
    ) -> None:
        """Accepts the code (used up), or counts a failure and refuses it."""
        name = throttled_name(user.username)
        wait = await self._throttle.retry_after(name, client, device)
        if wait:
            raise TooManyRequests.wait("wrong codes", wait)
        if await self._accepts(session, user.id, code, recovery_code, setting_up=setting_up):
            await self._throttle.record_success(name, device)
            return
        await self._throttle.record_failure(name, client, device)
        field = "recovery_code" if recovery_code else "code"
        if forbidden:  # in Settings, signed in already
            raise Forbidden(WRONG_CODE, code="wrong_code", field=field)
        audit.record(
            session,
            actor_id=None,
            action=AuditAction.LOGIN_FAILED,
            target_user_id=user.id,
            detail={"reason": "wrong_second_factor"},
            ip=client,
        )
        raise Unauthorized(WRONG_CODE, code="wrong_code", field=field, keep_changes=True)

    async def _accepts(
        self,
        session: AsyncSession,
        user_id: int,
        code: str | None,
        recovery_code: str | None,
        *,
        setting_up: bool,
    ) -> bool:
        if recovery_code:
            hashed = codes.recovery_hash(self._recovery_key, recovery_code)
            return await repository.use_recovery_code(session, user_id, hashed, utcnow())
        row = await repository.totp_of(session, user_id)
        if row is None or not code or (row.confirmed_at is None) != setting_up:
            return False
        secret = self._cipher.decrypt(row.secret_encrypted)
        step = codes.matching_step(secret, code, self.clock(), row.last_used_step)
        return step is not None and await repository.use_totp_step(session, user_id, step)

    # The administrator's rule.

    async def require_two_factor(self, session: AsyncSession) -> bool:
        return await repository.require_two_factor(session)

    async def set_require_two_factor(
        self, session: AsyncSession, admin: User, required: bool
    ) -> None:
        if required and not await repository.has_factor(session, admin.id):
            raise Conflict(SET_UP_YOURS_FIRST, code="two_factor_not_set_up")
        await repository.set_require_two_factor(session, required, utcnow())
        audit.record(
            session,
            actor_id=admin.id,
            action=AuditAction.TWO_FACTOR_RULE_CHANGED,
            detail={"required": required},
        )


def _record(session: AsyncSession, user_id: int, action: AuditAction) -> None:
    """A change the person made to their own second factors, in their audit log."""
    audit.record(session, actor_id=user_id, action=action)
