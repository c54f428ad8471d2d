"""A linked emulator bank: after a sync that changed the person's data, the bills due soon
become notices, which arrive on the person's socket before they open the list."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import httpx

from pattern.auth.cookies import ACCESS_COOKIE
from tests.support.plaid_stack import Stack, add_bank, signed_up
from tests.support.sockets import person_socket

DAYS = 14


async def bills_due(http: httpx.AsyncClient, user_id: int) -> dict[str, str]:
    return bills_due_in((await http.get(f"/api/users/{user_id}/recurring")).json())


def bills_due_in(recurring: dict[str, Any]) -> dict[str, str]:
    """The first due date of each bill or subscription due within DAYS days, by stream, in
    an answer of GET /api/users/{id}/recurring."""
    today = date.fromisoformat(recurring["today"])
    due: dict[str, str] = {}
    for payment in recurring["upcoming"]:
        if payment["kind"] != "income" and date.fromisoformat(payment["date"]) <= today + (
            timedelta(days=DAYS)
        ):
            due.setdefault(payment["stream_id"], payment["date"])
    return due


async def bank_with_a_bill_due(http: httpx.AsyncClient, stack: Stack, user_id: int) -> Any:
    """A linked emulator bank with a bill due within DAYS days. Each emulated bank's history
    is random, and about one in a hundred has none due that soon: linked again then."""
    for _ in range(5):
        item = (await add_bank(http, stack))[0].json()
        stack.settle()
        if await bills_due(http, user_id):
            return item
        assert (await http.delete(f"/api/items/{item['id']}")).status_code == 204
    raise AssertionError("five emulated banks in a row had no bill due within two weeks")


async def test_notices_come_after_a_sync_and_live(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        notices_url = f"/api/users/{user['id']}/notices"
        # None told of bills due while the bank is linked, so that the later ones are new.
        said = await http.put(f"{notices_url}/settings", json={"bill_due_days": 0})
        assert said.status_code == 200, said.text
        item = await bank_with_a_bill_due(http, stack, user["id"])
        first = (await http.get(notices_url)).json()
        assert first == {"notices": [], "unread": 0}  # linking a bank tells nothing "new"
        await http.put(f"{notices_url}/settings", json={"bill_due_days": DAYS})

        heard: list[Any] = []
        arrived = asyncio.Event()

        async def on_notice(data: Any) -> None:
            heard.append(data)
            arrived.set()

        sio = await person_socket(stack.url, http.cookies[ACCESS_COOKIE], {"NOTICE": on_notice})
        try:
            async with stack.emulator() as emulator:
                added = await emulator.post(
                    "/emulator/items/mutate", json={"access_token": stack.access_token(item["id"])}
                )
                assert added.status_code == 200, added.text
            stack.settle()  # Plaid's webhook, the sync, then the notices in the background
            await asyncio.wait_for(arrived.wait(), timeout=10)
            await asyncio.sleep(0.3)  # the other frames in flight
        finally:
            await sio.disconnect()

        due = await bills_due(http, user["id"])
        assert due, "the emulator's bank has a bill or subscription due within two weeks"

        listed = (await http.get(notices_url)).json()
        assert {(n["kind"], n["stream_id"], n["due_date"]) for n in listed["notices"]} == {
            ("bill_due", stream_id, day) for stream_id, day in due.items()
        }
        assert listed["unread"] == len(due)
        # Each arrived live, as the list shows it, and only once.
        assert sorted(heard, key=lambda n: n["id"]) == sorted(
            listed["notices"], key=lambda n: n["id"]
        )
        assert all(n["title"].startswith("Due soon: ") for n in heard)
        assert not any("access" in key or "token" in key for n in heard for key in n)
