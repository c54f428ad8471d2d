"""Page fetching against a page source of the test's own: Plaid's cursors as plain strings."""

from __future__ import annotations

import asyncio

import pytest

from pattern.plaid.errors import PlaidApiError
from pattern.plaid.sync_page import SyncPage
from pattern.sync.fetching import MUTATION, PageFetcher
from pattern.sync.pagination import Pagination


def refusal(code: str) -> PlaidApiError:
    return PlaidApiError(status=400, error_type="TRANSACTIONS_ERROR", error_code=code, message=code)


class Source:
    """Pages "<cursor>+1" after each cursor, `length` to a pagination; some calls refused."""

    def __init__(self, length: int = 3, refusals: dict[int, str] | None = None) -> None:
        self.length = length
        self.refusals = refusals or {}  # by call number: the error code
        self.asked: list[str | None] = []
        self.gate: asyncio.Event | None = None

    async def fetch(self, cursor: str | None) -> SyncPage:
        self.asked.append(cursor)
        call = len(self.asked)
        if self.gate is not None:
            await self.gate.wait()
        if call in self.refusals:
            raise refusal(self.refusals[call])
        depth = 0 if not cursor else cursor.count("+")
        return SyncPage(next_cursor=f"{cursor or ''}+", has_more=depth + 1 < self.length)


async def read(fetcher: PageFetcher) -> list[tuple[str, int]]:
    async with fetcher:
        return [(page.next_cursor, pagination.number) async for page, pagination in fetcher]


FIRST = Pagination(began_at="", number=1)


async def test_pages_come_in_order_until_has_more_is_false() -> None:
    source = Source(length=3)
    pages = await read(PageFetcher(source.fetch, None, FIRST))
    assert pages == [("+", 1), ("++", 1), ("+++", 1)]
    assert source.asked == [None, "+", "++"]


async def test_the_next_page_is_asked_for_while_one_is_handled() -> None:
    source = Source(length=3)
    async with PageFetcher(source.fetch, None, FIRST) as fetcher:
        page, _ = await fetcher.__anext__()
        await asyncio.sleep(0)  # the page after it is on its way
        assert source.asked == [None, page.next_cursor]


async def test_a_mutation_begins_the_pagination_again_where_it_began() -> None:
    source = Source(length=3, refusals={2: MUTATION})  # the second page
    fetcher = PageFetcher(source.fetch, "c", Pagination(began_at="c", number=4))
    pages = await read(fetcher)
    # The first attempt's page keeps its number; the new attempt begins at "c" again.
    assert pages == [("c+", 4), ("c+", 5), ("c++", 5), ("c+++", 5)]
    assert source.asked == ["c", "c+", "c", "c+", "c++"]
    assert fetcher.restarts == 1
    assert fetcher.pagination == Pagination(began_at="c", number=5, cut_since=4)


async def test_a_pagination_taken_up_midway_begins_again_from_its_start() -> None:
    """A pass that resumes a pagination an earlier pass left (cursor "s+") restarts at "s"."""
    source = Source(length=3, refusals={1: MUTATION})
    stored = Pagination.stored(cursor="s+", restart_cursor="s", number=2, cut_since=None)
    pages = await read(PageFetcher(source.fetch, "s+", stored))
    assert source.asked[:2] == ["s+", "s"]
    assert pages[0] == ("s+", 3)


async def test_restarts_are_given_up_after_the_limit() -> None:
    source = Source(length=3, refusals=dict.fromkeys(range(2, 10), MUTATION))
    fetcher = PageFetcher(source.fetch, None, FIRST, max_restarts=2)
    with pytest.raises(PlaidApiError) as refused:
        await read(fetcher)
    assert refused.value.error_code == MUTATION
    assert fetcher.restarts == 2
    assert source.asked == [None, "+", "", ""]


async def test_other_refusals_are_not_retried_here() -> None:
    source = Source(length=3, refusals={2: "ITEM_LOGIN_REQUIRED"})
    fetcher = PageFetcher(source.fetch, None, FIRST)
    handled: list[str] = []

    async def handle() -> None:
        async with fetcher:
            async for page, _ in fetcher:
                handled.append(page.next_cursor)

    with pytest.raises(PlaidApiError) as refused:
        await handle()
    assert refused.value.error_code == "ITEM_LOGIN_REQUIRED"
    assert handled == ["+"]
    assert fetcher.restarts == 0


async def test_leaving_early_cancels_the_page_asked_for_ahead() -> None:
    source = Source(length=5)
    fetcher = PageFetcher(source.fetch, None, FIRST)
    async with fetcher:
        await fetcher.__anext__()
        source.gate = asyncio.Event()  # the next answer never comes
        await asyncio.sleep(0)
    ahead = fetcher._pending
    assert ahead is not None
    await asyncio.sleep(0)
    assert ahead.cancelled()
