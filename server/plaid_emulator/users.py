"""Sandbox test users and what their credentials produce."""

from __future__ import annotations

import re

from plaid_emulator.errors import PlaidError, invalid_credentials

DEFAULT_HISTORY_SIZE = 750  # about one transaction a day for two years
FULL_HISTORY_DAYS = 730
DEFAULT_DAYS_REQUESTED = 90  # Plaid's, when a link token or sandbox item does not say
MAX_BULK_SIZE = 5_000_000
DYNAMIC_USER = "user_transactions_dynamic"
_BULK = re.compile(r"user_bulk_([0-9]{1,12})")
_FORCED_ERROR = re.compile(r"error_([A-Z][A-Z0-9_]*)")
_KNOWN = {"user_good", DYNAMIC_USER, "user_yuppie", "user_small_business", "user_ewa_user"}


def history_size(
    username: str,
    password: str,
    max_history: int = MAX_BULK_SIZE,
    days: int = FULL_HISTORY_DAYS,
) -> int:
    """Check sandbox credentials; return how many base transactions the item gets: about
    one a day over its `days` of history, or the N of user_bulk_<N>, whatever the days."""
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
        size = int(bulk.group(1))
        if size > max_history:
            raise too_much_history(max_history)
        return max(1, size)
    # The sandbox accepts any password for the dynamic user.
    if username != DYNAMIC_USER and (username not in _KNOWN or password != "pass_good"):
        raise invalid_credentials()
    return max(1, DEFAULT_HISTORY_SIZE * days // FULL_HISTORY_DAYS)


def is_dynamic(username: str) -> bool:
    return username == DYNAMIC_USER


def too_much_history(max_history: int) -> PlaidError:
    # Refused rather than clamped: an item with fewer transactions than its username asked
    # for would look like a sync that lost some.
    return PlaidError(
        "INVALID_REQUEST",
        "INVALID_FIELD",
        f"user_bulk_<N> may have at most {max_history} transactions in this emulator",
        display_message=f"This emulator allows at most {max_history} transactions an item.",
    )
