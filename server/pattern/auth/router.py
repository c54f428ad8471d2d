from __future__ import annotations

from fastapi import APIRouter, Request, Response

from pattern.auth import service
from pattern.auth.cookies import (
    ACCESS_COOKIE,
    DEVICE_COOKIE,
    REFRESH_COOKIE,
    clear_session_cookies,
    set_device_cookie,
    set_session_cookies,
)
from pattern.auth.deps import CurrentUser
from pattern.auth.schemas import LoginRequest
from pattern.kit.deps import ContextDep, SessionDep, client_address
from pattern.kit.errors import Unauthorized
from pattern.users.schemas import UserRead

router = APIRouter(prefix="/sessions", tags=["sessions"])


@router.post("", response_model=UserRead)
async def log_in(
    body: LoginRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    context: ContextDep,
) -> UserRead:
    """Log in: sets the httpOnly access and refresh cookies, and the device cookie that keeps
    this browser from being locked out by other people's wrong guesses."""
    user, tokens, device_token = await service.log_in(
        session,
        context,
        username=body.username,
        password=body.password,
        client=client_address(request),
        device_token=request.cookies.get(DEVICE_COOKIE),
    )
    set_session_cookies(response, tokens, context.settings)
    set_device_cookie(response, device_token, context.settings)
    return UserRead.model_validate(user)


@router.post("/refresh", status_code=204)
async def refresh(
    request: Request, response: Response, session: SessionDep, context: ContextDep
) -> None:
    """Rotate both cookies. A refresh token works once."""
    token = request.cookies.get(REFRESH_COOKIE)
    if not token:
        raise Unauthorized("No refresh token.", code="session_ended")
    tokens = await service.refresh(session, context, token)
    set_session_cookies(response, tokens, context.settings)


@router.delete("", status_code=204)
async def log_out(
    request: Request, response: Response, session: SessionDep, context: ContextDep
) -> None:
    """Log out: ends the session and clears the cookies."""
    await service.log_out(
        session, context, request.cookies.get(ACCESS_COOKIE), request.cookies.get(REFRESH_COOKIE)
    )
    clear_session_cookies(response, context.settings)


@router.get("/me", response_model=UserRead)
async def me(user: CurrentUser) -> UserRead:
    """The logged-in user."""
    return UserRead.model_validate(user)
