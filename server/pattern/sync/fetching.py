"""A pass's pages from /transactions/sync: one fetched ahead, a mutated pagination begun again.

The next page is asked for as soon as a page arrives, so Plaid answers while the page is
written. When the item changes during a pagination, Plaid refuses the next page with
TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION, and its rule is to begin the pagination
again from the cursor it began with; a few times, then the refusal stands. (Rate limits,
5xx and timeouts are retried by the Plaid client itself.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from types import TracebackType

from pattern.plaid.errors import PlaidApiError
from pattern.plaid.sync_page import SyncPage
from pattern.sync.pagination import Pagination

MUTATION = "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION"
MAX_RESTARTS = 5

# Asks Plaid for the page after a cursor (None: from the very beginning).
FetchPage = Callable[[str | None], Awaitable[SyncPage]]


class PageFetcher:
    """`async for page, pagination in fetcher`: each page with the attempt it belongs to,
    until a page says has_more is false. Use it as an async context manager: leaving it
    cancels the page fetched ahead."""

    def __init__(
        self,
        fetch: FetchPage,
        cursor: str | None,
        pagination: Pagination,
        *,
        max_restarts: int = MAX_RESTARTS,
    ) -> None:
        self.pagination = pagination
        self.restarts = 0
        self._fetch = fetch
        self._cursor: str | None = cursor
        self._max_restarts = max_restarts
        self._pending: asyncio.Future[SyncPage] | None = None
        self._done = False

    async def __aenter__(self) -> PageFetcher:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._pending is not None and not self._pending.done():
            self._pending.cancel()

    def __aiter__(self) -> PageFetcher:
        return self

    async def __anext__(self) -> tuple[SyncPage, Pagination]:
        if self._done:
            raise StopAsyncIteration
        if self._pending is None:
            self._pending = self._ask(self._cursor)
        while True:
            try:
                page = await self._pending
            except PlaidApiError as error:
                if error.error_code != MUTATION or self.restarts >= self._max_restarts:
                    raise
                # A page still being written keeps the attempt it was given.
                self.restarts += 1
                self.pagination = self.pagination.begun_again()
                self._pending = self._ask(self.pagination.began_at)
                continue
            if page.has_more:
                self._pending = self._ask(page.next_cursor)
            else:
                self._done = True
            return page, self.pagination

    def _ask(self, cursor: str | None) -> asyncio.Future[SyncPage]:
        return asyncio.ensure_future(self._fetch(cursor))
