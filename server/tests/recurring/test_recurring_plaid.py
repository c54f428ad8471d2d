"""Plaid's own recurring streams (/transactions/recurring/get through the SDK) where the
item has them, detection where Plaid refuses, and Plaid's webhook refreshing them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import delete

from pattern.models import Item, Transaction
from pattern.recurring import plaid_streams
from tests.support.plaid_stack import Stack, add_bank, signed_up
from tests.support.recurring_truth import NOT_BILLS


async def linked(stack: Stack, http: httpx.AsyncClient) -> tuple[dict[str, Any], int, str]:
    user = await signed_up(http, "alice")
    created, _ = await add_bank(http, stack)
    assert created.status_code == 201, created.text
    stack.settle()
    item_id = created.json()["id"]
    return user, item_id, stack.access_token(item_id)


async def shown(http: httpx.AsyncClient, user: dict[str, Any]) -> list[dict[str, Any]]:
    response = await http.get(f"/api/users/{user['id']}/recurring")
    assert response.status_code == 200, response.text
    streams: list[dict[str, Any]] = response.json()["streams"]
    return streams


async def truth(stack: Stack, access_token: str) -> list[dict[str, Any]]:
    async with stack.emulator() as emulator:
        found = await emulator.post("/emulator/items/truth", json={"access_token": access_token})
    streams: list[dict[str, Any]] = found.json()["streams"]
    return streams


def item_state(stack: Stack, item_id: int) -> bool | None:
    async def read() -> bool | None:
        async with stack.app.parts.sessionmaker() as session:
            item = await session.get(Item, item_id)
            assert item is not None
            return item.recurring_from_plaid

    return stack.run(read())


async def test_an_item_with_the_product_lists_plaids_streams(stack: Stack) -> None:
    async with stack.client() as http:
        user, item_id, token = await linked(stack, http)
        streams = await shown(http, user)
        expected = await truth(stack, token)
    assert item_state(stack, item_id) is True
    assert {s["source"] for s in streams} == {"plaid"}
    assert sorted(s["transaction_ids"] for s in streams) == sorted(
        s["transaction_ids"]
        for s in expected
        if s["frequency"] != "UNKNOWN" and s["kind"] not in NOT_BILLS
    )
    assert all(len(s["stream_id"]) == 24 for s in streams)


@pytest.fixture
async def without_add_on(stack: Stack) -> AsyncIterator[None]:
    async with stack.emulator() as emulator:
        off = await emulator.post("/emulator/products", json={"recurring_transactions": False})
        assert off.json()["recurring_transactions"] is False
        yield
        await emulator.post("/emulator/products", json={"recurring_transactions": True})


@pytest.mark.usefixtures("without_add_on")
async def test_an_item_without_it_falls_back_to_detection(stack: Stack) -> None:
    async with stack.client() as http:
        user, item_id, _ = await linked(stack, http)
        streams = await shown(http, user)
    assert item_state(stack, item_id) is False
    assert len(streams) >= 5
    assert {s["source"] for s in streams} == {"detected"}


async def test_plaids_webhook_refreshes_the_streams(stack: Stack) -> None:
    async with stack.client() as http:
        user, item_id, token = await linked(stack, http)
        assert item_state(stack, item_id) is True
        before = {s["stream_id"]: s for s in await shown(http, user)}
        assert {s["source"] for s in before.values()} == {"plaid"}
        plans = {tuple(t["transaction_ids"]): t for t in await truth(stack, token)}
        netflix, plaids = next(
            (s, plans[tuple(s["transaction_ids"])])
            for s in before.values()
            if s["is_active"] and tuple(s["transaction_ids"]) in plans
        )
        async with stack.emulator() as emulator:
            added = await emulator.post(
                "/emulator/items/mutate",
                json={"access_token": token, "stream_id": plaids["stream_id"]},
            )
        assert added.status_code == 200, added.text
        stack.settle()
        after = {s["stream_id"]: s for s in await shown(http, user)}
    grown = after[netflix["stream_id"]]
    assert grown["transaction_ids"] == [*netflix["transaction_ids"], added.json()["transaction_id"]]


async def test_plaids_webhook_before_the_sync_stores_no_transfer_as_a_bill(stack: Stack) -> None:
    """Plaid's RECURRING_TRANSACTIONS_UPDATE can come while the first sync is still storing
    (and pairing) the transactions its streams name: transfers are still no bills."""
    async with stack.client() as http:
        user, item_id, token = await linked(stack, http)

        async def webhook_first() -> None:
            parts = stack.app.parts
            async with parts.sessionmaker() as session:  # the sync has stored none of them yet
                await session.execute(delete(Transaction))
                await session.commit()
            await plaid_streams.fetch(
                parts.sessionmaker, parts.plaid, parts.cipher, item_id, webhook=True
            )

        stack.run(webhook_first())
        streams = await shown(http, user)
        expected = await truth(stack, token)
    bills = {s["transaction_ids"][0] for s in expected if s["kind"] not in NOT_BILLS}
    not_bills = {s["transaction_ids"][0] for s in expected if s["kind"] in NOT_BILLS}
    assert not_bills, "the history has transfers"
    assert streams
    assert {s["transaction_ids"][0] for s in streams} <= bills
