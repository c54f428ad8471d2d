from __future__ import annotations

from fastapi import APIRouter, Request, Response

from pattern.auth.cookies import (
    ACCESS_COOKIE,
    DEVICE_COOKIE,
    REFRESH_COOKIE,
    clear_session_cookies,
    set_device_cookie,
    set_session_cookies,
)
from pattern.auth.deps import CurrentUser, SessionsDep
from pattern.auth.schemas import LoginRequest
from pattern.kit.deps import SessionDep, SettingsDep, client_address
from pattern.kit.errors import Unauthorized
from pattern.users.schemas import UserRead

router = APIRouter(prefix="/sessions", tags=["sessions"])


@router.post("", response_model=UserRead)
async def log_in(
    body: LoginRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    sessions: SessionsDep,
    settings: SettingsDep,
) -> UserRead:
    """Log in: sets the httpOnly access and refresh cookies, and the device cookie that keeps
    this browser from being locked out by other people's wrong guesses."""
    user, tokens, device_token = await sessions.log_in(
        session,
        username=body.username,
        password=body.password,
        client=client_address(request),
        device_token=request.cookies.get(DEVICE_COOKIE),
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
async def me(user: CurrentUser) -> UserRead:
    """The logged-in user."""
    return UserRead.model_validate(user)
