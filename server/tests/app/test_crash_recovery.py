"""The server process killed mid-sync, then started again: nothing lost, nothing doubled."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import httpx
import pytest

from pattern.kit.crypto import TokenCipher
from tests.support.plaid_stack import add_bank, emulator_transactions_at, stored_ids
from tests.support.processes import process_client, server_env, server_process
from tests.support.users import STRONG_PASSWORD, sign_up_and_log_in

pytestmark = [
    pytest.mark.parametrize("database_url", ["postgres", "sqlite"], indirect=True),
    pytest.mark.reliability,
]


async def test_a_killed_sync_resumes_exactly(
    database_url: str, emulator_url: str, tmp_path: Path
) -> None:
    env = server_env(database_url, tmp_path / "data", emulator_url)
    key = env["TOKEN_ENCRYPTION_KEY"]
    credentials = {"username": "alice", "password": STRONG_PASSWORD}
    async with httpx.AsyncClient(base_url=emulator_url) as emulator:
        # Slow pages, so the kill lands in the middle of the initial sync.
        await emulator.post(
            "/emulator/faults",
            json={"path": "/transactions/sync", "count": 50, "delay_seconds": 0.4},
        )
        with server_process(env, tmp_path) as server:
            async with process_client(env) as http:
                await sign_up_and_log_in(http, "alice")
                item, _ = await add_bank(http, emulator_url, username="user_bulk_4000")
                assert item.status_code == 201
            time.sleep(1.5)
            server.send_signal(signal.SIGKILL)
            server.wait(timeout=10)
        ids, encrypted = await stored_ids(database_url)
        assert 0 < len(ids) < 4000, len(ids)  # killed part-way
        assert len(ids) % 500 == 0, len(ids)  # whole pages only
        await emulator.delete("/emulator/faults")

        with server_process(env, tmp_path):
            async with process_client(env, timeout=60) as http:
                await http.post("/api/sessions", json=credentials)
                report = (await http.post(f"/api/items/{item.json()['id']}/sync")).json()
        assert report["status"] == "SYNC_HAPPENED"

    access_token = TokenCipher(key).decrypt(encrypted)
    expected = emulator_transactions_at(emulator_url, access_token)
    ids, _ = await stored_ids(database_url)
    assert len(ids) == len(set(ids)) == 4000  # nothing doubled
    assert set(ids) == set(expected)  # nothing lost
