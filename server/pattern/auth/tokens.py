"""Signed access, refresh and device tokens (HS256 with the server's SECRET_KEY)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import jwt

TokenKind = Literal["access", "refresh"]
# How long a browser stays a trusted device of a username after logging in there.
DEVICE_DAYS = 180
# How long a log-in whose password was right waits for its second factor.
PENDING_MINUTES = 5


@dataclass(frozen=True)
class SessionTokens:
    """A session's pair of tokens, which the session cookies carry."""

    access_token: str
    refresh_token: str


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    session_id: str
    generation: int


@dataclass(frozen=True)
class DeviceClaims:
    """A browser where `username` logged in before (pattern.auth.throttle)."""

    username: str
    device_id: str


class TokenSigner:
    def __init__(self, secret_key: str) -> None:
        self._key = secret_key

    def issue(self, kind: TokenKind, claims: TokenClaims, *, now: datetime, ttl: timedelta) -> str:
        payload = {
            "typ": kind,
            "sub": str(claims.user_id),
            "sid": claims.session_id,
            "gen": claims.generation,
            "iat": int(now.timestamp()),
            "exp": int((now + ttl).timestamp()),
        }
        return jwt.encode(payload, self._key, algorithm="HS256")

    def issue_device(self, username: str, *, now: datetime, ttl: timedelta) -> str:
        payload = {
            "typ": "device",
            "sub": username.lower(),
            "jti": secrets.token_urlsafe(16),
            "iat": int(now.timestamp()),
            "exp": int((now + ttl).timestamp()),
        }
        return jwt.encode(payload, self._key, algorithm="HS256")

    def read_device(self, token: str) -> DeviceClaims | None:
        payload = self._decode(token, "device", ["exp", "sub", "jti"])
        if payload is None:
            return None
        return DeviceClaims(username=str(payload["sub"]), device_id=str(payload["jti"]))

    def issue_short(
        self, kind: str, subject: str, *, now: datetime, ttl: timedelta, **claims: str
    ) -> str:
        """A short-lived token of another kind: a log-in waiting for its second factor, a
        passkey ceremony's challenge (pattern.two_factor)."""
        payload = {
            "typ": kind,
            "sub": subject,
            "iat": int(now.timestamp()),
            "exp": int((now + ttl).timestamp()),
            **claims,
        }
        return jwt.encode(payload, self._key, algorithm="HS256")

    def read_short(self, kind: str, token: str) -> dict[str, Any] | None:
        return self._decode(token, kind, ["exp", "sub"])

    def _decode(self, token: str, kind: str, required: list[str]) -> dict[str, Any] | None:
        try:
            payload: dict[str, Any] = jwt.decode(
                token, self._key, algorithms=["HS256"], options={"require": required}
            )
        except jwt.PyJWTError:
            return None
        return payload if payload.get("typ") == kind else None

    def read(self, kind: TokenKind, token: str) -> TokenClaims | None:
        """The token's claims, or None when it is forged, expired or of the wrong kind."""
        payload = self._decode(token, kind, ["exp", "sub", "sid"])
        if payload is None:
            return None
        try:
            return TokenClaims(
                user_id=int(payload["sub"]),
                session_id=str(payload["sid"]),
                generation=int(payload.get("gen", 0)),
            )
        except (ValueError, TypeError):
            return None
