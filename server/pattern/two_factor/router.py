"""Two-factor log-in: the person's own settings, the administrator's rule, and the log-in's
second step."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from pattern.auth.cookies import PENDING_COOKIE, set_pending_cookie
from pattern.auth.deps import AdminUser, CurrentCaller, SessionsDep, SignedInSession
from pattern.auth.router import start_session
from pattern.auth.service import two_factor_setup_pending
from pattern.kit.deps import SessionDep, SettingsDep, client_address
from pattern.kit.errors import Unprocessable
from pattern.models import User, UserSession
from pattern.two_factor.deps import TwoFactorDep
from pattern.two_factor.schemas import (
    CodeBody,
    PasswordAndCode,
    PasswordBody,
    PolicyRead,
    PolicyUpdate,
    RecoveryCodes,
    SecondFactorBody,
    TotpSetup,
    TwoFactorRead,
)
from pattern.users.schemas import UserRead

router = APIRouter(prefix="/two-factor", tags=["two-factor"])
sessions_router = APIRouter(prefix="/sessions", tags=["sessions"])


def _device(current: tuple[User, UserSession]) -> str:
    """Wrong codes in Settings are counted against the session (a stolen one cannot guess)."""
    return f"session:{current[1].id}"


async def password_checked(
    current: tuple[User, UserSession], password: str, session: SessionDep, sessions: SessionsDep
) -> User:
    user = current[0]
    await sessions.check_password(session, user, current[1].id, password)
    await session.refresh(user)  # the check let the connection go meanwhile
    return user


@router.get("", response_model=TwoFactorRead)
async def read_two_factor(
    caller: CurrentCaller, session: SessionDep, two_factor: TwoFactorDep
) -> TwoFactorRead:
    """Your second factors: the authenticator app, recovery codes left, passkeys; and
    whether this server requires one (then nothing else works until one is set up, unless
    this session signed in through single sign-on)."""
    pending = await two_factor_setup_pending(session, caller.user.id, caller.session)
    return await two_factor.status(session, caller.user.id, setup_required=pending)


@router.post("/totp", response_model=TotpSetup)
async def start_totp(
    body: PasswordBody,
    current: SignedInSession,
    session: SessionDep,
    sessions: SessionsDep,
    two_factor: TwoFactorDep,
) -> TotpSetup:
    """Start setting up an authenticator app (your password needed): its secret, as a
    QR code and as text. Shown this once; nothing changes until a code confirms it."""
    user = await password_checked(current, body.password, session, sessions)
    return await two_factor.start_totp(session, user)


@router.post("/totp/confirm", response_model=RecoveryCodes)
async def confirm_totp(
    body: CodeBody, current: SignedInSession, session: SessionDep, two_factor: TwoFactorDep
) -> RecoveryCodes:
    """Turn the authenticator app on with one of its codes. Answers ten single-use
    recovery codes, shown this once."""
    codes = await two_factor.confirm_totp(session, current[0], body.code, device=_device(current))
    return RecoveryCodes(recovery_codes=codes)


@router.delete("/totp", status_code=204)
async def disable_totp(
    body: PasswordAndCode,
    current: SignedInSession,
    session: SessionDep,
    sessions: SessionsDep,
    two_factor: TwoFactorDep,
) -> None:
    """Turn the authenticator app off: your password and a current code are needed."""
    device = _device(current)
    user = await password_checked(current, body.password, session, sessions)
    await two_factor.disable_totp(session, user, body.code, device=device)


@router.post("/recovery-codes", response_model=RecoveryCodes)
async def regenerate_recovery_codes(
    body: PasswordAndCode,
    current: SignedInSession,
    session: SessionDep,
    sessions: SessionsDep,
    two_factor: TwoFactorDep,
) -> RecoveryCodes:
    """Ten new recovery codes (your password and a current code needed); the old ones stop
    working."""
    device = _device(current)
    user = await password_checked(current, body.password, session, sessions)
    codes = await two_factor.regenerate_recovery_codes(session, user, body.code, device=device)
    return RecoveryCodes(recovery_codes=codes)


@router.get("/policy", response_model=PolicyRead)
async def read_policy(_: AdminUser, session: SessionDep, two_factor: TwoFactorDep) -> PolicyRead:
    """Whether everyone must log in with a second factor (administrators only)."""
    return PolicyRead(require_two_factor=await two_factor.require_two_factor(session))


@router.put("/policy", response_model=PolicyRead)
async def update_policy(
    body: PolicyUpdate, admin: AdminUser, session: SessionDep, two_factor: TwoFactorDep
) -> PolicyRead:
    """Require a second factor of everyone, or not (administrators only; set up your own
    first). People without one are sent to set it up when they next log in."""
    await two_factor.set_require_two_factor(session, admin, body.require_two_factor)
    return PolicyRead(require_two_factor=body.require_two_factor)


@sessions_router.post("/two-factor", response_model=UserRead)
async def complete_log_in(
    body: SecondFactorBody,
    request: Request,
    response: Response,
    session: SessionDep,
    sessions: SessionsDep,
    two_factor: TwoFactorDep,
    settings: SettingsDep,
) -> UserRead:
    """The log-in's second step, after POST /api/sessions answered 202: a code of the
    authenticator app, or one of the recovery codes (each works once). Sets the session's
    cookies as a log-in does. Wrong codes are throttled as passwords are."""
    if bool(body.code) == bool(body.recovery_code):
        raise Unprocessable("Send either a code or a recovery code.", code="invalid_input")
    user = await two_factor.complete_log_in(
        session,
        request.cookies.get(PENDING_COOKIE),
        code=body.code,
        recovery_code=body.recovery_code,
        client=client_address(request),
    )
    set_pending_cookie(response, None, settings)
    return await start_session(session, sessions, user, request, response, settings)
