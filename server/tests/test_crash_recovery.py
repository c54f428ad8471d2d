"""The server process killed mid-sync, then started again: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from pattern.crypto import TokenCipher
from pattern.db import create_engine
from pattern.models import Item, Transaction
from plaid_emulator.testing import free_port
from tests.support.databases import MIGRATIONS_DIR
from tests.support.plaid_stack import emulator_transactions_at
from tests.support.users import STRONG_PASSWORD

pytestmark = pytest.mark.parametrize("database_url", ["postgres", "sqlite"], indirect=True)


@contextmanager
def server_process(env: dict[str, str], cwd: Path) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen([sys.executable, "-m", "pattern"], env=env, cwd=cwd)
    url = f"http://127.0.0.1:{env['PORT']}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


async def stored_ids(database_url: str) -> tuple[list[str], str]:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            ids = list(await connection.scalars(select(Transaction.plaid_transaction_id)))
            token = await connection.scalar(select(Item.plaid_access_token_encrypted))
    finally:
        await engine.dispose()
    return ids, str(token)


async def test_a_killed_sync_resumes_exactly(
    database_url: str, emulator_url: str, tmp_path: Path
) -> None:
    port = free_port()
    key = Fernet.generate_key().decode()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATA_DIR": str(tmp_path / "data"),
        "PORT": str(port),
        "PLAID_ENV": "emulator",
        "PLAID_EMULATOR_URL": emulator_url,
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "SECRET_KEY": "crash-test-" + "k" * 40,
        "TOKEN_ENCRYPTION_KEY": key,
        "SYNC_INTERVAL_MINUTES": "0",
        "MIGRATIONS_DIR": str(MIGRATIONS_DIR),
        "LOG_LEVEL": "WARNING",
    }
    url = f"http://127.0.0.1:{port}"
    credentials = {"username": "alice", "password": STRONG_PASSWORD}
    async with httpx.AsyncClient(base_url=emulator_url) as emulator:
        # Slow pages, so the kill lands in the middle of the initial sync.
        await emulator.post(
            "/emulator/faults",
            json={"path": "/transactions/sync", "count": 50, "delay_seconds": 0.4},
        )
        with server_process(env, tmp_path) as server:
            async with httpx.AsyncClient(base_url=url, timeout=30) as http:
                await http.post("/api/users", json=credentials)
                await http.post("/api/sessions", json=credentials)
                token = (await http.post("/api/link-token", json={})).json()["link_token"]
                linked = (
                    await emulator.post(
                        "/link/session/complete",
                        json={
                            "link_token": token,
                            "institution_id": "ins_109508",
                            "username": "user_bulk_4000",
                            "password": "pass_good",
                        },
                    )
                ).json()
                item = await http.post(
                    "/api/items",
                    json={"publicToken": linked["public_token"], "institutionId": "ins_109508"},
                )
                assert item.status_code == 201
            time.sleep(1.5)
            server.send_signal(signal.SIGKILL)
            server.wait(timeout=10)
        ids, encrypted = await stored_ids(database_url)
        assert 0 < len(ids) < 4000, len(ids)  # killed part-way
        assert len(ids) % 500 == 0, len(ids)  # whole pages only
        await emulator.delete("/emulator/faults")

        with server_process(env, tmp_path):
            async with httpx.AsyncClient(base_url=url, timeout=60) as http:
                await http.post("/api/sessions", json=credentials)
                report = (await http.post(f"/api/items/{item.json()['id']}/sync")).json()
        assert report["status"] == "SYNC_HAPPENED"

    access_token = TokenCipher(key).decrypt(encrypted)
    expected = emulator_transactions_at(emulator_url, access_token)
    ids, _ = await stored_ids(database_url)
    assert len(ids) == len(set(ids)) == 4000  # nothing doubled
    assert set(ids) == set(expected)  # nothing lost
