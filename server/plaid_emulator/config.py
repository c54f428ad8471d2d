"""Tunable behaviour of one emulator instance."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass

from plaid_emulator.users import MAX_BULK_SIZE

# Whether a webhook URL is one this emulator may send to.
WebhookCheck = Callable[[str], Awaitable[bool]]


@dataclass(frozen=True)
class EmulatorSettings:
    # None accepts any non-empty client_id/secret pair.
    accepted_credentials: Collection[tuple[str, str]] | None = None
    # Seconds after item creation before INITIAL_UPDATE_COMPLETE / HISTORICAL_UPDATE_COMPLETE.
    initial_update_seconds: float = 0.5
    historical_update_seconds: float = 1.0
    webhook_max_attempts: int = 4
    webhook_retry_base_seconds: float = 0.5
    # Plaid counts a delivery as failed with no answer within 10 seconds.
    webhook_timeout_seconds: float = 10.0
    # The test controls under /emulator/; with a secret, each request must carry it in the
    # X-Emulator-Admin-Secret header.
    enable_admin: bool = True
    admin_secret: str = ""
    # None sends webhooks anywhere; else only to the URLs it accepts (link tokens,
    # /sandbox/public_token/create and /item/webhook/update refuse others).
    webhook_allowed: WebhookCheck | None = None
    # The most transactions a user_bulk_<N> item may have.
    max_history: int = MAX_BULK_SIZE
    environment: str = "sandbox"
