"""The sync requests table on a real database of each kind: requests coalesce per item,
a failed pass waits longer each time, and gives up after the last attempt."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from pattern.kit.db import create_engine, create_sessionmaker
from pattern.models import Item, SyncRequest, User
from pattern.sync.storage.requests import Retries, SyncRequestStore


@dataclass
class Db:
    engine: AsyncEngine
    store: SyncRequestStore
    items: list[int]

    async def row(self, item_id: int) -> SyncRequest:
        async with create_sessionmaker(self.engine)() as session:
            row = await session.scalar(select(SyncRequest).where(SyncRequest.item_id == item_id))
            assert row is not None
            return row

    async def serve(self, item_id: int, error: str | None = None) -> int | None:
        async with self.engine.connect() as connection:
            served = await self.store.requested(connection, item_id)
            if served is not None:
                await self.store.served(connection, item_id, served, error)
            return served

    async def fail(self, item_id: int, retries: Retries) -> bool:
        async with self.engine.connect() as connection:
            assert await self.store.requested(connection, item_id) is not None
            return await self.store.failed(connection, item_id, "INTERNAL_SERVER_ERROR", retries)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Db]:
    engine = create_engine(database_url)
    async with create_sessionmaker(engine)() as session, session.begin():
        user = User(username="alice", password_hash="-")
        session.add(user)
        await session.flush()
        items = [
            Item(
                user_id=user.id,
                plaid_access_token_encrypted="not-a-token",
                plaid_item_id=f"item-{n}",
                plaid_institution_id=f"ins_{n}",
                institution_name=f"Bank {n}",
            )
            for n in range(3)
        ]
        session.add_all(items)
        await session.flush()
        ids = [item.id for item in items]
    yield Db(engine, SyncRequestStore(engine), ids)
    await engine.dispose()


async def test_requests_for_an_item_wait_as_one_until_a_pass_serves_them(db: Db) -> None:
    first, second, _ = db.items
    for _ in range(5):
        await db.store.record([first, second], "webhook")
    assert sorted(await db.store.due(10)) == sorted([first, second])
    assert (await db.row(first)).requested == 5
    assert await db.store.waiting() == 2

    # A pass began after the five; one more came during it: it serves the five only.
    async with db.engine.connect() as connection:
        served = await db.store.requested(connection, first)
        assert served == 5
        await db.store.record([first], "webhook")
        await db.store.served(connection, first, served)
    assert sorted(await db.store.due(10)) == sorted([first, second])
    assert await db.serve(first) == 6
    assert await db.store.due(10) == [second]
    assert await db.serve(first) is None  # nothing waits: no pass needed


async def test_a_failed_pass_waits_longer_each_time_then_gives_up(db: Db) -> None:
    item = db.items[0]
    retries = Retries(max_attempts=3, base_seconds=0.2)
    await db.store.record([item], "webhook")
    assert not await db.fail(item, retries)
    row = await db.row(item)
    assert row.attempts == 1
    assert row.last_error == "INTERNAL_SERVER_ERROR"
    assert row.last_error_at is not None
    first_wait = (row.run_after - row.last_error_at).total_seconds()
    assert first_wait == pytest.approx(0.2, abs=0.01)
    assert await db.store.due(10) == []  # waiting
    # Plaid's news meanwhile does not cut the wait short (a storm would undo the backoff).
    await db.store.record([item], "webhook")
    assert await db.store.due(10) == []
    await asyncio.sleep(0.25)
    assert await db.store.due(10) == [item]

    assert not await db.fail(item, retries)
    row = await db.row(item)
    assert row.last_error_at is not None
    assert (row.run_after - row.last_error_at).total_seconds() == pytest.approx(0.4, abs=0.01)
    assert await db.fail(item, retries)  # the third: dead
    row = await db.row(item)
    assert row.dead_at is not None
    assert row.attempts == 3
    await asyncio.sleep(0.5)
    assert await db.store.due(10) == []
    [dead] = await db.store.dead()
    assert (dead.item_id, dead.username, dead.institution_name) == (item, "alice", "Bank 0")
    assert (dead.attempts, dead.last_error) == (3, "INTERNAL_SERVER_ERROR")
    assert await db.store.waiting() == 0

    # The periodic sync leaves it dead; news from Plaid brings it back, attempts from zero.
    await db.store.record([item], "schedule", revive=False)
    assert await db.store.due(10) == []
    await db.store.record([item], "webhook")
    assert await db.store.due(10) == [item]
    assert (await db.row(item)).attempts == 0
    assert await db.store.dead() == []


async def test_the_persons_request_cuts_a_wait_short(db: Db) -> None:
    item = db.items[0]
    await db.store.record([item], "webhook")
    assert not await db.fail(item, Retries(max_attempts=5, base_seconds=600))
    assert await db.store.due(10) == []
    await db.store.record([item], "button", urgent=True)
    assert await db.store.due(10) == [item]
    assert (await db.row(item)).attempts == 0


async def test_an_error_only_the_person_can_mend_is_not_tried_again(db: Db) -> None:
    item = db.items[0]
    await db.store.record([item], "webhook")
    assert await db.serve(item, "ITEM_LOGIN_REQUIRED") == 1
    row = await db.row(item)
    assert (row.done, row.attempts, row.last_error) == (1, 0, "ITEM_LOGIN_REQUIRED")
    assert await db.store.due(10) == []


async def test_a_removed_item_takes_its_requests_along(db: Db) -> None:
    item = db.items[0]
    await db.store.record([item], "webhook")
    async with create_sessionmaker(db.engine)() as session, session.begin():
        await session.delete(await session.get(Item, item))
    assert await db.store.due(10) == []
