"""Which accounts the database holds already, so a pass writes them only when they change.

Every pass asks /accounts/get first (fresh balances for every account: /transactions/sync
leaves some types out), and every page repeats the item's accounts. Most of the time they
are what the database holds: in a webhook storm a pass that writes nothing is the rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

JSON = dict[str, Any]

# The newest updated_at of an item's accounts, and how many there are: every write of an
# account changes it (each upsert sets updated_at).
Stamp = tuple[datetime | None, int]


@dataclass(frozen=True)
class StoredAccounts:
    """The /accounts/get answer a pass last wrote for an item, their ids, and the item's
    accounts' stamp right after: while the stamp is unchanged, the database holds exactly
    that answer, and the same answer again needs no write."""

    accounts: list[JSON]
    ids: dict[str, int]
    stamp: Stamp


@dataclass
class SeenAccounts:
    """The accounts a pass last wrote: pages repeat them, so unchanged ones are not rewritten."""

    accounts: list[JSON] | None = None
    ids: dict[str, int] = field(default_factory=dict)
