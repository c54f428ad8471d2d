"""Sync requests outlive the process that acknowledged them, and worker processes share
the syncs with the server (docs/adr/0012-sync-requests-kept-in-the-database.md)."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import httpx
import pytest
from sqlalchemy import func, select

from pattern.kit.crypto import TokenCipher
from pattern.kit.db import create_engine
from pattern.models import Account, PlaidApiEvent, SyncRequest, Transaction
from tests.support.plaid_stack import add_bank, emulator_transactions_at, stored_ids
from tests.support.processes import process_client, server_env, server_process
from tests.support.users import sign_up_and_log_in

pytestmark = pytest.mark.reliability


async def webhooks_settled(emulator: httpx.AsyncClient) -> dict[str, Any]:
    """The emulator's webhook counts once none is in flight or waiting."""
    deadline = time.monotonic() + 20
    while True:
        counts: dict[str, Any] = (await emulator.get("/emulator/webhooks")).json()
        if not counts["in_flight"] and not counts["pending"]:
            return counts
        assert time.monotonic() < deadline, counts
        await asyncio.sleep(0.05)


async def until(check: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not await check():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.2)


@pytest.mark.parametrize("database_url", ["postgres", "sqlite"], indirect=True)
async def test_a_webhook_acknowledged_before_a_crash_is_synced_after_the_restart(
    database_url: str, emulator_url: str, tmp_path: Path
) -> None:
    env = server_env(database_url, tmp_path / "data", emulator_url)
    async with httpx.AsyncClient(base_url=emulator_url) as emulator:
        with server_process(env, tmp_path) as server:
            async with process_client(env) as http:
                await sign_up_and_log_in(http, "alice")
                item, _ = await add_bank(http, emulator_url)
                assert item.status_code == 201
            _, encrypted = await stored_ids(database_url)
            access_token = TokenCipher(env["TOKEN_ENCRYPTION_KEY"]).decrypt(encrypted)
            expected = emulator_transactions_at(emulator_url, access_token)

            async def first_sync_done() -> bool:
                return len((await stored_ids(database_url))[0]) == len(expected)

            await until(first_sync_done, 30, "the first sync did not finish")
            await webhooks_settled(emulator)
            # The pass this webhook starts hangs at Plaid, so the process dies before it
            # could store anything: only what was recorded before the answer remains.
            await emulator.post(
                "/emulator/faults",
                json={"path": "/accounts/get", "count": 1, "delay_seconds": 60},
            )
            before = (await emulator.get("/emulator/webhooks")).json()
            mutated = await emulator.post(
                "/emulator/items/mutate", json={"access_token": access_token}
            )
            assert mutated.status_code == 200, mutated.text
            after = await webhooks_settled(emulator)
            assert after["delivered"] > before["delivered"]  # answered 200
            server.send_signal(signal.SIGKILL)
            server.wait(timeout=10)
        await emulator.delete("/emulator/faults")
        expected = emulator_transactions_at(emulator_url, access_token)
        assert len((await stored_ids(database_url))[0]) == len(expected) - 1  # not yet

        with server_process(env, tmp_path):

            async def all_stored() -> bool:
                return set((await stored_ids(database_url))[0]) == set(expected)

            await until(all_stored, 30, "the acknowledged webhook's sync was lost")
        # No webhook was needed for it.
        assert (await emulator.get("/emulator/webhooks")).json()["sent"] == after["sent"]


@contextmanager
def worker_process(
    env: dict[str, str], cwd: Path, output: IO[str]
) -> Iterator[subprocess.Popen[bytes]]:
    """`python -m pattern worker`, stopped with SIGTERM at the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pattern", "worker"], env=env, cwd=cwd, stdout=output, stderr=output
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


SYNCED = re.compile(r"item (\d+) synced")


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_worker_and_the_server_share_the_syncs_one_pass_per_item_at_a_time(
    database_url: str, emulator_url: str, tmp_path: Path
) -> None:
    logs = {name: tmp_path / f"{name}.log" for name in ("server", "worker")}
    env = server_env(
        database_url, tmp_path / "data", emulator_url, SYNC_CONCURRENCY="1", LOG_LEVEL="INFO"
    )
    banks = ["ins_109508", "ins_109509", "ins_109510", "ins_109511"]
    with (
        logs["server"].open("w") as server_log,
        logs["worker"].open("w") as worker_log,
        server_process(env, tmp_path, server_log),
        worker_process(env, tmp_path, worker_log) as worker,
    ):
        async with httpx.AsyncClient(base_url=emulator_url) as emulator:
            # Each pass takes a second at Plaid: one process alone would take turns.
            await emulator.post(
                "/emulator/faults",
                json={"path": "/accounts/get", "count": 12, "delay_seconds": 1},
            )
            async with process_client(env) as http:
                await sign_up_and_log_in(http, "alice")
                for bank in banks:
                    linked, _ = await add_bank(http, emulator_url, institution_id=bank)
                    assert linked.status_code == 201, linked.text
                engine = create_engine(database_url)

                async def all_done() -> bool:
                    async with engine.connect() as connection:
                        waiting = await connection.scalar(
                            select(func.count())
                            .select_from(SyncRequest)
                            .where(SyncRequest.requested > SyncRequest.done)
                        )
                        items = await connection.scalar(
                            select(func.count(func.distinct(Account.item_id))).join(
                                Transaction, Transaction.account_id == Account.id
                            )
                        )
                    return waiting == 0 and items == len(banks)

                try:
                    await until(all_done, 60, "the items were not all synced")
                    await webhooks_settled(emulator)
                    await until(all_done, 30, "the webhooks' syncs did not finish")
                    async with engine.connect() as connection:
                        calls = (
                            await connection.execute(
                                select(PlaidApiEvent.item_id, PlaidApiEvent.plaid_method)
                                .where(
                                    PlaidApiEvent.plaid_method.in_(
                                        ["accounts_get", "transactions_sync"]
                                    )
                                )
                                .order_by(PlaidApiEvent.created_at, PlaidApiEvent.id)
                            )
                        ).all()
                finally:
                    await engine.dispose()
                    await emulator.delete("/emulator/faults")  # the emulator is shared
    assert worker.returncode == 0  # a clean stop on SIGTERM
    by_process = {name: SYNCED.findall(path.read_text()) for name, path in logs.items()}
    assert by_process["server"], by_process  # both did some
    assert by_process["worker"], by_process
    # One pass per item at a time: an item's /accounts/get (a pass's start) is followed by
    # its own pages before its next one.
    passes: dict[int | None, str] = defaultdict(str)
    for item_id, method in calls:
        passes[item_id] += "A" if method == "accounts_get" else "s"
    assert len(passes) == len(banks)
    for item_passes in passes.values():
        assert item_passes.startswith("A"), item_passes
        assert "AA" not in item_passes, item_passes
