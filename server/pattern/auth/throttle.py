"""Login slow-down: after repeated failures for a username or from a client, answer 429.

Failures are counted in a sliding window; past the limit each further failure doubles
the wait, up to a cap. One server process keeps the counts in memory; several processes
(REDIS_URL set) keep them in Redis, so that spreading guesses over the processes gains
nothing (pattern.auth.throttle_redis).

A trusted device (a browser holding the device cookie of an earlier log-in of this
username, or a signed-in session) is counted on its own, as OWASP's "device cookies"
describe: guesses from elsewhere that slow the username down do not lock its owner out.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class ThrottleLimits:
    per_user: int
    per_client: int
    window_seconds: float
    max_lockout_seconds: float

    def keys(self, username: str, client: str, device: str | None = None) -> list[tuple[str, int]]:
        """What is counted, with its limit: the username (any case) and the client; or, for
        a trusted device, that device alone."""
        if device is not None:
            return [(device_key(device), self.per_user)]
        return [(user_key(username), self.per_user), (f"client:{client}", self.per_client)]

    def lockout_seconds(self, failures: int, limit: int) -> float | None:
        """The wait after the `failures`th failure in the window (None: no wait yet)."""
        excess = failures - limit
        return min(2.0**excess, self.max_lockout_seconds) if excess >= 0 else None


def user_key(username: str) -> str:
    return f"user:{username.lower()}"


def device_key(device: str) -> str:
    return f"device:{device}"


def forgotten_on_success(username: str, device: str | None) -> str:
    """What a success forgets: the device's failures, or the username's (not the client's)."""
    return device_key(device) if device is not None else user_key(username)


class LoginThrottle(Protocol):
    async def retry_after(self, username: str, client: str, device: str | None = None) -> int:
        """Seconds to wait before another attempt is allowed (0 when allowed now)."""

    async def record_failure(
        self, username: str, client: str, device: str | None = None
    ) -> None: ...

    async def record_success(self, username: str, device: str | None = None) -> None:
        """Forgets the failures of the device, or else of the username (not the client's)."""

    async def close(self) -> None: ...


@dataclass
class _Record:
    failures: deque[float] = field(default_factory=deque)
    locked_until: float = 0.0


class MemoryLoginThrottle:
    def __init__(self, limits: ThrottleLimits, clock: Callable[[], float] = time.monotonic):
        self._limits = limits
        self._clock = clock
        self._records: dict[str, _Record] = {}

    async def retry_after(self, username: str, client: str, device: str | None = None) -> int:
        now = self._clock()
        wait = 0.0
        for key, _ in self._limits.keys(username, client, device):
            record = self._records.get(key)
            if record is not None:
                wait = max(wait, record.locked_until - now)
        return math.ceil(wait) if wait > 0 else 0

    async def record_failure(self, username: str, client: str, device: str | None = None) -> None:
        now = self._clock()
        for key, limit in self._limits.keys(username, client, device):
            record = self._records.setdefault(key, _Record())
            while record.failures and record.failures[0] <= now - self._limits.window_seconds:
                record.failures.popleft()
            record.failures.append(now)
            lockout = self._limits.lockout_seconds(len(record.failures), limit)
            if lockout is not None:
                record.locked_until = max(record.locked_until, now + lockout)
        self._forget_stale(now)

    async def record_success(self, username: str, device: str | None = None) -> None:
        self._records.pop(forgotten_on_success(username, device), None)

    async def close(self) -> None:
        return None

    def _forget_stale(self, now: float) -> None:
        # Keeps memory bounded when many usernames are tried.
        if len(self._records) < 10_000:
            return
        horizon = now - self._limits.window_seconds
        stale = [
            key
            for key, record in self._records.items()
            if record.locked_until < now and (not record.failures or record.failures[-1] < horizon)
        ]
        for key in stale:
            del self._records[key]
