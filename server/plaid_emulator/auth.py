"""client_id / secret checks, from headers (what the SDK sends) or the JSON body."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from plaid_emulator.config import EmulatorSettings
from plaid_emulator.errors import invalid_api_keys


def check_credentials(
    settings: EmulatorSettings, headers: Mapping[str, str], body: Mapping[str, Any]
) -> None:
    client_id = headers.get("plaid-client-id") or body.get("client_id")
    secret = headers.get("plaid-secret") or body.get("secret")
    if not isinstance(client_id, str) or not isinstance(secret, str):
        raise invalid_api_keys()
    if not client_id or not secret:
        raise invalid_api_keys()
    if settings.accepted_credentials is None:
        return
    for good_id, good_secret in settings.accepted_credentials:
        if _same(client_id, good_id) and _same(secret, good_secret):
            return
    raise invalid_api_keys()


def _same(given: str, expected: str) -> bool:
    # compare_digest refuses non-ASCII str, and a request may carry anything.
    def raw(text: str) -> bytes:
        return text.encode("utf-8", "surrogatepass")

    return hmac.compare_digest(raw(given), raw(expected))
