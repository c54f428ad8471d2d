"""Page storage on a real database of each kind: what a page leaves in the tables."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import msgspec
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from pattern.kit.db import create_engine, create_sessionmaker
from pattern.models import Account, Item, Transaction, User
from pattern.plaid.sync_page import SyncPage, decode_sync_page
from pattern.sync.accounts import SeenAccounts
from pattern.sync.pagination import Pagination
from pattern.sync.results import PageCounts
from pattern.sync.storage import PageStorage, PageToWrite, storage_for
from pattern.sync.storage.postgres import PostgresPageStorage
from pattern.sync.storage.sqlite import SqlitePageStorage
from pattern.totals.entries import from_cents
from pattern.totals.service import label, months_between

CHECKING = {
    "account_id": "acc-1",
    "name": "Checking",
    "type": "depository",
    "balances": {"current": 120.5, "available": 100, "iso_currency_code": "USD"},
}


def page(
    *,
    added: Sequence[dict[str, Any]] = (),
    modified: Sequence[dict[str, Any]] = (),
    removed: Sequence[str] = (),
    cursor: str = "c1",
    has_more: bool = False,
) -> SyncPage:
    body = {
        "added": list(added),
        "modified": list(modified),
        "removed": [{"transaction_id": id_} for id_ in removed],
        "accounts": [CHECKING],
        "next_cursor": cursor,
        "has_more": has_more,
    }
    return decode_sync_page(msgspec.json.encode(body))


def tx(id_: str, name: str = "Coffee", amount: str = "4.35", **fields: Any) -> dict[str, Any]:
    return {
        "transaction_id": id_,
        "account_id": "acc-1",
        "date": "2024-03-01",
        "amount": Decimal(amount),
        "name": name,
        "category": ["Food and Drink", "Coffee Shop"],
        "personal_finance_category": {
            "primary": "FOOD_AND_DRINK",
            "detailed": "FOOD_AND_DRINK_COFFEE",
            "confidence_level": "VERY_HIGH",
        },
        **fields,
    }


@dataclass
class Db:
    engine: AsyncEngine
    storage: PageStorage
    user_id: int
    item_id: int

    async def write(
        self, sync_page: SyncPage, pagination: Pagination, **options: Any
    ) -> PageCounts:
        to_write = PageToWrite(
            item_id=self.item_id,
            user_id=self.user_id,
            page=sync_page,
            pagination=pagination,
            rules=[],
            seen=options.get("seen", SeenAccounts()),
            removed_edits=options.get("removed_edits", {}),
        )
        async with self.storage.hold_item(self.item_id) as connection:
            return await self.storage.write_page(to_write, connection, options.get("before"))

    async def rows(self) -> dict[str, Transaction]:
        async with create_sessionmaker(self.engine)() as session:
            found = await session.scalars(select(Transaction))
            return {row.plaid_transaction_id: row for row in found}

    async def item(self) -> Item:
        async with create_sessionmaker(self.engine)() as session:
            item = await session.get(Item, self.item_id)
            assert item is not None
            return item

    async def data_version(self) -> int:
        async with create_sessionmaker(self.engine)() as session:
            return int(await session.scalar(select(User.data_version)) or 0)

    async def execute(self, statement: Any) -> None:
        async with create_sessionmaker(self.engine)() as session, session.begin():
            await session.execute(statement)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Db]:
    engine = create_engine(database_url)
    async with create_sessionmaker(engine)() as session, session.begin():
        user = User(username="alice", password_hash="-")
        session.add(user)
        await session.flush()
        item = Item(
            user_id=user.id,
            plaid_access_token_encrypted="not-a-token",
            plaid_item_id="item-1",
            plaid_institution_id="ins_1",
        )
        session.add(item)
        await session.flush()
        user_id, item_id = user.id, item.id
    yield Db(engine, storage_for(engine), user_id, item_id)
    await engine.dispose()


FIRST = Pagination(began_at="", number=1)


async def test_the_months_a_page_changes_are_counted_again(db: Db) -> None:
    """A stored month total never outlives a page: a transaction modified into another
    month leaves its old month and joins its new one; a removed one leaves its month."""

    async def spent() -> dict[str, Decimal]:
        async with create_sessionmaker(db.engine)() as session, session.begin():
            months = await months_between(session, db.user_id, date(2024, 3, 1), date(2024, 5, 31))
        return {
            label(month.first_day): from_cents(sum(entry.spent for entry in month.entries))
            for month in months
        }

    await db.write(page(added=[tx("t1", amount="10.00"), tx("t2", date="2024-05-10")]), FIRST)
    assert await spent() == {"2024-03": 10, "2024-04": 0, "2024-05": Decimal("4.35")}
    moved = tx("t1", amount="12.00", date="2024-04-15")
    await db.write(
        page(modified=[moved], removed=["t2"], cursor="c2"), Pagination(began_at="c1", number=2)
    )
    assert await spent() == {"2024-03": 0, "2024-04": 12, "2024-05": 0}


async def test_each_database_has_its_own_storage(db: Db) -> None:
    expected = {"postgresql": PostgresPageStorage, "sqlite": SqlitePageStorage}
    assert type(db.storage) is expected[db.engine.dialect.name]
    # Two pages in flight where the database takes two writers.
    assert (db.storage.second_connection is None) == (db.engine.dialect.name == "sqlite")


async def test_a_page_is_stored_with_its_cursor(db: Db) -> None:
    version = await db.data_version()
    counts = await db.write(page(added=[tx("t1"), tx("t2", "Rent", "-1500")]), FIRST)
    assert counts == PageCounts(added=2)
    rows = await db.rows()
    assert set(rows) == {"t1", "t2"}
    assert rows["t1"].amount == Decimal("4.35")
    # The personal finance category is the category; the legacy one is kept.
    assert (rows["t1"].category, rows["t1"].subcategory) == (
        "FOOD_AND_DRINK",
        "FOOD_AND_DRINK_COFFEE",
    )
    assert rows["t1"].legacy_categories == '["Food and Drink","Coffee Shop"]'
    assert rows["t1"].personal_finance_confidence == "VERY_HIGH"
    assert rows["t1"].user_id == db.user_id
    assert rows["t1"].sync_pagination == 1
    item = await db.item()
    assert (item.transactions_cursor, item.transactions_pagination) == ("c1", 1)
    assert item.transactions_restart_cursor is None  # the pagination is whole
    assert await db.data_version() > version
    async with db.storage.hold_item(db.item_id) as connection:
        stored = await db.storage.read_item(connection, db.item_id)
    assert stored is not None
    assert stored.cursor == "c1"
    assert stored.pagination == Pagination(began_at="c1", number=2)  # the next one


async def test_a_page_in_the_middle_of_a_pagination_keeps_where_it_began(db: Db) -> None:
    pagination = Pagination(began_at="c0", number=3)
    await db.write(page(added=[tx("t1")], cursor="c1", has_more=True), pagination)
    item = await db.item()
    assert (item.transactions_cursor, item.transactions_restart_cursor) == ("c1", "c0")
    async with db.storage.hold_item(db.item_id) as connection:
        stored = await db.storage.read_item(connection, db.item_id)
    assert stored is not None
    assert stored.pagination == pagination


async def test_the_same_page_twice_doubles_nothing(db: Db) -> None:
    sync_page = page(added=[tx("t1"), tx("t2")])
    await db.write(sync_page, FIRST)
    await db.write(sync_page, FIRST)
    assert len(await db.rows()) == 2


async def test_a_modified_transaction_keeps_the_persons_edits(db: Db) -> None:
    await db.write(page(added=[tx("t1", "COFFEE SHOP 123")]), FIRST)
    await db.execute(
        update(Transaction).values(name="Morning coffee", category="Treats", manually_updated=True)
    )
    counts = await db.write(page(modified=[tx("t1", "Coffee Shop", amount="5")]), FIRST)
    assert counts == PageCounts(modified=1)
    row = (await db.rows())["t1"]
    assert (row.name, row.category) == ("Morning coffee", "Treats")
    assert (row.original_name, row.amount) == ("Coffee Shop", Decimal("5.00"))


async def test_an_edit_goes_on_to_the_posted_one_a_page_later(db: Db) -> None:
    await db.write(page(added=[tx("pending-1", pending=True)]), FIRST)
    await db.execute(update(Transaction).values(name="Lunch with Sam", manually_updated=True))
    removed_edits: dict[str, Any] = {}
    counts = await db.write(page(removed=["pending-1"]), FIRST, removed_edits=removed_edits)
    assert counts == PageCounts(removed=1)
    assert await db.rows() == {}
    await db.write(
        page(added=[tx("posted-1", pending_transaction_id="pending-1")]),
        FIRST,
        removed_edits=removed_edits,
    )
    posted = (await db.rows())["posted-1"]
    assert (posted.name, posted.manually_updated) == ("Lunch with Sam", True)


async def test_the_end_of_a_pagination_begun_again_discards_what_only_cut_attempts_wrote(
    db: Db,
) -> None:
    await db.write(page(added=[tx("kept")]), FIRST)  # a whole pagination before
    cut = Pagination(began_at="c1", number=2)
    await db.write(page(added=[tx("gone"), tx("again")], cursor="c2", has_more=True), cut)
    again = cut.begun_again()
    counts = await db.write(page(added=[tx("again")], cursor="c3"), again)
    assert counts == PageCounts(added=1, removed=1)
    rows = await db.rows()
    assert set(rows) == {"kept", "again"}
    assert rows["again"].sync_pagination == 3
    item = await db.item()
    assert (item.transactions_cursor, item.transactions_cut_since) == ("c3", None)


async def test_a_page_whose_page_before_failed_is_not_stored(db: Db) -> None:
    async def failed() -> None:
        raise RuntimeError("the page before failed")

    with pytest.raises(RuntimeError, match="page before"):
        await db.write(page(added=[tx("t1")]), FIRST, before=asyncio.ensure_future(failed()))
    assert await db.rows() == {}
    assert (await db.item()).transactions_cursor is None


async def test_a_page_with_accounts_seen_before_does_not_write_them(db: Db) -> None:
    seen = SeenAccounts()
    await db.write(page(added=[tx("t1")]), FIRST, seen=seen)
    assert seen.accounts == [CHECKING]
    await db.execute(update(Account).values(name="Renamed here"))
    await db.write(page(added=[tx("t2")]), FIRST, seen=seen)
    async with create_sessionmaker(db.engine)() as session:
        assert await session.scalar(select(Account.name)) == "Renamed here"


async def test_accounts_are_written_with_a_stamp_the_item_read_agrees_with(db: Db) -> None:
    async with db.storage.hold_item(db.item_id) as connection:
        ids, stamp = await db.storage.write_accounts(connection, db.item_id, [CHECKING])
        stored = await db.storage.read_item(connection, db.item_id)
    assert list(ids) == ["acc-1"]
    assert stored is not None
    assert stored.accounts_stamp == stamp
    assert stamp[1] == 1


async def test_only_a_cursor_is_written_for_a_page_with_nothing_new(db: Db) -> None:
    await db.write(page(added=[tx("t1")]), FIRST)
    version = await db.data_version()
    async with db.storage.hold_item(db.item_id) as connection:
        removed = await db.storage.write_cursor(
            connection, db.item_id, page(cursor="c9"), Pagination(began_at="c1", number=2)
        )
    assert removed == 0
    item = await db.item()
    assert (item.transactions_cursor, item.transactions_pagination) == ("c9", 2)
    assert await db.data_version() == version
    assert set(await db.rows()) == {"t1"}


async def test_a_cursor_only_end_of_a_pagination_begun_again_tells_the_caches(db: Db) -> None:
    """Its last page empty, the restarted pagination still discards what the cut attempt
    wrote: a change to the person's data, so cached figures must not outlive it."""
    cut = Pagination(began_at="c1", number=2)
    await db.write(page(added=[tx("gone")], cursor="c2", has_more=True), cut)
    version = await db.data_version()
    async with db.storage.hold_item(db.item_id) as connection:
        removed = await db.storage.write_cursor(
            connection, db.item_id, page(cursor="c3"), cut.begun_again()
        )
    assert removed == 1
    assert await db.rows() == {}
    assert await db.data_version() > version


async def test_items_not_synced_lately_are_due(db: Db) -> None:
    assert await db.storage.items_due(3600) == [db.item_id]
    await db.write(page(), FIRST)  # sets last_synced_at
    assert await db.storage.items_due(3600) == []


async def test_an_item_held_by_another_process_waits(db: Db, database_url: str) -> None:
    if db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite is served by one process: the lock in the process is the whole story")
    other_engine = create_engine(database_url)  # as another server process would have
    other = storage_for(other_engine)
    try:
        async with db.storage.hold_item(db.item_id):
            waiting = asyncio.ensure_future(_hold_briefly(other, db.item_id))
            await asyncio.sleep(0.3)
            assert not waiting.done()
        await asyncio.wait_for(waiting, 5)
        async with other.hold_item(db.item_id + 1), db.storage.hold_item(db.item_id):
            pass  # another item is not held
    finally:
        await other_engine.dispose()


async def _hold_briefly(storage: PageStorage, item_id: int) -> None:
    async with storage.hold_item(item_id) as connection:
        assert await connection.scalar(select(func.count()).select_from(Item)) == 1
