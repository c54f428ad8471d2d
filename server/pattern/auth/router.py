from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.auth.cookies import (
    ACCESS_COOKIE,
    DEVICE_COOKIE,
    REFRESH_COOKIE,
    clear_session_cookies,
    set_device_cookie,
    set_pending_cookie,
    set_session_cookies,
)
from pattern.auth.deps import SessionsDep, SignedInUser
from pattern.auth.schemas import LoginRequest
from pattern.auth.service import Sessions
from pattern.kit.config import Settings
from pattern.kit.deps import SessionDep, SettingsDep, client_address
from pattern.kit.errors import Forbidden, Unauthorized
from pattern.models import User
from pattern.two_factor.deps import TwoFactorDep
from pattern.two_factor.schemas import SecondFactorNeeded
from pattern.users.schemas import UserRead

router = APIRouter(prefix="/sessions", tags=["sessions"])

PASSWORD_LOGIN_OFF = (
    "Logging in with a password is turned off on this server: use its single sign-on."
)


@router.post(
    "",
    response_model=UserRead,
    responses={202: {"model": SecondFactorNeeded, "description": "A second factor is needed"}},
)
async def log_in(
    body: LoginRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    sessions: SessionsDep,
    two_factor: TwoFactorDep,
    settings: SettingsDep,
) -> UserRead | JSONResponse:
    """Log in: sets the httpOnly access and refresh cookies, and the device cookie that keeps
    this browser from being locked out by other people's wrong guesses. With two-factor
    log-in on, it answers 202 with the second factors to choose from and a short-lived
    cookie instead; POST /api/sessions/two-factor (or /passkey) completes it. 403
    (password_login_off) when the server allows single sign-on only (PASSWORD_LOGIN=false)."""
    if not settings.password_login:
        raise Forbidden(PASSWORD_LOGIN_OFF, code="password_login_off")
    user = await sessions.check_credentials(
        session,
        username=body.username,
        password=body.password,
        client=client_address(request),
        device_token=request.cookies.get(DEVICE_COOKIE),
    )
    methods = await two_factor.methods(session, user.id)
    if methods:
        needed = JSONResponse(SecondFactorNeeded(methods=methods).model_dump(), status_code=202)
        set_pending_cookie(needed, two_factor.pending_token(user), settings)
        return needed
    return await start_session(session, sessions, user, request, response, settings)


async def start_session(
    session: AsyncSession,
    sessions: Sessions,
    user: User,
    request: Request,
    response: Response,
    settings: Settings,
    *,
    method: str | None = None,
) -> UserRead:
    """The log-in is complete: the session's cookies and the device cookie."""
    user, tokens, device_token = await sessions.start(
        session, user, client_address(request), method=method
    )
    set_session_cookies(response, tokens, settings)
    set_device_cookie(response, device_token, settings)
    return UserRead.model_validate(user)


@router.post("/refresh", status_code=204)
async def refresh(
    request: Request,
    response: Response,
    session: SessionDep,
    sessions: SessionsDep,
    settings: SettingsDep,
) -> None:
    """Rotate both cookies. A refresh token works once."""
    token = request.cookies.get(REFRESH_COOKIE)
    if not token:
        raise Unauthorized("No refresh token.", code="session_ended")
    tokens = await sessions.refresh(session, token)
    set_session_cookies(response, tokens, settings)


@router.delete("", status_code=204)
async def log_out(
    request: Request,
    response: Response,
    session: SessionDep,
    sessions: SessionsDep,
    settings: SettingsDep,
) -> None:
    """Log out: ends the session and clears the cookies."""
    await sessions.log_out(
        session, request.cookies.get(ACCESS_COOKIE), request.cookies.get(REFRESH_COOKIE)
    )
    clear_session_cookies(response, settings)


@router.get("/me", response_model=UserRead)
async def me(user: SignedInUser) -> UserRead:
    """The logged-in user (answered even while the two-factor setup the server requires is
    not done: GET /api/two-factor says so)."""
    return UserRead.model_validate(user)
