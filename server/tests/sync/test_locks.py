"""One pass per item at a time in a process (pattern.sync.locks), at no lasting cost per item."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from pattern.kit.db import create_engine
from pattern.sync.locks import ItemLocks


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


async def test_passes_of_one_item_take_turns_and_other_items_do_not_wait(
    engine: AsyncEngine,
) -> None:
    locks = ItemLocks(engine)
    order: list[str] = []

    async def hold(item_id: int, name: str) -> None:
        async with locks.hold(item_id):
            order.append(f"{name} in")
            await asyncio.sleep(0.05)
            order.append(f"{name} out")

    await asyncio.gather(hold(1, "a"), hold(1, "b"), hold(2, "c"))
    assert order.index("a out") < order.index("b in")
    assert order.index("c in") < order.index("a out")


async def test_an_item_keeps_no_lock_once_no_pass_holds_it(engine: AsyncEngine) -> None:
    locks = ItemLocks(engine)
    for item_id in range(200):
        async with locks.hold(item_id):
            pass
    gc.collect()
    assert len(locks._local) == 0  # a long-running server syncs many items over its life
