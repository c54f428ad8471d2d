"""Plaid's webhook signing keys by kid, looked up at Plaid as sparingly as a forger allows.

Anyone can send a webhook naming any kid, and each kid we do not know would cost a call to
/webhook_verification_key/get and a row in plaid_api_events. So a kid must look like
Plaid's (a UUID), a kid Plaid did not know is not asked about again for a while, and the
look-ups of new kids are limited per minute: past the limit a webhook naming a new kid is
refused without a call. Known keys are never limited, and webhooks arriving together with
one new kid (a storm after Plaid rotates its key) share one look-up.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import jwt
from jwt.algorithms import ECAlgorithm

from pattern.kit.cache import LruCache
from pattern.plaid.client import PlaidClient
from pattern.plaid.errors import PlaidApiError

# Plaid's kids are UUIDs ("bfbd5111-8e33-4643-8ced-b2e642a72f3c" in its documentation).
KID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
LOOKUPS_PER_MINUTE = 10
UNKNOWN_KID_SECONDS = 300.0
UNKNOWN_KIDS_KEPT = 1000


class KeyUnavailable(Exception):
    """No usable key for this kid; the message says why."""


def is_plaid_kid(kid: object) -> bool:
    return isinstance(kid, str) and KID.fullmatch(kid) is not None


class _Budget:
    """At most `per_minute` look-ups in any minute."""

    def __init__(self, per_minute: int, clock: Callable[[], float]) -> None:
        self._per_minute = per_minute
        self._clock = clock
        self._times: deque[float] = deque()

    def take(self) -> bool:
        now = self._clock()
        while self._times and now - self._times[0] >= 60:
            self._times.popleft()
        if len(self._times) >= self._per_minute:
            return False
        self._times.append(now)
        return True


class SigningKeys:
    def __init__(
        self,
        plaid: PlaidClient,
        *,
        lookups_per_minute: int = LOOKUPS_PER_MINUTE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._plaid = plaid
        self._clock = clock
        self._known: dict[str, Any] = {}
        # kid -> until when it is taken as unknown
        self._unknown = LruCache(UNKNOWN_KIDS_KEPT)
        self._budget = _Budget(lookups_per_minute, clock)
        self._looking_up: dict[str, asyncio.Future[Any]] = {}

    async def get(self, kid: str) -> Any:
        """The public key named `kid` (checked to be Plaid's form beforehand)."""
        key = self._known.get(kid)
        if key is not None:
            return key
        unknown_until = self._unknown.get(kid)
        if unknown_until is not None and unknown_until > self._clock():
            raise KeyUnavailable("unknown signing key")
        lookup = self._looking_up.get(kid)
        if lookup is None:
            if not self._budget.take():
                raise KeyUnavailable("unknown signing key (too many looked up lately)")
            lookup = asyncio.ensure_future(self._look_up(kid))
            self._looking_up[kid] = lookup
            lookup.add_done_callback(lambda done: self._finished(kid, done))
        # Shielded: a sender hanging up must not cancel the look-up others wait for.
        return await asyncio.shield(lookup)

    def _finished(self, kid: str, lookup: asyncio.Future[Any]) -> None:
        self._looking_up.pop(kid, None)
        if not lookup.cancelled():
            lookup.exception()  # retrieved here too, in case every waiter went away

    async def _look_up(self, kid: str) -> Any:
        try:
            response = await self._plaid.get_webhook_verification_key(kid)
        except PlaidApiError as exc:
            if not exc.retryable:  # Plaid answered: it has no such key
                self._unknown.put(kid, self._clock() + UNKNOWN_KID_SECONDS)
            raise KeyUnavailable("unknown signing key") from exc
        jwk = response.get("key") or {}
        if jwk.get("expired_at"):
            raise KeyUnavailable("expired signing key")
        try:
            key = ECAlgorithm.from_jwk(json.dumps(jwk, default=str))
        except (jwt.PyJWTError, ValueError, KeyError) as exc:
            raise KeyUnavailable("unusable signing key") from exc
        self._known[kid] = key
        return key
