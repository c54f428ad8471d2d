"""One pass over an item: Plaid's /transactions/sync loop.

As Plaid documents it: from the stored cursor, fetch a page, store it with its next_cursor,
and go on while has_more; when Plaid says the item changed during the pagination, begin it
again from where it began (pattern.sync.fetching). A page and its cursor commit together
(pattern.sync.storage), so a crash anywhere resumes without loss or doubles. First comes
/accounts/get: every account with fresh balances (/transactions/sync leaves some types out).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from pattern.categories.placement import NOWHERE, Placements
from pattern.items.status import mark_item_status
from pattern.kit import clock
from pattern.kit.crypto import TokenCipher
from pattern.models.base import utcnow
from pattern.plaid.client import PlaidClient
from pattern.plaid.errors import PlaidApiError
from pattern.plaid.sync_page import SyncPage
from pattern.recurring import plaid_streams
from pattern.recurring.updates import RECURRING_UPDATED
from pattern.rules.matching import Rule
from pattern.sync.accounts import KnownAccounts, PassAccounts, StoredAccounts
from pattern.sync.fetching import PageFetcher
from pattern.sync.pagination import Pagination
from pattern.sync.pipeline import OrderedWrites
from pattern.sync.results import PageCounts, SyncResult
from pattern.sync.rows import JSON
from pattern.sync.storage import PageStorage, PageToWrite, StoredItem

logger = logging.getLogger(__name__)

LOGIN_REQUIRED = "ITEM_LOGIN_REQUIRED"

# transactions_update_status once Plaid has the whole history; before it, NOT_READY (nothing
# yet) and INITIAL_UPDATE_COMPLETE (the last 30 days).
HISTORY_COMPLETE = "HISTORICAL_UPDATE_COMPLETE"
HISTORY_COMING = frozenset({"NOT_READY", "INITIAL_UPDATE_COMPLETE"})


def history_poll_seconds(age_seconds: float) -> float:
    """How long to wait before asking Plaid again for an item whose history is still
    coming: every 2 s at first, then a fifth of the item's age, at most every 5 minutes."""
    return min(300.0, max(2.0, age_seconds / 5))


Emit = Callable[[int, str, Any], Awaitable[None]]


@dataclass
class PassTools:
    """What every pass uses, made once by the engine; the memories last from pass to pass."""

    storage: PageStorage
    plaid: PlaidClient
    cipher: TokenCipher
    sessionmaker: async_sessionmaker[AsyncSession]
    emit: Emit
    accounts: KnownAccounts = field(default_factory=KnownAccounts)
    # Per user, the day this process last wrote the net-worth snapshot after a pass.
    recorded: dict[int, date] = field(default_factory=dict)


