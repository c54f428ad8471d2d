"""Signed webhook delivery in the background, retried with backoff."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from plaid_emulator.config import EmulatorSettings
from plaid_emulator.signing import SigningKey

log = logging.getLogger(__name__)


@functools.cache
def _tls() -> ssl.SSLContext:
    """One certificate store for every delivery: building it (what httpx does for each new
    client) costs ~50 ms of CPU, which capped a storm at ~15 webhooks a second."""
    return httpx.create_ssl_context()


@dataclass
class DeliveryCounts:
    sent: int = 0  # handed to send()
    delivered: int = 0  # answered 2xx
    dropped: int = 0  # given up on after the last attempt, or an unusable URL

    @property
    def in_flight(self) -> int:
        return self.sent - self.delivered - self.dropped


class WebhookSender:
    """Each webhook is delivered by a task of its own, so many are in flight at once, as
    Plaid delivers them."""

    def __init__(self, settings: EmulatorSettings, signing_key: Callable[[], SigningKey]) -> None:
        self._settings = settings
        self._signing_key = signing_key
        self._tasks: set[asyncio.Task[None]] = set()
        self.counts = DeliveryCounts()

    def send(self, url: str, payload: dict[str, Any]) -> None:
        """Schedule delivery and return at once; the API call never waits for the receiver."""
        body = json.dumps(payload, indent=2).encode()
        self.counts.sent += 1
        self.spawn(self._deliver(url, body, f"{payload['webhook_type']}/{payload['webhook_code']}"))

    def spawn(self, coro: Any) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)  # a strong reference, or the task may be collected mid-flight
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, url: str, body: bytes, what: str) -> None:
        allowed = self._settings.webhook_allowed
        if allowed is not None and not await allowed(url):
            # An item from before the URL was checked (an older state file), or one whose
            # address the server has since left: only the server's own address is sent to.
            log.error("webhook %s dropped: not an allowed webhook URL", what)
            self.counts.dropped += 1
            return
        delivered = await self._attempts(url, body, what)
        if delivered:
            self.counts.delivered += 1
        else:
            self.counts.dropped += 1

    async def _attempts(self, url: str, body: bytes, what: str) -> bool:
        settings = self._settings
        delay = settings.webhook_retry_base_seconds
        for attempt in range(1, settings.webhook_max_attempts + 1):
            headers = {
                "Content-Type": "application/json",
                "Plaid-Verification": self._signing_key().sign(body),
            }
            try:
                # A client per delivery keeps deliveries apart (and free of any one event
                # loop); with the TLS context shared, making one costs ~0.1 ms.
                async with httpx.AsyncClient(
                    timeout=settings.webhook_timeout_seconds, verify=_tls()
                ) as client:
                    response = await client.post(url, content=body, headers=headers)
                if response.is_success:
                    log.info("webhook %s delivered (attempt %d)", what, attempt)
                    return True
                log.warning("webhook %s got HTTP %d", what, response.status_code)
            except httpx.InvalidURL:
                log.error("webhook %s dropped: invalid URL %r", what, url)
                return False
            except httpx.HTTPError as exc:
                log.warning("webhook %s failed: %s", what, type(exc).__name__)
            if attempt < settings.webhook_max_attempts:
                await asyncio.sleep(delay)
                delay *= 2
        log.error("webhook %s dropped after %d attempts", what, settings.webhook_max_attempts)
        return False

    @property
    def pending(self) -> int:
        """Deliveries and announcements still to run: 0 once the emulator has nothing more
        to send for what happened so far."""
        return len(self._tasks)

    async def drain(self) -> None:
        """Wait for in-flight deliveries (tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
