"""Signed access and refresh tokens (HS256 with the server's SECRET_KEY)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import jwt

TokenKind = Literal["access", "refresh"]


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    session_id: str
    generation: int


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

    def read(self, kind: TokenKind, token: str) -> TokenClaims | None:
        """The token's claims, or None when it is forged, expired or of the wrong kind."""
        try:
            payload = jwt.decode(
                token, self._key, algorithms=["HS256"], options={"require": ["exp", "sub", "sid"]}
            )
            if payload.get("typ") != kind:
                return None
            return TokenClaims(
                user_id=int(payload["sub"]),
                session_id=str(payload["sid"]),
                generation=int(payload.get("gen", 0)),
            )
        except (jwt.PyJWTError, ValueError, TypeError):
            return None
