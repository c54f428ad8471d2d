"""Load: many people link banks at once, then a webhook storm, while others browse.

`make reliability` only. The server and the emulator each run in a process of their own.
People who already have a bank browse their transactions throughout. Twenty people link
five banks each at once (a hundred initial syncs); then those hundred items get thousands
of signed SYNC_UPDATES_AVAILABLE webhooks, delivered concurrently as Plaid delivers them,
with one new transaction per item landing somewhere in the storm. Every item ends synced
exactly to the emulator's data, no item ever has two syncs at once, every browse answers
200, and the API's latency (p50, p99) is printed for the linking phase and for the storm.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from pattern.kit.crypto import TokenCipher
from pattern.kit.db import create_engine
from pattern.models import Account, Item, PlaidApiEvent, Transaction
from plaid_emulator.testing import emulator_process
from tests.support.plaid_stack import emulator_transactions_at
from tests.support.processes import process_client, server_env, server_process
from tests.support.users import sign_up_and_log_in

pytestmark = [
    pytest.mark.long,
    pytest.mark.reliability,
    pytest.mark.parametrize("database_url", ["postgres"], indirect=True),
]
LINKERS = 20  # people who link all of INSTITUTIONS at once
BROWSERS = 5  # people with a bank linked already, browsing throughout
INSTITUTIONS = ["ins_109508", "ins_109509", "ins_109510", "ins_109511", "ins_109512"]
WEBHOOKS_PER_ITEM = 20
# A round (a webhook to each item) a second: a hundred webhooks a second, delivered
# concurrently, three times "thousands in a minute".
ROUND_SECONDS = 1.0
KEEPALIVE = 2.0
# "Thousands of webhooks in a minute": all of them are delivered within it.
STORM_LIMIT_SECONDS = 60
# Seconds without a sync or a webhook that mean the work of a phase is done.
QUIET_SECONDS = 3.0


@dataclass
class Browsing:
    """(start, milliseconds, status) of every browse request, start in epoch seconds."""

    samples: list[tuple[float, float, int]] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    errors: list[str] = field(default_factory=list)

    async def browse(self, http: httpx.AsyncClient, user_id: int) -> None:
        path = f"/api/users/{user_id}/transactions"
        while not self.stop.is_set():
            started, clock = time.time(), time.perf_counter()
            try:
                status = (await http.get(path, params={"limit": 50})).status_code
            except httpx.HTTPError as exc:
                status = 0  # counted as a failure below
                self.errors.append(repr(exc))
            self.samples.append((started, (time.perf_counter() - clock) * 1000, status))

    def latencies(self, start: float, end: float) -> list[float]:
        return sorted(ms for at, ms, _ in self.samples if start <= at <= end)


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def report(phase: str, summary: str, latencies: list[float], **figures: tuple[float, str]) -> None:
    """One line for people, then `LOAD <name> <value> <unit>` lines for tools."""
    p50, p99 = percentile(latencies, 0.50), percentile(latencies, 0.99)
    lines = [
        f"{phase}: {summary}; API meanwhile: {len(latencies)} requests,"
        f" p50 {p50:.1f} ms, p99 {p99:.1f} ms"
    ]
    figures.update(api_p50=(p50, "ms"), api_p99=(p99, "ms"))
    lines += [f"LOAD {phase}_{name} {value:.1f} {unit}" for name, (value, unit) in figures.items()]
    print("\n" + "\n".join(lines))  # noqa: T201


async def test_a_webhook_storm_loses_nothing_and_never_doubles_a_sync(
    database_url: str, tmp_path: Path
) -> None:
    with emulator_process() as running:
        emulator_url = running.url
        env = server_env(database_url, tmp_path / "data", emulator_url)
        with server_process(env, tmp_path):
            people = LINKERS + BROWSERS
            # Idle connections are dropped before uvicorn's 5 s keep-alive ends them: one
            # ended just as a request goes out on it fails that request (a ReadError).
            clients = [
                process_client(env, timeout=60, limits=httpx.Limits(keepalive_expiry=KEEPALIVE))
                for _ in range(people)
            ]
            emulator = httpx.AsyncClient(
                base_url=emulator_url,
                timeout=60,
                limits=httpx.Limits(keepalive_expiry=KEEPALIVE),
            )
            browsing = Browsing()
            browsers: list[asyncio.Task[None]] = []
            try:
                first = await sign_up(clients[0], 0)  # the administrator, with the setup code
                users = [
                    first,
                    *await asyncio.gather(
                        *(sign_up(http, n) for n, http in enumerate(clients) if n)
                    ),
                ]

                async def link(person: int, institution: str) -> None:
                    http = clients[person]
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
                            "public_token": linked.json()["public_token"],
                            "institution_id": institution,
                        },
                    )
                    assert response.status_code == 201, response.text

                # The browsers' own banks, synced before anything is measured.
                browsing_people = range(LINKERS, people)
                await asyncio.gather(*(link(n, INSTITUTIONS[0]) for n in browsing_people))
                await quiet(database_url, emulator)
                browsed_items = set(await access_tokens(database_url))
                browsers = [
                    asyncio.create_task(browsing.browse(clients[n], users[n]["id"]))
                    for n in browsing_people
                ]

                # Linking: a hundred banks and their initial syncs at once.
                linking_started = time.time()
                await asyncio.gather(*(link(n, i) for n in range(LINKERS) for i in INSTITUTIONS))
                linking_ended = await quiet(database_url, emulator)
                cipher = TokenCipher(env["TOKEN_ENCRYPTION_KEY"])
                tokens = {
                    item_id: cipher.decrypt(encrypted)
                    for item_id, encrypted in (await access_tokens(database_url)).items()
                    if item_id not in browsed_items
                }
                assert len(tokens) == LINKERS * len(INSTITUTIONS)

                # The storm: every item's webhooks, and one new transaction per item.
                before = (await emulator.get("/emulator/webhooks")).json()

                async def fire_round(round_: int) -> None:
                    # One SYNC_UPDATES_AVAILABLE per item, sent concurrently, in one request
                    # (so the test spends its CPU on browsing, not on firing)...
                    fired = await emulator.post(
                        "/emulator/webhooks/fire",
                        json={
                            "access_tokens": list(tokens.values()),
                            "webhook_code": "SYNC_UPDATES_AVAILABLE",
                        },
                    )
                    assert fired.json() == {"fired": len(tokens)}, fired.text
                    # ... and a new transaction (SYNC_UPDATES_AVAILABLE and DEFAULT_UPDATE
                    # for it) at a few of them.
                    for n, token in enumerate(tokens.values()):
                        if n % WEBHOOKS_PER_ITEM == round_:
                            mutated = await emulator.post(
                                "/emulator/items/mutate", json={"access_token": token}
                            )
                            assert mutated.status_code == 200, mutated.text

                storm_started = time.time()
                for round_ in range(WEBHOOKS_PER_ITEM):
                    await asyncio.sleep(
                        max(0, storm_started + round_ * ROUND_SECONDS - time.time())
                    )
                    await fire_round(round_)
                fired_seconds = time.time() - storm_started
                delivered = await all_delivered(emulator, before)
                storm_seconds = time.time() - storm_started
                storm_ended = await quiet(database_url, emulator)
            finally:
                browsing.stop.set()
                await asyncio.gather(*browsers, return_exceptions=True)
                for http in [*clients, emulator]:
                    await http.aclose()

        sent = WEBHOOKS_PER_ITEM * len(tokens)
        by_item, calls = await stored(database_url, since=storm_started)
        storm_passes = sum(calls.passes_since.get(item_id, 0) for item_id in tokens)
        linking_seconds = linking_ended - linking_started
        synced_seconds = storm_ended - storm_started
        report(
            "linking",
            f"{len(tokens)} items linked and synced in {linking_seconds:.1f}s",
            browsing.latencies(linking_started, linking_ended),
            seconds=(linking_seconds, "s"),
        )
        report(
            "storm",
            f"{delivered} webhooks ({sent} fired, the rest for {len(tokens)} new transactions)"
            f" delivered to {len(tokens)} items in {storm_seconds:.1f}s"
            f" ({delivered / storm_seconds:.0f}/s; fired over {fired_seconds:.1f}s),"
            f" {storm_passes} sync passes,"
            f" all synced {synced_seconds:.1f}s after it began",
            browsing.latencies(storm_started, storm_ended),
            seconds=(storm_seconds, "s"),
            webhooks_per_second=(delivered / storm_seconds, "1/s"),
            sync_passes=(storm_passes, "passes"),
            synced_seconds=(synced_seconds, "s"),
        )
        failed = [status for _, _, status in browsing.samples if status != 200]
        assert not failed, (len(failed), len(browsing.samples), failed[:5], browsing.errors[:5])
        assert sent >= 2000
        assert storm_seconds <= STORM_LIMIT_SECONDS
        for item_id, token in tokens.items():
            assert by_item[item_id] == set(emulator_transactions_at(emulator_url, token)), item_id
            passes = "".join(
                "A" if call == "accounts_get" else "s" for call in calls.by_item[item_id]
            )
            assert "AA" not in passes, (item_id, passes)  # never two passes of one item at once


async def sign_up(http: httpx.AsyncClient, number: int) -> dict[str, Any]:
    return await sign_up_and_log_in(http, f"user{number:02d}")


async def all_delivered(emulator: httpx.AsyncClient, before: dict[str, int]) -> int:
    """Wait until every webhook sent since `before` is delivered; how many that was."""
    while True:
        counts = (await emulator.get("/emulator/webhooks")).json()
        assert counts["dropped"] == before["dropped"], counts
        if not counts["in_flight"]:
            return int(counts["delivered"] - before["delivered"])
        await asyncio.sleep(0.1)


async def quiet(database_url: str, emulator: httpx.AsyncClient) -> float:
    """Wait until every item has synced and nothing has synced, or been delivered, for
    QUIET_SECONDS; when the last sync wrote (epoch seconds)."""
    engine = create_engine(database_url)
    last: tuple[Any, ...] | None = None
    since = time.monotonic()
    try:
        while True:
            async with engine.connect() as connection:
                newest, unsynced = (
                    await connection.execute(
                        select(
                            func.max(Item.last_synced_at),
                            func.count().filter(Item.last_synced_at.is_(None)),
                        )
                    )
                ).one()
            counts = (await emulator.get("/emulator/webhooks")).json()
            state = (newest, unsynced, counts["delivered"], counts["in_flight"])
            if state != last or unsynced or counts["in_flight"]:
                last, since = state, time.monotonic()
            elif newest is not None and time.monotonic() - since >= QUIET_SECONDS:
                return float(newest.timestamp())
            await asyncio.sleep(0.25)
    finally:
        await engine.dispose()


async def access_tokens(database_url: str) -> dict[int, str]:
    """Every item's encrypted access token."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(select(Item.id, Item.plaid_access_token_encrypted))
            return dict(rows.all())
    finally:
        await engine.dispose()


@dataclass
class Calls:
    by_item: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    passes_since: dict[int, int] = field(default_factory=lambda: defaultdict(int))


async def stored(database_url: str, since: float) -> tuple[dict[int, set[str]], Calls]:
    """Each item's transactions, and its Plaid sync calls in order (and passes since)."""
    engine = create_engine(database_url)
    by_item: dict[int, set[str]] = defaultdict(set)
    calls = Calls()
    try:
        async with engine.connect() as connection:
            for item_id, transaction_id in await connection.execute(
                select(Account.item_id, Transaction.plaid_transaction_id).join(
                    Account, Account.id == Transaction.account_id
                )
            ):
                by_item[item_id].add(transaction_id)
            for event_item, method, at in await connection.execute(
                select(PlaidApiEvent.item_id, PlaidApiEvent.plaid_method, PlaidApiEvent.created_at)
                .where(PlaidApiEvent.plaid_method.in_(["accounts_get", "transactions_sync"]))
                .order_by(PlaidApiEvent.created_at, PlaidApiEvent.id)
            ):
                calls.by_item[event_item or 0].append(method)
                if method == "accounts_get" and at.timestamp() >= since:
                    calls.passes_since[event_item or 0] += 1
    finally:
        await engine.dispose()
    return by_item, calls
