"""Which /transactions/sync pagination a pass is in, and what a restarted one leaves behind.

Each page commits with its cursor, so a pagination cut short (a crash, a refused call, a
mutation) has pages stored already. When the item changes before the rest is fetched,
Plaid refuses to go on from the middle: the pagination must begin again from the cursor it
began with, and Plaid's rule is to discard what the failed attempt fetched. Here every
row a page writes carries its pagination's number (transactions.sync_pagination), and once
the pagination that began again is whole, the item's rows still carrying the number of an
attempt cut short are deleted: the restart did not mention them, so they no longer exist
at Plaid (a pending transaction that posted meanwhile, say). Migration 0010. The page
storage does the deleting (pattern.sync.storage.base).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pattern.models.base import utcnow
from pattern.plaid.sync_page import SyncPage


@dataclass(frozen=True)
class Pagination:
    """Frozen: a page is written with the attempt it was fetched in, even when a later
    page's refusal begins another while it is still being written."""

    began_at: str  # the cursor it began with: '' for the very first
    number: int  # carried by every row it writes
    cut_since: int | None = None  # the first attempt cut short, while any is

    @classmethod
    def stored(
        cls,
        *,
        cursor: str | None,
        restart_cursor: str | None,
        number: int,
        cut_since: int | None,
    ) -> Pagination:
        """The pagination a pass takes up from the item's columns: the one the stored
        cursor is in the middle of, or else a new one beginning at that cursor."""
        if restart_cursor is None:
            return cls(began_at=cursor or "", number=number + 1)
        return cls(began_at=restart_cursor, number=number, cut_since=cut_since)

    def begun_again(self) -> Pagination:
        """After a mutation: a new attempt from `began_at`; the ones before it are cut short."""
        cut_since = self.number if self.cut_since is None else self.cut_since
        return replace(self, number=self.number + 1, cut_since=cut_since)

    def discards_after(self, page: SyncPage) -> bool:
        """Whether storing `page` ends a pagination that began again: then what only the
        attempts cut short wrote (pagination numbers cut_since up to this one) goes."""
        return not page.has_more and self.cut_since is not None

    def item_values(self, page: SyncPage) -> dict[str, Any]:
        """The item's columns once `page` is stored."""
        whole = not page.has_more
        values = {
            "transactions_cursor": page.next_cursor,
            "transactions_restart_cursor": None if whole else self.began_at,
            "transactions_pagination": self.number,
            "transactions_cut_since": None if whole else self.cut_since,
            "last_synced_at": utcnow(),
        }
        if page.transactions_update_status:
            values["transactions_update_status"] = page.transactions_update_status
        return values
