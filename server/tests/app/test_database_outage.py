"""PostgreSQL stopped mid-sync, then started again: nothing lost, nothing doubled, edits kept.

The database is a cluster of the test's own (the shared one must stay up), stopped with
`pg_ctl -m immediate`, so every connection the server holds dies at once, as in a crash.
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from pattern.kit.crypto import TokenCipher
from pattern.kit.db import create_engine
from pattern.models import Transaction
from tests.support.pg_cluster import own_postgres
from tests.support.plaid_stack import (
    add_bank,
    allow_bank_refresh,
    emulator_transactions_at,
    stored_ids,
)
from tests.support.processes import process_client, server_env, server_process
from tests.support.users import sign_up_and_log_in

pytestmark = pytest.mark.reliability

EDITED_NAME = "Edited before the outage"
OUTAGE_SECONDS = 3.0


async def edit_of(database_url: str, plaid_transaction_id: str) -> tuple[str, bool, str | None]:
    """The stored name, whether it is a person's edit, and the name Plaid gave it."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            row = (
                await connection.execute(
                    select(
                        Transaction.name, Transaction.manually_updated, Transaction.original_name
                    ).where(Transaction.plaid_transaction_id == plaid_transaction_id)
                )
            ).one()
    finally:
        await engine.dispose()
    return row.name, row.manually_updated, row.original_name


async def stored_count(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            return int(await connection.scalar(select(func.count(Transaction.id))) or 0)
    finally:
        await engine.dispose()


async def until_stored(database_url: str, server: subprocess.Popen[bytes]) -> None:
    """Wait for the initial sync's first page, so the outage lands part-way through it."""
    deadline = time.monotonic() + 20
    while await stored_count(database_url) == 0:
        assert server.poll() is None, "the server exited"
        assert time.monotonic() < deadline, "the initial sync stored nothing"
        await asyncio.sleep(0.05)


async def sync_until_it_happens(http: httpx.AsyncClient, item_id: int) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while True:
        response = await http.post(f"/api/items/{item_id}/sync")
        if response.status_code == 200 and response.json()["status"] == "SYNC_HAPPENED":
            report: dict[str, Any] = response.json()
            return report
        assert time.monotonic() < deadline, response.text
        await asyncio.sleep(0.2)


async def test_a_database_outage_mid_sync_loses_and_doubles_nothing(
    emulator_url: str, tmp_path: Path
) -> None:
    """PostgreSQL stopped (immediate) mid-sync, then started: none lost or doubled, edit kept"""
    async with own_postgres() as cluster, httpx.AsyncClient(base_url=emulator_url) as emulator:
        env = server_env(cluster.url, tmp_path / "data", emulator_url)
        await allow_bank_refresh(emulator, False)  # the bank's data stays as it is
        # Slow pages, so the outage lands in the middle of the initial sync.
        await emulator.post(
            "/emulator/faults",
            json={"path": "/transactions/sync", "count": 50, "delay_seconds": 0.4},
        )
        try:
            with server_process(env, tmp_path) as server:
                async with process_client(env) as http:
                    user = await sign_up_and_log_in(http, "alice")
                    item, _ = await add_bank(http, emulator_url, username="user_bulk_4000")
                    assert item.status_code == 201, item.text
                    item_id = int(item.json()["id"])

                    await until_stored(cluster.url, server)
                    first = (await http.get(f"/api/items/{item_id}/transactions")).json()[0]
                    edit = await http.patch(
                        f"/api/transactions/{first['id']}", json={"name": EDITED_NAME}
                    )
                    assert edit.status_code == 200, edit.text

                    # A sync asked for now joins the running pass, which the outage breaks.
                    joined = asyncio.create_task(http.post(f"/api/items/{item_id}/sync"))
                    await asyncio.sleep(0.5)
                    assert not joined.done(), (await joined).text

                    cluster.stop(mode="immediate")
                    down_until = time.monotonic() + OUTAGE_SECONDS
                    while time.monotonic() < down_until:
                        # Alive, honest about not being ready, and failing cleanly.
                        assert server.poll() is None, "the server exited with the database"
                        assert (await http.get("/api/health")).status_code == 200
                        assert (await http.get("/api/ready")).status_code == 503
                        items = await http.get(f"/api/users/{user['id']}/items")
                        assert items.status_code >= 500, items.text
                        assert set(items.json()) == {"error"}, items.text
                        await asyncio.sleep(0.5)
                    # It is answered with a report of the failure, not with a 500.
                    failed = await joined
                    assert failed.status_code == 200, failed.text
                    assert failed.json()["status"] == "SYNC_ERROR", failed.text
                    cluster.start()

                    # The pool recovers by itself: the first request after the outage works.
                    assert (await http.get(f"/api/users/{user['id']}/items")).status_code == 200
                    assert (await http.get("/api/ready")).status_code == 200
                    ids, _ = await stored_ids(cluster.url)
                    assert 0 < len(ids) < 4000, len(ids)  # the outage was part-way
                    assert len(ids) % 500 == 0, len(ids)  # whole pages only

                    await emulator.delete("/emulator/faults")
                    report = await sync_until_it_happens(http, item_id)
                    assert report["error_code"] is None, report
                    assert server.poll() is None, "the server exited"
        finally:
            await emulator.delete("/emulator/faults")
            await allow_bank_refresh(emulator, True)

        ids, encrypted = await stored_ids(cluster.url)
        access_token = TokenCipher(env["TOKEN_ENCRYPTION_KEY"]).decrypt(encrypted)
        expected = emulator_transactions_at(emulator_url, access_token)
        assert len(ids) == 4000, len(ids)
        assert sorted(ids) == sorted(expected)  # none doubled, none lost
        assert await edit_of(cluster.url, first["plaid_transaction_id"]) == (
            EDITED_NAME,
            True,
            first["name"],
        )
