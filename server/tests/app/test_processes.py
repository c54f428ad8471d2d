"""Two server processes over PostgreSQL and Redis, as behind a load balancer.

An event emitted by one process reaches a socket connected to the other, and one item's
syncs asked of both run one after the other. Skips without Redis unless REQUIRE_REDIS=1.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import socketio
from cryptography.fernet import Fernet
from sqlalchemy import select

from pattern.auth.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from pattern.kit.db import create_engine
from pattern.models import PlaidApiEvent
from plaid_emulator.testing import free_port
from tests.support.databases import SqliteDatabases
from tests.support.processes import server_env, server_process, server_processes
from tests.support.redis_server import REDIS_URL, require_redis
from tests.support.sockets import person_socket
from tests.support.users import STRONG_PASSWORD, AppClient, log_in, sign_up, sign_up_and_log_in

pytestmark = [
    pytest.mark.parametrize("database_url", ["postgres"], indirect=True),
    pytest.mark.reliability,
]


@pytest.fixture
def two_servers(database_url: str, emulator_url: str, tmp_path: Path) -> Iterator[list[str]]:
    require_redis()
    key = Fernet.generate_key().decode()
    secret = uuid.uuid4().hex * 2
    first_port = free_port()
    envs = [
        server_env(
            database_url,
            tmp_path / "data",  # one host's processes share the data folder
            emulator_url,
            port=first_port if n == 0 else None,
            REDIS_URL=REDIS_URL,
            # One deployment's: its own namespace in the shared Redis (events, log-in counts).
            SECRET_KEY=f"two-processes-{secret}",
            TOKEN_ENCRYPTION_KEY=key,
            PUBLIC_URL=f"http://127.0.0.1:{first_port}",  # Plaid's webhooks reach the first
        )
        for n in range(2)
    ]
    with server_processes(envs, tmp_path):
        yield [f"http://127.0.0.1:{env['PORT']}" for env in envs]


async def new_data_listener(
    url: str, access_token: str
) -> tuple[socketio.AsyncClient, asyncio.Queue[Any]]:
    """A person's socket on the server at `url`, and the NEW_TRANSACTIONS_DATA it hears."""
    events: asyncio.Queue[Any] = asyncio.Queue()
    return await person_socket(url, access_token, {"NEW_TRANSACTIONS_DATA": events.put}), events


async def link(http: httpx.AsyncClient, emulator_url: str, username: str) -> dict[str, Any]:
    token = (await http.post("/api/link-token", json={})).json()["link_token"]
    async with httpx.AsyncClient(base_url=emulator_url) as emulator:
        linked = (
            await emulator.post(
                "/link/session/complete",
                json={
                    "link_token": token,
                    "institution_id": "ins_109508",
                    "username": username,
                    "password": "pass_good",
                },
            )
        ).json()
    response = await http.post(
        "/api/items", json={"public_token": linked["public_token"], "institution_id": "ins_109508"}
    )
    assert response.status_code == 201, response.text
    item: dict[str, Any] = response.json()
    return item


async def test_events_cross_processes_and_syncs_take_turns(
    two_servers: list[str], emulator_url: str, database_url: str, tmp_path: Path
) -> None:
    first, second = two_servers
    credentials = {"username": "alice", "password": STRONG_PASSWORD}
    async with (
        AppClient(base_url=first, data_dir=tmp_path / "data", timeout=30) as a,
        AppClient(base_url=second, data_dir=tmp_path / "data", timeout=30) as b,
    ):
        await sign_up(a, "alice")
        for http in (a, b):
            assert (await http.post("/api/sessions", json=credentials)).status_code == 200
        sio, events = await new_data_listener(second, b.cookies[ACCESS_COOKIE])
        try:
            # Linked through the first process; its sync's event reaches the second's socket.
            item = await link(a, emulator_url, "user_transactions_dynamic")
            first_event = await asyncio.wait_for(events.get(), 20)
            assert first_event["item_id"] == item["id"]
        finally:
            await sio.disconnect()

        # Both processes asked to sync the item at once, with Plaid slow to answer.
        async with httpx.AsyncClient(base_url=emulator_url) as emulator:
            await emulator.post(
                "/emulator/faults", json={"path": "/accounts/get", "count": 2, "delay_seconds": 1}
            )
        started = time.monotonic()
        reports = await asyncio.gather(
            a.post(f"/api/items/{item['id']}/sync"), b.post(f"/api/items/{item['id']}/sync")
        )
        assert [r.json()["status"] for r in reports] == ["SYNC_HAPPENED", "SYNC_HAPPENED"]
        assert time.monotonic() - started >= 2  # one after the other, not side by side

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            methods = list(
                await connection.scalars(
                    select(PlaidApiEvent.plaid_method)
                    .where(PlaidApiEvent.plaid_method.in_(["accounts_get", "transactions_sync"]))
                    .order_by(PlaidApiEvent.created_at, PlaidApiEvent.id)
                )
            )
    finally:
        await engine.dispose()
    # Never two passes interleaved: each accounts_get is followed by its own sync pages.
    passes = "".join("A" if m == "accounts_get" else "s" for m in methods)
    assert passes.count("A") >= 2
    assert "AA" not in passes


