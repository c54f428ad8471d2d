"""Verifies Plaid's webhook signature as Plaid documents it.

The Plaid-Verification header is an ES256 JWT whose header names the key (kid) and whose
claims hold iat and the SHA-256 of the exact body. Keys come from
/webhook_verification_key/get (pattern.webhooks.signing_keys). Everything that costs
nothing is checked before a key is looked up.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

import jwt
from jwt.utils import base64url_decode

from pattern.kit.errors import Unauthorized
from pattern.plaid.client import PlaidClient
from pattern.webhooks.signing_keys import KeyUnavailable, SigningKeys, is_plaid_kid

MAX_AGE_SECONDS = 5 * 60
# How far ahead of this server's clock Plaid's may be.
MAX_CLOCK_SKEW_SECONDS = 60
# Plaid's headers are ~320 characters; anything much longer is not one.
MAX_TOKEN_CHARS = 4096


def _refuse(reason: str) -> Unauthorized:
    return Unauthorized(f"Webhook refused: {reason}.", code="invalid_webhook")


@dataclass(frozen=True)
class SignedWebhook:
    """A verified delivery: what names it among deliveries, and until when it is valid."""

    replay_key: bytes
    valid_until: float


def _replay_key(token: str) -> bytes:
    """The signed header and claims, and the signature's r: an ECDSA signature (r, s) also
    verifies as (r, n - s), so the whole signature would let a replay pass as new; making
    another r takes the private key. Two deliveries of the same body differ in iat or r."""
    signing_input, _, signature = token.rpartition(".")
    r = base64url_decode(signature.encode())[:32]
    return hashlib.sha256(signing_input.encode() + b"." + r).digest()


def _plaid_kid(token: str) -> str:
    """The id of the Plaid key the token's header names, once the header is well formed."""
    if len(token) > MAX_TOKEN_CHARS:
        raise _refuse("malformed signature")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise _refuse("malformed signature") from exc
    if header.get("alg") != "ES256":
        raise _refuse("signature algorithm must be ES256")
    kid = header.get("kid")
    if not kid:
        raise _refuse("signature names no key")
    if not is_plaid_kid(kid):
        raise _refuse("signature names no Plaid key")
    return str(kid)


class WebhookVerifier:
    def __init__(self, plaid: PlaidClient, clock: Any = time.time) -> None:
        self._keys = SigningKeys(plaid)
        self._clock = clock

    async def verify(self, token: str | None, body: bytes) -> SignedWebhook:
        if not token:
            raise _refuse("missing Plaid-Verification header")
        try:
            key = await self._keys.get(_plaid_kid(token))
        except KeyUnavailable as exc:
            raise _refuse(str(exc)) from exc
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=["ES256"],
                options={"require": ["iat"], "verify_iat": False, "verify_exp": False},
            )
        except jwt.PyJWTError as exc:
            raise _refuse("bad signature") from exc
        issued = self._check_issued(claims.get("iat"))
        expected = claims.get("request_body_sha256")
        actual = hashlib.sha256(body).hexdigest()
        if not isinstance(expected, str) or not hmac.compare_digest(expected, actual):
            raise _refuse("body does not match its signature")
        return SignedWebhook(_replay_key(token), valid_until=issued + MAX_AGE_SECONDS)

    def _check_issued(self, issued: object) -> float:
        now = self._clock()
        if not isinstance(issued, int | float) or issued < now - MAX_AGE_SECONDS:
            raise _refuse("signature is too old")
        if not issued <= now + MAX_CLOCK_SKEW_SECONDS:  # written so that NaN fails too
            raise _refuse("signature is dated in the future")
        return issued
