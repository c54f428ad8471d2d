"""The session cookies (httpOnly, SameSite=Lax, Secure over HTTPS) and the device cookie."""

from __future__ import annotations

from fastapi import Response

from pattern.auth.tokens import DEVICE_DAYS, PENDING_MINUTES, SessionTokens
from pattern.kit.config import Settings

ACCESS_COOKIE = "pattern_access"
REFRESH_COOKIE = "pattern_refresh"
DEVICE_COOKIE = "pattern_device"
# A log-in whose password was right, waiting for its second factor (pattern.two_factor).
PENDING_COOKIE = "pattern_pending"
# A passkey ceremony's challenge, between its two requests (pattern.two_factor.passkeys).
PASSKEY_COOKIE = "pattern_passkey"
# The refresh and device tokens are only ever sent to the session routes.
REFRESH_PATH = "/api/sessions"


def set_session_cookies(response: Response, tokens: SessionTokens, settings: Settings) -> None:
    common = {"httponly": True, "samesite": "lax", "secure": settings.secure_cookies}
    response.set_cookie(
        ACCESS_COOKIE,
        tokens.access_token,
        max_age=settings.access_token_minutes * 60,
        path="/",
        **common,  # type: ignore[arg-type]
    )
    response.set_cookie(
        REFRESH_COOKIE,
        tokens.refresh_token,
        max_age=settings.refresh_token_hours * 3600,
        path=REFRESH_PATH,
        **common,  # type: ignore[arg-type]
    )


def set_device_cookie(response: Response, token: str, settings: Settings) -> None:
    """Marks this browser as one where the username logged in (pattern.auth.throttle)."""
    response.set_cookie(
        DEVICE_COOKIE,
        token,
        max_age=DEVICE_DAYS * 86400,
        path=REFRESH_PATH,
        httponly=True,
        samesite="strict",
        secure=settings.secure_cookies,
    )


def clear_session_cookies(response: Response, settings: Settings) -> None:
    for name, path in ((ACCESS_COOKIE, "/"), (REFRESH_COOKIE, REFRESH_PATH)):
        response.delete_cookie(
            name, path=path, httponly=True, samesite="lax", secure=settings.secure_cookies
        )


def set_pending_cookie(response: Response, token: str | None, settings: Settings) -> None:
    """Set (or, with None, clear) the cookie of a log-in waiting for its second factor."""
    _short_cookie(response, PENDING_COOKIE, token, REFRESH_PATH, settings)


def set_passkey_cookie(response: Response, token: str | None, settings: Settings) -> None:
    """Set (or, with None, clear) the cookie of a passkey ceremony's challenge."""
    _short_cookie(response, PASSKEY_COOKIE, token, "/api", settings)


def _short_cookie(
    response: Response, name: str, token: str | None, path: str, settings: Settings
) -> None:
    if token is None:
        response.delete_cookie(
            name, path=path, httponly=True, samesite="strict", secure=settings.secure_cookies
        )
        return
    response.set_cookie(
        name,
        token,
        max_age=PENDING_MINUTES * 60,
        path=path,
        httponly=True,
        samesite="strict",
        secure=settings.secure_cookies,
    )