async def test_guesses_spread_over_the_processes_are_counted_together(
    two_servers: list[str], tmp_path: Path
) -> None:
    """Five wrong passwords (the default limit), some through each process: then even the
    right one waits, whichever process it reaches."""
    first, second = two_servers
    credentials = {"username": "alice", "password": STRONG_PASSWORD}
    wrong = {**credentials, "password": "not-the-password-1"}
    async with (
        AppClient(base_url=first, data_dir=tmp_path / "data", timeout=30) as a,
        AppClient(base_url=second, data_dir=tmp_path / "data", timeout=30) as b,
    ):
        await sign_up(a, "alice")
        statuses = [
            (await http.post("/api/sessions", json=wrong)).status_code for http in (a, b) * 2
        ]
        assert statuses == [401] * 4
        assert (await a.post("/api/sessions", json=wrong)).status_code == 401  # the fifth
        for http in (a, b):
            refused = await http.post("/api/sessions", json=credentials)
            assert refused.status_code == 429
            assert int(refused.headers["Retry-After"]) >= 1


async def test_another_deployment_on_the_same_redis_hears_none_of_its_events(
    two_servers: list[str],
    emulator_url: str,
    sqlite_databases: SqliteDatabases,
    tmp_path: Path,
) -> None:
    """Two deployments sharing one Redis database: each has its own user 1, and a user's
    events reach that user's sockets in their own deployment only."""
    other_url = await sqlite_databases.create()
    other = server_env(
        other_url,
        tmp_path / "other",
        emulator_url,
        REDIS_URL=REDIS_URL,
        SECRET_KEY=f"another-deployment-{uuid.uuid4().hex * 2}",
        TOKEN_ENCRYPTION_KEY=Fernet.generate_key().decode(),
    )
    credentials = {"username": "alice", "password": STRONG_PASSWORD}
    with server_process(other, tmp_path):
        sockets: list[socketio.AsyncClient] = []
        heard: list[asyncio.Queue[Any]] = []
        for url, data_dir in (
            (two_servers[1], tmp_path / "data"),
            (f"http://127.0.0.1:{other['PORT']}", tmp_path / "other"),
        ):
            async with AppClient(base_url=url, data_dir=data_dir, timeout=30) as http:
                signed_up = await sign_up(http, "alice")
                assert signed_up["id"] == 1  # the same id in both deployments
                assert (await http.post("/api/sessions", json=credentials)).status_code == 200
                sio, events = await new_data_listener(url, http.cookies[ACCESS_COOKIE])
                sockets.append(sio)
                heard.append(events)
        try:
            async with httpx.AsyncClient(base_url=two_servers[0], timeout=30) as http:
                assert (await http.post("/api/sessions", json=credentials)).status_code == 200
                item = await link(http, emulator_url, "user_good")
            assert (await asyncio.wait_for(heard[0].get(), 20))["item_id"] == item["id"]
            await asyncio.sleep(1)  # as long again for a stray copy to arrive
            assert heard[1].empty()
        finally:
            for sio in sockets:
                await sio.disconnect()


@pytest.mark.reliability
async def test_a_session_ended_on_one_process_closes_its_sockets_on_the_other(
    two_servers: list[str], tmp_path: Path
) -> None:
    """Log-out through one process, or a replayed refresh token there, closes the session's
    socket held by the other process (the end is announced through Redis)."""
    first, second = two_servers
    async with (
        AppClient(base_url=first, data_dir=tmp_path / "data", timeout=30) as a,
        AppClient(base_url=first, data_dir=tmp_path / "data", timeout=30) as thief,
    ):
        await sign_up_and_log_in(a, "alice")
        closed = asyncio.Event()
        sio = await person_socket(second, a.cookies[ACCESS_COOKIE], {"disconnect": closed.set})
        assert (await a.delete("/api/sessions")).status_code == 204
        await asyncio.wait_for(closed.wait(), 10)
        assert not sio.connected

        await log_in(a, "alice")
        stolen = a.cookies[REFRESH_COOKIE]
        closed = asyncio.Event()
        sio = await person_socket(second, a.cookies[ACCESS_COOKIE], {"disconnect": closed.set})
        assert (await a.post("/api/sessions/refresh")).status_code == 204
        thief.cookies.set(REFRESH_COOKIE, stolen)
        assert (await thief.post("/api/sessions/refresh")).status_code == 401
        await asyncio.wait_for(closed.wait(), 10)
        assert not sio.connected
