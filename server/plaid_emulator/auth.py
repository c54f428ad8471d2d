"""client_id / secret checks, from headers (what the SDK sends) or the JSON body; and the
admin secret of the test controls."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from plaid_emulator.config import EmulatorSettings
from plaid_emulator.errors import admin_secret_required, invalid_api_keys

ADMIN_SECRET_HEADER = "X-Emulator-Admin-Secret"


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


def check_admin_secret(settings: EmulatorSettings, headers: Mapping[str, str]) -> None:
    if settings.admin_secret and not _same(
        headers.get(ADMIN_SECRET_HEADER, ""), settings.admin_secret
    ):
        raise admin_secret_required()


def _same(given: str, expected: str) -> bool:
    # compare_digest refuses non-ASCII str, and a request may carry anything.
    def raw(text: str) -> bytes:
        return text.encode("utf-8", "surrogatepass")

    return hmac.compare_digest(raw(given), raw(expected))