class SyncPass:
    """One pass over one item, its reads and writes on `connection` (the item lock's)."""

    def __init__(
        self,
        tools: PassTools,
        item_id: int,
        connection: AsyncConnection,
        *,
        page_size: int,
        stopping: Callable[[], bool],
    ) -> None:
        self._tools = tools
        self._storage = tools.storage
        self._item_id = item_id
        self._connection = connection
        self._page_size = page_size
        self._stopping = stopping
        self._result = SyncResult(item_id)
        self._rules: list[Rule] | None = None
        self._placements: Placements = NOWHERE
        # Kept over restarts: a restarted pagination may send the posted ones again.
        self._removed_edits: dict[str, JSON] = {}
        # The dates of the transactions the pass wrote: transfers are matched around them.
        self._changed_days: set[date] = set()

    async def run(self) -> SyncResult:
        item = await self._storage.read_item(self._connection, self._item_id)
        if item is None:
            self._tools.accounts.forget(self._item_id)
            return self._result
        access_token = self._tools.cipher.decrypt(item.access_token_encrypted)
        # Taken now, so a pass that ends early leaves the next one to record the day.
        recorded = self._tools.recorded.pop(item.user_id, None)
        try:
            accounts = await self._accounts(item, access_token)
            await self._pages(item, access_token, accounts)
        except PlaidApiError as error:
            await self._failed(item.user_id, error)
            self._result.error_code, self._result.error_message = error.error_code, error.message
            return self._result
        if item.error_code == LOGIN_REQUIRED:
            await self._login_works(item.user_id)
        await self._finish(item, accounts.changed, recorded)
        return self._result

    async def _login_works(self, user_id: int) -> None:
        """Plaid answered with the item's data: its login is repaired. After update mode in
        this app Plaid sends no LOGIN_REPAIRED (only for a repair made elsewhere), so the
        pass that follows it says so."""
        await mark_item_status(self._tools.sessionmaker, self._item_id, "good", None)
        await self._tools.emit(user_id, "LOGIN_REPAIRED", {"item_id": self._item_id})

    async def _accounts(self, item: StoredItem, access_token: str) -> PassAccounts:
        """/accounts/get's answer, written unless the database holds it already."""
        answer = await self._tools.plaid.get_accounts(
            access_token, user_id=item.user_id, item_id=self._item_id
        )
        accounts: list[JSON] = answer.get("accounts") or []
        known = self._tools.accounts
        stored = known.unchanged(self._item_id, item.accounts_stamp, accounts)
        changed = stored is None
        if stored is None:
            known.forget(self._item_id)  # until this commits, the database may hold either
            ids, stamp = await self._storage.write_accounts(
                self._connection, self._item_id, accounts
            )
            stored = StoredAccounts(accounts, ids, stamp)
            known.remember(self._item_id, stored)
        return PassAccounts(known, self._item_id, stored, changed=changed)

    async def _pages(self, item: StoredItem, access_token: str, accounts: PassAccounts) -> None:
        """Fetch a page, write it with its cursor, until Plaid has no more (or we stop)."""

        async def fetch(cursor: str | None) -> SyncPage:
            return await self._tools.plaid.sync_transactions(
                access_token,
                cursor,
                count=self._page_size,
                user_id=item.user_id,
                item_id=self._item_id,
            )

        async with (
            OrderedWrites(self._connection, self._storage.second_connection) as writes,
            PageFetcher(fetch, item.cursor, item.pagination) as pages,
        ):
            try:
                async for page, pagination in pages:
                    if page.transactions_update_status:
                        self._result.update_status = page.transactions_update_status
                    await self._write(page, pagination, item.user_id, accounts, writes)
                    if self._stopping():
                        break
            except PlaidApiError:
                await writes.drain()  # the pages before the refusal are kept
                raise
            await writes.drain()
        self._result.counts += writes.counts

    async def _write(
        self,
        page: SyncPage,
        pagination: Pagination,
        user_id: int,
        accounts: PassAccounts,
        writes: OrderedWrites,
    ) -> None:
        if accounts.stored(page) and not page.has_transactions:
            # Nothing to write but the cursor: the rule in a webhook storm.
            await writes.drain()
            removed = await self._storage.write_cursor(
                self._connection, self._item_id, page, pagination
            )
            self._result.counts += PageCounts(removed=removed)
            return
        self._changed_days.update(tx.date for tx in page.added)
        self._changed_days.update(tx.date for tx in page.modified)
        if self._rules is None:
            await writes.drain()
            self._rules = await self._storage.load_rules(self._connection, user_id)
            self._placements = await self._storage.load_placements(self._connection, user_id)
        to_write = PageToWrite(
            item_id=self._item_id,
            user_id=user_id,
            page=page,
            pagination=pagination,
            rules=self._rules,
            placements=self._placements,
            seen=accounts.seen,
            removed_edits=self._removed_edits,
        )
        await writes.submit(
            partial(self._storage.write_page, to_write),
            keys=transaction_ids(page),
            alone=accounts.written_by(page),
        )

    async def _finish(
        self, item: StoredItem, accounts_changed: bool, recorded: date | None
    ) -> None:
        counts = self._result.counts
        today = clock.today()
        if accounts_changed or counts.changed or recorded != today:
            await self._storage.record_net_worth(self._connection, item.user_id)
        self._tools.recorded[item.user_id] = today
        if counts.changed or item.cursor is None:
            await self._match_transfers(item.user_id)
            # Before NEW_TRANSACTIONS_DATA: a browser reading them again finds them fresh.
            await self._refresh("recurring streams", self._storage.refresh_recurring, item)
            await self._refresh("month totals", self._storage.refresh_totals, item)
        await self._history(item)
        if counts.changed or self._result.update_status != item.update_status:
            await self._plaid_recurring(item)
        if counts.changed or item.cursor is None:
            await self._tools.emit(
                item.user_id,
                "NEW_TRANSACTIONS_DATA",
                {
                    "item_id": self._item_id,
                    "added": counts.added,
                    "modified": counts.modified,
                    "removed": counts.removed,
                },
            )

    async def _match_transfers(self, user_id: int) -> None:
        """Pair the transfers among what the pass wrote; a failure here loses no page, so
        it is logged and the pass ends well (the next pass or the person tries again)."""
        try:
            await self._storage.match_transfers(self._connection, user_id, self._changed_days)
        except Exception:
            logger.exception("matching the transfers of item %s failed", self._item_id)

    async def _refresh(
        self,
        what: str,
        refresh: Callable[[AsyncConnection, int], Awaitable[object]],
        item: StoredItem,
    ) -> None:
        """Store afresh what reads would otherwise work out; as with the transfers, a
        failure is logged (the next read finds it old and works it out)."""
        try:
            await refresh(self._connection, item.user_id)
        except Exception:
            logger.exception("refreshing the %s of item %s failed", what, self._item_id)

    async def _plaid_recurring(self, item: StoredItem) -> None:
        """Once the item's whole history is in: its streams from Plaid, where it has them
        (asked once, then on Plaid's webhooks; refused, again at most daily)."""
        if (self._result.update_status or item.update_status) != HISTORY_COMPLETE:
            return
        tools = self._tools
        try:
            changed = await plaid_streams.fetch(
                tools.sessionmaker, tools.plaid, tools.cipher, self._item_id
            )
        except Exception:
            logger.exception("Plaid's recurring streams of item %s failed", self._item_id)
            return
        if changed:
            await tools.emit(item.user_id, RECURRING_UPDATED, {"item_id": self._item_id})

    async def _history(self, item: StoredItem) -> None:
        """While Plaid's history of the item is still coming: tell its owner how far it is,
        and when to ask again; once more when it is whole."""
        status = self._result.update_status
        if status is None or (status == HISTORY_COMPLETE and item.update_status == status):
            return
        if status in HISTORY_COMING:
            now = utcnow()
            age = (now - (item.created_at or now)).total_seconds()
            self._result.poll_after = history_poll_seconds(age)
        stored = await self._storage.count_transactions(self._connection, self._item_id)
        await self._tools.emit(
            item.user_id,
            "SYNC_PROGRESS",
            {"item_id": self._item_id, "status": status, "transactions": stored},
        )

    async def _failed(self, user_id: int, error: PlaidApiError) -> None:
        item_id, emit = self._item_id, self._tools.emit
        if error.error_code == LOGIN_REQUIRED:
            await mark_item_status(self._tools.sessionmaker, item_id, "bad", error.error_code)
            await emit(user_id, "ERROR", {"item_id": item_id, "error_code": error.error_code})
            return
        logger.warning("sync of item %s stopped: %s", item_id, error.error_code)
        await emit(
            user_id,
            "SYNC_ERROR",
            {"item_id": item_id, "error_code": error.error_code, "message": error.message},
        )


def transaction_ids(page: SyncPage) -> frozenset[str]:
    """The transactions a page writes, and the pending ones it posts (whose removal on
    another page must land first, for the person's edits to carry over)."""
    ids = {tx.transaction_id for tx in page.added}
    ids.update(tx.transaction_id for tx in page.modified)
    ids.update(tx.pending_transaction_id for tx in page.added if tx.pending_transaction_id)
    ids.update(tx.transaction_id for tx in page.removed if tx.transaction_id)
    return frozenset(ids)
