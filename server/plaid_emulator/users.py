"""Sandbox test users and what their credentials produce."""

from __future__ import annotations

import re

from plaid_emulator.errors import PlaidError, invalid_credentials

DEFAULT_HISTORY_SIZE = 750  # about one transaction a day for two years
MAX_BULK_SIZE = 5_000_000
DYNAMIC_USER = "user_transactions_dynamic"
_BULK = re.compile(r"user_bulk_(\d+)")
_KNOWN = {"user_good", DYNAMIC_USER, "user_yuppie", "user_small_business", "user_ewa_user"}


def history_size(username: str, password: str) -> int:
    """Check sandbox credentials; return how many base transactions the item gets."""
    if password.startswith("error_"):
        code = password.removeprefix("error_")
        if code == "INVALID_CREDENTIALS":
            raise invalid_credentials()
        raise PlaidError("ITEM_ERROR", code, f"sandbox credentials forced error {code}")
    bulk = _BULK.fullmatch(username)
    if bulk:
        if password != "pass_good":
            raise invalid_credentials()
        return max(1, min(int(bulk.group(1)), MAX_BULK_SIZE))
    if username == DYNAMIC_USER:
        return DEFAULT_HISTORY_SIZE  # the sandbox accepts any password for this user
    if username not in _KNOWN or password != "pass_good":
        raise invalid_credentials()
    return DEFAULT_HISTORY_SIZE


def is_dynamic(username: str) -> bool:
    return username == DYNAMIC_USER
