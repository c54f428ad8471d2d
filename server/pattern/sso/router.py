"""Single sign-on with the OpenID provider: begin at the provider, come back logged in."""

from __future__ import annotations

import logging
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse

from pattern.auth.deps import SessionsDep
from pattern.auth.router import start_session
from pattern.auth.service import SSO
from pattern.kit.config import Settings
from pattern.kit.deps import SessionDep, SettingsDep, client_address, provided
from pattern.kit.errors import NotFound
from pattern.sso.flow import FLOW_MINUTES
from pattern.sso.provider import SsoFailure
from pattern.sso.service import SingleSignOn

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/sso", tags=["sessions"])

SsoDep = Annotated[SingleSignOn, Depends(provided(SingleSignOn))]
# The log-in's state, nonce and verifier between the two requests. SameSite=Lax: the
# provider's redirect back is a top-level navigation from its site.
FLOW_COOKIE = "pattern_sso"
FLOW_PATH = "/api/sso"
CALLBACK_PATH = "/api/sso/callback"
NOT_SET_UP = "Single sign-on is not set up on this server (OIDC_ISSUER, OIDC_CLIENT_ID)."
_REDIRECTS: dict[int | str, dict[str, Any]] = {
    303: {"description": "To the provider, or back to the web app"}
}


def redirect_uri(request: Request, settings: Settings) -> str:
    """The callback's address, to register at the provider: PUBLIC_URL's, else the host the
    request came to (the middleware let only allowed hosts through)."""
    if settings.public_url:
        return settings.public_url + CALLBACK_PATH
    return f"{request.url.scheme}://{request.headers.get('host', '')}{CALLBACK_PATH}"


def _flow_cookie(response: RedirectResponse, token: str | None, settings: Settings) -> None:
    if token is None:
        response.delete_cookie(
            FLOW_COOKIE,
            path=FLOW_PATH,
            httponly=True,
            samesite="lax",
            secure=settings.secure_cookies,
        )
        return
    response.set_cookie(
        FLOW_COOKIE,
        token,
        max_age=FLOW_MINUTES * 60,
        path=FLOW_PATH,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )


def _back_to_log_in(failure: SsoFailure, settings: Settings) -> RedirectResponse:
    """The log-in page, which says in words what went wrong (the reason's code only)."""
    # The detail may be the provider's ?error= (anyone's words): one printable line.
    detail = "".join(c if c.isprintable() else "?" for c in failure.detail[:200])
    logger.warning("single sign-on refused: %s %s", failure.reason, detail)
    response = RedirectResponse("/login?" + urlencode({"sso_error": failure.reason}), 303)
    _flow_cookie(response, None, settings)
    return response


@router.get("/login", status_code=303, response_class=RedirectResponse, responses=_REDIRECTS)
async def sso_log_in(
    request: Request,
    sso: SsoDep,
    settings: SettingsDep,
    invite: Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")] = None,
) -> RedirectResponse:
    """Log in with the OpenID provider: redirects to it (authorization code flow with PKCE,
    state and nonce), which sends the browser back to GET /api/sso/callback. With an
    administrator's `invite` code, someone with no account here gets one (named by the
    provider's claim), as OIDC_AUTO_CREATE would. 404 when single sign-on is not set up; an
    unreachable provider leads back to the log-in page."""
    if not sso.enabled:
        raise NotFound(NOT_SET_UP, code="sso_not_set_up")
    try:
        begun = await sso.begin(redirect_uri(request, settings), invite)
    except SsoFailure as failure:
        return _back_to_log_in(failure, settings)
    response = RedirectResponse(begun.url, 303)
    _flow_cookie(response, begun.flow_token, settings)
    return response


@router.get("/callback", status_code=303, response_class=RedirectResponse, responses=_REDIRECTS)
async def sso_callback(
    request: Request,
    session: SessionDep,
    sessions: SessionsDep,
    sso: SsoDep,
    settings: SettingsDep,
    code: Annotated[str | None, Query(max_length=2048)] = None,
    state: Annotated[str | None, Query(max_length=512)] = None,
    error: Annotated[str | None, Query(max_length=256)] = None,
) -> RedirectResponse:
    """Back from the provider: sets the session's cookies and redirects into the web app,
    or to the log-in page with ?sso_error=<reason> (denied, bad_state, expired,
    invalid_token, no_account, email_unverified, account_disabled, ...)."""
    if not sso.enabled:
        raise NotFound(NOT_SET_UP, code="sso_not_set_up")
    try:
        user = await sso.complete(
            session,
            flow_cookie=request.cookies.get(FLOW_COOKIE),
            code=code,
            state=state,
            error=error,
            redirect_uri=redirect_uri(request, settings),
            client=client_address(request),
        )
    except SsoFailure as failure:
        return _back_to_log_in(failure, settings)
    response = RedirectResponse("/", 303)
    _flow_cookie(response, None, settings)
    await start_session(session, sessions, user, request, response, settings, method=SSO)
    return response
