"""The sync engine: runs /transactions/sync passes for items in the background.

A pass pages from the stored cursor until has_more is false, writing each page with its
next_cursor in one transaction, so a crash anywhere resumes without loss or doubles.
When passes run is pattern.sync.scheduling's to decide. A pass that finds nothing new
writes only its cursor: a webhook storm is mostly those.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
)

from pattern.items.status import mark_item_status
from pattern.kit import clock
from pattern.kit.crypto import TokenCipher
from pattern.plaid.client import PlaidClient
from pattern.plaid.errors import PlaidApiError
from pattern.plaid.sync_page import SyncPage
from pattern.rules.matching import Rule
from pattern.sync.accounts import SeenAccounts, StoredAccounts
from pattern.sync.locks import ItemLocks
from pattern.sync.pagination import Pagination
from pattern.sync.pipeline import OrderedWrites, PageWrite
from pattern.sync.results import PageCounts, SyncResult
from pattern.sync.scheduling import Scheduler
from pattern.sync.storage import PageToWrite, storage_for

__all__ = ["SyncEngine", "SyncResult"]

logger = logging.getLogger(__name__)

PAGE_SIZE = 500
MAX_RESTARTS = 5
MUTATION = "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION"
LOGIN_REQUIRED = "ITEM_LOGIN_REQUIRED"

Emit = Callable[[int, str, Any], Awaitable[None]]
JSON = dict[str, Any]


class SyncEngine:
    def __init__(
        self,
        *,
        sessionmaker: async_sessionmaker[AsyncSession],
        plaid: PlaidClient,
        cipher: TokenCipher,
        locks: ItemLocks,
        emit: Emit,
        page_size: int = PAGE_SIZE,
        concurrency: int = 4,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._storage = storage_for(self._engine())
        self._plaid = plaid
        self._cipher = cipher
        self._locks = locks
        self._emit = emit
        self._page_size = page_size
        # Passes running at once: each holds up to three database connections (its lock,
        # which it also writes on, a second writer while pages keep coming, and a moment's
        # one for each Plaid call's event), so this keeps a burst of webhooks from draining
        # the pool.
        self._scheduler = Scheduler(self._locked_pass, concurrency)
        self._stored: dict[int, StoredAccounts] = {}
        # Per user, the day this process last wrote the net-worth snapshot after a pass.
        self._recorded: dict[int, date] = {}

    def request(self, item_id: int) -> asyncio.Task[SyncResult]:
        """Sync an item in the background; while one runs, ask for one more pass after it."""
        return self._scheduler.request(item_id)

    async def sync(self, item_id: int) -> SyncResult:
        """Sync an item and wait for it (and for any pass coalesced into it)."""
        return await asyncio.shield(self.request(item_id))

    @property
    def busy(self) -> bool:
        """Whether a pass runs or waits to run."""
        return self._scheduler.busy

    async def wait_idle(self) -> None:
        """Return once no pass is running or waiting to run (an event: no polling)."""
        await self._scheduler.wait_idle()

    async def close(self, grace_seconds: float = 20.0) -> None:
        """Stop taking work; let running passes finish the page they are writing.

        A pass stops after its current page (its cursor is stored with it), so the next
        start resumes from there. Whatever is still running after the grace is cancelled:
        its page's transaction rolls back, which loses nothing either.
        """
        await self._scheduler.close(grace_seconds)

    async def _locked_pass(self, item_id: int) -> SyncResult:
        # The lock is inside the try: taking it needs the database too, and with the database
        # down a pass must end as a SYNC_FAILED result, not as an exception nobody awaits.
        try:
            async with self._locks.hold(item_id) as connection:
                return await self._pass(item_id, connection)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # never a crash loop: report it and stop this pass
            logger.exception("sync of item %s failed", item_id)
            result = SyncResult(item_id, error_code="SYNC_FAILED", error_message=str(exc))
            return result

    async def _pass(self, item_id: int, connection: AsyncConnection) -> SyncResult:
        """One pass, its reads and writes on `connection` (the lock's, on PostgreSQL: no
        pool checkout and pre-ping round trip per transaction), each its own transaction."""
        result = SyncResult(item_id)
        item = await self._storage.read_item(connection, item_id)
        if item is None:
            self._stored.pop(item_id, None)
            return result
        user_id, start_cursor, encrypted = item.user_id, item.cursor, item.access_token_encrypted
        pagination, stamp = item.pagination, item.accounts_stamp
        access_token = self._cipher.decrypt(encrypted)
        # Taken now, so a pass that ends early leaves the next one to record the day.
        recorded = self._recorded.pop(user_id, None)
        try:
            # Every account, with fresh balances: /transactions/sync leaves some types out.
            answer = await self._plaid.get_accounts(access_token, user_id=user_id, item_id=item_id)
        except PlaidApiError as error:
            await self._failed(item_id, user_id, error)
            result.error_code, result.error_message = error.error_code, error.message
            return result
        accounts: list[JSON] = answer.get("accounts") or []
        stored = self._stored.get(item_id)
        changed = stored is None or stored.stamp != stamp or stored.accounts != accounts
        if changed:
            stored = await self._write_accounts(connection, item_id, accounts)
        assert stored is not None
        # What the database holds for each account, until a page writes other values.
        holds: dict[Any, JSON] | None = {account.get("account_id"): account for account in accounts}

        def fetch(cursor: str | None) -> asyncio.Task[SyncPage]:
            return asyncio.ensure_future(
                self._plaid.sync_transactions(
                    access_token, cursor, count=self._page_size, user_id=user_id, item_id=item_id
                )
            )

        restarts = 0
        seen = SeenAccounts()
        # Kept over restarts: a restarted pagination may send the posted ones again.
        removed_edits: dict[str, JSON] = {}
        rules: list[Rule] | None = None
        writes = OrderedWrites(connection, self._storage.second_connection)

        def write(page: SyncPage, rules: list[Rule], pagination: Pagination) -> PageWrite:
            to_write = PageToWrite(
                item_id=item_id,
                user_id=user_id,
                page=page,
                pagination=pagination,
                rules=rules,
                seen=seen,
                removed_edits=removed_edits,
            )
            return partial(self._storage.write_page, to_write)

        pending = fetch(start_cursor)
        try:
            while True:
                try:
                    page = await pending
                except PlaidApiError as error:
                    if error.error_code == MUTATION and restarts < MAX_RESTARTS:
                        # Plaid's rule: restart the pagination from the cursor it began with.
                        # (A page still being written keeps the attempt it was given.)
                        restarts += 1
                        pagination = pagination.begun_again()
                        pending = fetch(pagination.began_at)
                        continue
                    await writes.drain()
                    await self._failed(item_id, user_id, error)
                    result.error_code, result.error_message = error.error_code, error.message
                    return result
                if page.has_more:
                    # Fetch the next page while this one is written.
                    pending = fetch(page.next_cursor)
                page_accounts = page.accounts
                if holds is not None and all(
                    holds.get(account.get("account_id")) == account for account in page_accounts
                ):
                    # As /accounts/get answered and the database holds: not written again.
                    seen.accounts, seen.ids = page_accounts, stored.ids
                elif holds is not None:
                    # Balances moved since /accounts/get: write_page upserts the page's, and
                    # from here on compares each page with the one before, as it does.
                    holds = None
                    changed = True
                    self._stored.pop(item_id, None)
                if seen.accounts is page_accounts and not page.has_transactions:
                    await writes.drain()
                    removed = await self._storage.write_cursor(
                        connection, item_id, page, pagination
                    )
                    result.counts += PageCounts(removed=removed)
                else:
                    if rules is None:
                        await writes.drain()
                        rules = await self._storage.load_rules(connection, user_id)
                    await writes.submit(
                        write(page, rules, pagination),
                        keys=_transaction_ids(page),
                        alone=seen.accounts != page_accounts,  # it writes accounts
                    )
                if not page.has_more or self._scheduler.stopping:
                    break
            await writes.drain()
        finally:
            if not pending.done():
                pending.cancel()
            await writes.close()
        result.counts += writes.counts
        today = clock.today()
        if changed or result.counts.changed or recorded != today:
            await self._storage.record_net_worth(connection, user_id)
        self._recorded[user_id] = today
        if result.counts.changed or start_cursor is None:
            await self._emit(
                user_id,
                "NEW_TRANSACTIONS_DATA",
                {
                    "itemId": item_id,
                    "added": result.counts.added,
                    "modified": result.counts.modified,
                    "removed": result.counts.removed,
                },
            )
        return result

    async def _write_accounts(
        self, connection: AsyncConnection, item_id: int, accounts: list[JSON]
    ) -> StoredAccounts:
        self._stored.pop(item_id, None)  # until this commits, the database may hold either
        ids, stamp = await self._storage.write_accounts(connection, item_id, accounts)
        stored = StoredAccounts(accounts, ids, stamp)
        self._stored[item_id] = stored
        return stored

    def _engine(self) -> AsyncEngine:
        bind = self._sessionmaker.kw["bind"]
        return bind if isinstance(bind, AsyncEngine) else bind.engine

    async def _failed(self, item_id: int, user_id: int, error: PlaidApiError) -> None:
        if error.error_code == LOGIN_REQUIRED:
            await mark_item_status(self._sessionmaker, item_id, "bad", error.error_code)
            await self._emit(user_id, "ERROR", {"itemId": item_id, "errorCode": error.error_code})
            return
        logger.warning("sync of item %s stopped: %s", item_id, error.error_code)
        await self._emit(
            user_id,
            "SYNC_ERROR",
            {"itemId": item_id, "errorCode": error.error_code, "message": error.message},
        )

    async def items_due(self, older_than_seconds: float) -> list[int]:
        """Items not synced for a while (the periodic sync, for setups without webhooks)."""
        return await self._storage.items_due(older_than_seconds)


def _transaction_ids(page: SyncPage) -> frozenset[str]:
    """The transactions a page writes, and the pending ones it posts (whose removal on
    another page must land first, for the person's edits to carry over)."""
    ids = {tx.transaction_id for tx in page.added}
    ids.update(tx.transaction_id for tx in page.modified)
    ids.update(tx.pending_transaction_id for tx in page.added if tx.pending_transaction_id)
    ids.update(tx.transaction_id for tx in page.removed if tx.transaction_id)
    return frozenset(ids)
