"""Load: a webhook storm over many items while people browse (`make reliability` only).

The server and the emulator each run in a process of their own. A hundred items get
thousands of signed SYNC_UPDATES_AVAILABLE webhooks within about a minute: every item ends
synced exactly to the emulator's data, no item ever has two syncs at once, and the API's
latency during the storm is printed.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import defaultdict
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from pattern.crypto import TokenCipher
from pattern.db import create_engine
from pattern.models import Account, Item, PlaidApiEvent, Transaction
from plaid_emulator.testing import emulator_process
from tests.support.plaid_stack import emulator_transactions_at
from tests.support.processes import server_env, server_process
from tests.support.users import STRONG_PASSWORD

pytestmark = [
    pytest.mark.long,
    pytest.mark.reliability,
    pytest.mark.parametrize("database_url", ["postgres"], indirect=True),
]
USERS = 20
INSTITUTIONS = ["ins_109508", "ins_109509", "ins_109510", "ins_109511", "ins_109512"]
WEBHOOKS_PER_ITEM = 20


async def settled(http: httpx.AsyncClient, user_id: int, seconds: float = 3) -> None:
    """Wait until a user's item list stops changing sync times for a few seconds."""
    last = None
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < seconds:
        now = [i["last_synced_at"] for i in (await http.get(f"/api/users/{user_id}/items")).json()]
        if now != last:
            last, quiet_since = now, time.monotonic()
        await asyncio.sleep(0.5)


async def test_a_webhook_storm_loses_nothing_and_never_doubles_a_sync(
    database_url: str, tmp_path: Path
) -> None:
    with emulator_process() as emulator_url:
        env = server_env(database_url, tmp_path / "data", emulator_url)
        url = f"http://127.0.0.1:{env['PORT']}"
        with server_process(env, tmp_path):
            clients = [httpx.AsyncClient(base_url=url, timeout=60) for _ in range(USERS)]
            emulator = httpx.AsyncClient(base_url=emulator_url, timeout=60)
            try:
                users = []
                for index, http in enumerate(clients):
                    credentials = {"username": f"user{index:02d}", "password": STRONG_PASSWORD}
                    await http.post("/api/users", json=credentials)
                    users.append((await http.post("/api/sessions", json=credentials)).json())

                async def link(index: int, institution: str) -> None:
                    http = clients[index]
                    token = (await http.post("/api/link-token", json={})).json()["link_token"]
                    linked = await emulator.post(
                        "/link/session/complete",
                        json={
                            "link_token": token,
                            "institution_id": institution,
                            "username": "user_bulk_60",
                            "password": "pass_good",
                        },
                    )
                    response = await http.post(
                        "/api/items",
                        json={
                            "publicToken": linked.json()["public_token"],
                            "institutionId": institution,
                        },
                    )
                    assert response.status_code == 201, response.text

                await asyncio.gather(*(link(u, i) for u in range(USERS) for i in INSTITUTIONS))
                await settled(clients[0], users[0]["id"])
                tokens = await access_tokens(database_url, TokenCipher(env["TOKEN_ENCRYPTION_KEY"]))
                assert len(tokens) == USERS * len(INSTITUTIONS)

                latencies: list[float] = []
                storm_over = asyncio.Event()

                async def browse(index: int) -> None:
                    path = f"/api/users/{users[index]['id']}/transactions"
                    while not storm_over.is_set():
                        started = time.perf_counter()
                        response = await clients[index].get(path, params={"limit": 50})
                        latencies.append((time.perf_counter() - started) * 1000)
                        assert response.status_code == 200

                async def fire(token: str) -> None:
                    response = await emulator.post(
                        "/sandbox/item/fire_webhook",
                        json={
                            "client_id": "load",
                            "secret": "load",
                            "access_token": token,
                            "webhook_code": "SYNC_UPDATES_AVAILABLE",
                        },
                    )
                    assert response.status_code == 200, response.text

                started = time.monotonic()
                browsers = [asyncio.create_task(browse(i)) for i in range(0, USERS, 4)]
                for _ in range(WEBHOOKS_PER_ITEM):
                    await asyncio.gather(*(fire(token) for token in tokens.values()))
                storm_seconds = time.monotonic() - started
                for user in users[:3]:
                    await settled(clients[0], user["id"])
                await asyncio.sleep(5)
                storm_over.set()
                await asyncio.gather(*browsers)
            finally:
                for http in [*clients, emulator]:
                    await http.aclose()

        sent = WEBHOOKS_PER_ITEM * len(tokens)
        latencies.sort()
        p50 = statistics.median(latencies)
        p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)]
        print(  # noqa: T201
            f"\nwebhook storm: {sent} webhooks to {len(tokens)} items in {storm_seconds:.1f}s "
            f"({sent / storm_seconds:.0f}/s); "
            f"API during it: {len(latencies)} requests, p50 {p50:.1f} ms, p99 {p99:.1f} ms"
        )
        assert sent >= 2000
        by_item, calls = await stored(database_url)
        for item_id, token in tokens.items():
            assert by_item[item_id] == set(emulator_transactions_at(emulator_url, token)), item_id
            passes = "".join("A" if method == "accounts_get" else "s" for method in calls[item_id])
            assert "AA" not in passes, (item_id, passes)  # never two passes of one item at once


async def access_tokens(database_url: str, cipher: TokenCipher) -> dict[int, str]:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(select(Item.id, Item.plaid_access_token_encrypted))
            return {item_id: cipher.decrypt(encrypted) for item_id, encrypted in rows}
    finally:
        await engine.dispose()


async def stored(database_url: str) -> tuple[dict[int, set[str]], dict[int, list[str]]]:
    engine = create_engine(database_url)
    by_item: dict[int, set[str]] = defaultdict(set)
    calls: dict[int, list[str]] = defaultdict(list)
    try:
        async with engine.connect() as connection:
            for item_id, transaction_id in await connection.execute(
                select(Account.item_id, Transaction.plaid_transaction_id).join(
                    Account, Account.id == Transaction.account_id
                )
            ):
                by_item[item_id].add(transaction_id)
            for event_item, method in await connection.execute(
                select(PlaidApiEvent.item_id, PlaidApiEvent.plaid_method)
                .where(PlaidApiEvent.plaid_method.in_(["accounts_get", "transactions_sync"]))
                .order_by(PlaidApiEvent.created_at, PlaidApiEvent.id)
            ):
                calls[event_item or 0].append(method)
    finally:
        await engine.dispose()
    return by_item, calls
