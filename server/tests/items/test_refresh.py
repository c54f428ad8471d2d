"""Refresh asks the bank: /transactions/refresh, then its webhook's changes arrive live."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from sqlalchemy import func, select

from pattern.auth.cookies import ACCESS_COOKIE
from pattern.models import PlaidApiEvent, Transaction
from tests.support.plaid_stack import (
    Stack,
    add_bank,
    bank_refresh_refused,
    emulator_transactions,
    signed_up,
)
from tests.support.sockets import person_socket


async def stored_ids(stack: Stack) -> set[str]:
    async with stack.app.parts.sessionmaker() as session:
        return set(await session.scalars(select(Transaction.plaid_transaction_id)))


async def refresh_calls(stack: Stack) -> int:
    async with stack.app.parts.sessionmaker() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(PlaidApiEvent)
            .where(PlaidApiEvent.plaid_method == "transactions_refresh")
        )
    return int(count or 0)


@asynccontextmanager
async def socket_events(stack: Stack, http: httpx.AsyncClient) -> AsyncIterator[list[Any]]:
    events: list[Any] = []

    async def any_event(event: str, data: Any) -> None:
        events.append((event, data))

    sio = await person_socket(stack.url, http.cookies[ACCESS_COOKIE], {"*": any_event})
    try:
        yield events
    finally:
        await sio.disconnect()


async def test_refresh_asks_the_bank_and_its_changes_arrive_live(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        created, _ = await add_bank(http, stack, username="user_transactions_dynamic")
        item = created.json()
        stack.settle()
        before = stack.run(stored_ids(stack))
        async with socket_events(stack, http) as events:
            answer = await http.post(f"/api/items/{item['id']}/sync")
            assert answer.status_code == 200, answer.text
            report = answer.json()
            assert report["bank_refresh"] == "asked"
            assert report["message"].startswith("Asked First Platypus Bank for new transactions")
            stack.settle()
            await asyncio.sleep(0.3)  # socket frames in flight
        # The bank's changes (Plaid's webhook, then a sync) are stored and were announced.
        after = emulator_transactions(stack, stack.access_token(item["id"]))
        assert set(after) != before
        assert stack.run(stored_ids(stack)) == set(after)
        assert stack.run(refresh_calls(stack)) == 1
        names = [name for name, _ in events]
        assert "SYNC_UPDATES_AVAILABLE" in names  # Plaid's webhook, as a person hears it
        assert "NEW_TRANSACTIONS_DATA" in names


async def test_a_refused_refresh_says_why_and_still_syncs(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        created, _ = await add_bank(http, stack, username="user_transactions_dynamic")
        item = created.json()
        stack.settle()
        async with bank_refresh_refused(stack):
            answer = await http.post(f"/api/items/{item['id']}/sync")
        assert answer.status_code == 200, answer.text
        report = answer.json()
        assert report["status"] == "SYNC_HAPPENED"
        assert report["bank_refresh"] == "refused"
        assert "does not include Transactions Refresh" in report["message"]
        assert "First Platypus Bank" in report["message"]
        assert "INVALID_PRODUCT" not in report["message"]  # words for a person, not a code
        stack.settle()
        after = emulator_transactions(stack, stack.access_token(item["id"]))
        assert stack.run(stored_ids(stack)) == set(after)  # nothing changed at the bank


async def test_a_failed_refresh_says_so_in_words_and_gives_programs_the_code(
    stack: Stack,
) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item = (await add_bank(http, stack))[0].json()
        stack.settle()
        down = {"error_type": "INSTITUTION_ERROR", "error_code": "INSTITUTION_DOWN"}
        async with stack.emulator() as emulator:
            armed = await emulator.post(
                "/emulator/faults", json={"path": "/transactions/refresh", "count": 1, **down}
            )
            assert armed.status_code == 200, armed.text
            try:
                answer = await http.post(f"/api/items/{item['id']}/sync")
            finally:
                await emulator.delete("/emulator/faults")
        report = answer.json()
        assert (report["status"], report["bank_refresh"]) == ("SYNC_HAPPENED", "failed")
        assert report["bank_refresh_error"] == "INSTITUTION_DOWN"
        assert "Could not ask First Platypus Bank" in report["message"]
        assert "INSTITUTION_DOWN" not in report["message"]  # words for a person, not a code


async def test_refreshing_someone_elses_item_is_not_found(stack: Stack) -> None:
    async with stack.client() as alice, stack.client() as bob:
        await signed_up(alice, "alice")
        await signed_up(bob, "bobby")
        item = (await add_bank(alice, stack))[0].json()
        answer = await bob.post(f"/api/items/{item['id']}/sync")
        assert answer.status_code == 404
        assert stack.run(refresh_calls(stack)) == 0
