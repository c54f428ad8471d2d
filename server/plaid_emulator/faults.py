"""Failures and delays injected on demand, for tests and demos."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from plaid_emulator.errors import PlaidError


@dataclass
class Fault:
    path: str  # a Plaid path such as "/transactions/sync", or "*" for every endpoint
    remaining: int
    error: PlaidError | None = None
    http_status: int | None = None  # a bare status with no Plaid body, like a failing proxy
    delay_seconds: float = 0.0
    skip: int = 0  # let this many matching calls through first (a fault in mid-pagination)


class FaultInjector:
    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        self._faults.append(fault)

    def clear(self) -> None:
        self._faults.clear()

    def pending(self) -> list[Fault]:
        return list(self._faults)

    def take(self, path: str) -> Fault | None:
        """Consume one use of the first fault that matches this call."""
        for fault in self._faults:
            if fault.path in (path, "*") and fault.remaining > 0:
                if fault.skip > 0:
                    fault.skip -= 1
                    return None
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._faults.remove(fault)
                return fault
        return None


class BareStatus(Exception):
    """Answer with this status and no Plaid error body."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


async def apply(fault: Fault | None) -> None:
    if fault is None:
        return
    if fault.delay_seconds:
        await asyncio.sleep(fault.delay_seconds)
    if fault.error is not None:
        raise fault.error
    if fault.http_status is not None:
        raise BareStatus(fault.http_status)
