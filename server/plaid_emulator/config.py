"""Tunable behaviour of one emulator instance."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass


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
    enable_admin: bool = True
    environment: str = "sandbox"
