"""Login slow-down: after repeated failures for a username or from a client, answer 429.

Failures are counted in a sliding window; past the limit each further failure doubles
the wait, up to a cap. State lives in this process (one server) — enough for the
embedded setup; several processes share it through Redis once that backend is added.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class _Record:
    failures: deque[float] = field(default_factory=deque)
    locked_until: float = 0.0


@dataclass(frozen=True)
class ThrottleLimits:
    per_user: int
    per_client: int
    window_seconds: float
    max_lockout_seconds: float


class LoginThrottle:
    def __init__(self, limits: ThrottleLimits, clock: Callable[[], float] = time.monotonic):
        self._limits = limits
        self._clock = clock
        self._records: dict[str, _Record] = {}

    def _keys(self, username: str, client: str) -> list[tuple[str, int]]:
        return [
            (f"user:{username.lower()}", self._limits.per_user),
            (f"client:{client}", self._limits.per_client),
        ]

    def retry_after(self, username: str, client: str) -> int:
        """Seconds to wait before another attempt is allowed (0 when allowed now)."""
        now = self._clock()
        wait = 0.0
        for key, _ in self._keys(username, client):
            record = self._records.get(key)
            if record is not None:
                wait = max(wait, record.locked_until - now)
        return math.ceil(wait) if wait > 0 else 0

    def record_failure(self, username: str, client: str) -> None:
        now = self._clock()
        for key, limit in self._keys(username, client):
            record = self._records.setdefault(key, _Record())
            while record.failures and record.failures[0] <= now - self._limits.window_seconds:
                record.failures.popleft()
            record.failures.append(now)
            excess = len(record.failures) - limit
            if excess >= 0:
                lockout = min(2.0**excess, self._limits.max_lockout_seconds)
                record.locked_until = max(record.locked_until, now + lockout)
        self._forget_stale(now)

    def record_success(self, username: str) -> None:
        self._records.pop(f"user:{username.lower()}", None)

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
