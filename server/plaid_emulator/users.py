"""Sandbox test users and what their credentials produce."""

from __future__ import annotations

import re

from plaid_emulator.errors import PlaidError, invalid_credentials

DEFAULT_HISTORY_SIZE = 750  # about one transaction a day for two years
MAX_BULK_SIZE = 5_000_000
DYNAMIC_USER = "user_transactions_dynamic"
_BULK = re.compile(r"user_bulk_([0-9]{1,12})")  # larger counts are clamped anyway
_FORCED_ERROR = re.compile(r"error_([A-Z][A-Z0-9_]*)")
_KNOWN = {"user_good", DYNAMIC_USER, "user_yuppie", "user_small_business", "user_ewa_user"}


def history_size(username: str, password: str) -> int:
    """Check sandbox credentials; return how many base transactions the item gets."""
    forced = _FORCED_ERROR.fullmatch(password)
    if forced:
        code = forced.group(1)
        if code == "INVALID_CREDENTIALS":
            raise invalid_credentials()
        error_type = "INSTITUTION_ERROR" if code.startswith("INSTITUTION_") else "ITEM_ERROR"
        raise PlaidError(error_type, code, f"sandbox credentials forced error {code}")
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
