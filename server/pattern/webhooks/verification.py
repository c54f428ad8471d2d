"""Verifies Plaid's webhook signature as Plaid documents it.

The Plaid-Verification header is an ES256 JWT whose header names the key (kid) and whose
claims hold iat and the SHA-256 of the exact body. Keys come from
/webhook_verification_key/get and are cached by kid.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import jwt
from jwt.algorithms import ECAlgorithm

from pattern.errors import Unauthorized
from pattern.plaid.client import PlaidClient
from pattern.plaid.errors import PlaidApiError

MAX_AGE_SECONDS = 5 * 60


def _refuse(reason: str) -> Unauthorized:
    return Unauthorized(f"Webhook refused: {reason}.", code="invalid_webhook")


class WebhookVerifier:
    def __init__(self, plaid: PlaidClient, clock: Any = time.time) -> None:
        self._plaid = plaid
        self._keys: dict[str, Any] = {}
        self._clock = clock

    async def _key(self, kid: str) -> Any:
        key = self._keys.get(kid)
        if key is None:
            try:
                response = await self._plaid.get_webhook_verification_key(kid)
            except PlaidApiError as exc:
                raise _refuse("unknown signing key") from exc
            jwk = response.get("key") or {}
            if jwk.get("expired_at"):
                raise _refuse("expired signing key")
            try:
                key = ECAlgorithm.from_jwk(json.dumps(jwk, default=str))
            except (jwt.PyJWTError, ValueError, KeyError) as exc:
                raise _refuse("unusable signing key") from exc
            self._keys[kid] = key
        return key

    async def verify(self, token: str | None, body: bytes) -> None:
        if not token:
            raise _refuse("missing Plaid-Verification header")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise _refuse("malformed signature") from exc
        if header.get("alg") != "ES256":
            raise _refuse("signature algorithm must be ES256")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise _refuse("signature names no key")
        key = await self._key(kid)
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=["ES256"],
                options={"require": ["iat"], "verify_iat": False, "verify_exp": False},
            )
        except jwt.PyJWTError as exc:
            raise _refuse("bad signature") from exc
        issued = claims.get("iat")
        if not isinstance(issued, int | float) or self._clock() - issued > MAX_AGE_SECONDS:
            raise _refuse("signature is too old")
        expected = claims.get("request_body_sha256")
        actual = hashlib.sha256(body).hexdigest()
        if not isinstance(expected, str) or not hmac.compare_digest(expected, actual):
            raise _refuse("body does not match its signature")
