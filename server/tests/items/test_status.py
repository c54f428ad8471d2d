"""An item's status, as the person, the webhooks and the sync set it (pattern.items.status)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.items.status import mark_item_status, set_status
from pattern.kit.db import create_engine, create_sessionmaker
from pattern.models import Item, User


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url)
    yield create_sessionmaker(engine)
    await engine.dispose()


async def new_item(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session, session.begin():
        user = User(username="alice", password_hash="-")
        session.add(user)
        await session.flush()
        item = Item(
            user_id=user.id,
            plaid_access_token_encrypted="-",
            plaid_item_id="item-1",
            plaid_institution_id="ins_1",
        )
        session.add(item)
        await session.flush()
        return item.id


async def status_of(
    sessions: async_sessionmaker[AsyncSession], item_id: int
) -> tuple[str, str | None]:
    async with sessions() as session:
        item = await session.get(Item, item_id)
        assert item is not None
        return item.status, item.error_code


async def test_bad_records_the_error_and_good_clears_it(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    item_id = await new_item(sessions)
    await mark_item_status(sessions, item_id, "bad", "ITEM_LOGIN_REQUIRED")
    assert await status_of(sessions, item_id) == ("bad", "ITEM_LOGIN_REQUIRED")
    await mark_item_status(sessions, item_id, "good", None)
    assert await status_of(sessions, item_id) == ("good", None)


async def test_the_person_setting_bad_keeps_the_error_plaid_gave(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    item_id = await new_item(sessions)
    await mark_item_status(sessions, item_id, "bad", "PENDING_EXPIRATION")
    async with sessions() as session, session.begin():
        item = await session.get(Item, item_id)
        assert item is not None
        await set_status(session, item, "good")
        await set_status(session, item, "bad")
    assert await status_of(sessions, item_id) == ("bad", None)
    await mark_item_status(sessions, item_id, "bad", "ITEM_LOGIN_REQUIRED")
    async with sessions() as session, session.begin():
        item = await session.get(Item, item_id)
        assert item is not None
        await set_status(session, item, "bad")
    assert await status_of(sessions, item_id) == ("bad", "ITEM_LOGIN_REQUIRED")


async def test_an_item_gone_meanwhile_is_no_error(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await mark_item_status(sessions, 4242, "bad", "ITEM_LOGIN_REQUIRED")
