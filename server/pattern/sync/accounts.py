"""Which accounts the database holds already, so a pass writes them only when they change.

Every pass asks /accounts/get first (fresh balances for every account: /transactions/sync
leaves some types out), and every page repeats the item's accounts. Most of the time they
are what the database holds: in a webhook storm a pass that writes nothing is the rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pattern.plaid.sync_page import SyncPage

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


class KnownAccounts:
    """Per item, the accounts this process last wrote (kept from pass to pass)."""

    def __init__(self) -> None:
        self._by_item: dict[int, StoredAccounts] = {}

    def unchanged(self, item_id: int, stamp: Stamp, accounts: list[JSON]) -> StoredAccounts | None:
        """What was stored, when the database still holds exactly `accounts`."""
        stored = self._by_item.get(item_id)
        if stored is None or stored.stamp != stamp or stored.accounts != accounts:
            return None
        return stored

    def remember(self, item_id: int, stored: StoredAccounts) -> None:
        self._by_item[item_id] = stored

    def forget(self, item_id: int) -> None:
        self._by_item.pop(item_id, None)


@dataclass
class SeenAccounts:
    """The accounts a pass last wrote: pages repeat them, so unchanged ones are not rewritten."""

    accounts: list[JSON] | None = None
    ids: dict[str, int] = field(default_factory=dict)


class PassAccounts:
    """Over one pass: whether each page's accounts are stored already.

    They are while every page repeats /accounts/get's answer as stored. Once a page's
    balances differ (they moved since), each page is compared with the one written before
    it instead, as write_page does, and the pass counts as having changed accounts.
    """

    def __init__(
        self, known: KnownAccounts, item_id: int, stored: StoredAccounts, *, changed: bool
    ) -> None:
        self.seen = SeenAccounts()
        # Whether this pass wrote accounts (then today's net worth is recorded again).
        self.changed = changed
        self._known = known
        self._item_id = item_id
        self._ids = stored.ids
        # What the database holds for each account, until a page writes other values.
        self._holds: dict[Any, JSON] | None = {
            account.get("account_id"): account for account in stored.accounts
        }

    def stored(self, page: SyncPage) -> bool:
        """Whether the database holds `page`'s accounts as /accounts/get answered them."""
        if self._holds is None:
            return False
        holds = self._holds
        if all(holds.get(account.get("account_id")) == account for account in page.accounts):
            self.seen.accounts, self.seen.ids = page.accounts, self._ids
            return True
        self._holds = None
        self.changed = True
        self._known.forget(self._item_id)
        return False

    def written_by(self, page: SyncPage) -> bool:
        """Whether writing `page` writes its accounts (they differ from the last written)."""
        return self.seen.accounts != page.accounts
