"""Signed webhook delivery in the background, retried with backoff."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

import httpx

from plaid_emulator.config import EmulatorSettings
from plaid_emulator.signing import SigningKey

log = logging.getLogger(__name__)


class WebhookSender:
    def __init__(self, settings: EmulatorSettings, signing_key: Callable[[], SigningKey]) -> None:
        self._settings = settings
        self._signing_key = signing_key
        self._tasks: set[asyncio.Task[None]] = set()

    def send(self, url: str, payload: dict[str, Any]) -> None:
        """Schedule delivery and return at once; the API call never waits for the receiver."""
        body = json.dumps(payload, indent=2).encode()
        self.spawn(self._deliver(url, body, f"{payload['webhook_type']}/{payload['webhook_code']}"))

    def spawn(self, coro: Any) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)  # a strong reference, or the task may be collected mid-flight
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, url: str, body: bytes, what: str) -> None:
        settings = self._settings
        delay = settings.webhook_retry_base_seconds
        for attempt in range(1, settings.webhook_max_attempts + 1):
            headers = {
                "Content-Type": "application/json",
                "Plaid-Verification": self._signing_key().sign(body),
            }
            try:
                async with httpx.AsyncClient(timeout=settings.webhook_timeout_seconds) as client:
                    response = await client.post(url, content=body, headers=headers)
                if response.is_success:
                    log.info("webhook %s delivered (attempt %d)", what, attempt)
                    return
                log.warning("webhook %s got HTTP %d", what, response.status_code)
            except httpx.InvalidURL:
                log.error("webhook %s dropped: invalid URL %r", what, url)
                return
            except httpx.HTTPError as exc:
                log.warning("webhook %s failed: %s", what, type(exc).__name__)
            if attempt < settings.webhook_max_attempts:
                await asyncio.sleep(delay)
                delay *= 2
        log.error("webhook %s dropped after %d attempts", what, settings.webhook_max_attempts)

    async def drain(self) -> None:
        """Wait for in-flight deliveries (tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
