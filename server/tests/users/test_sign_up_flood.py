"""A flood of anonymous sign-ups, each costing a password hash, against a real server."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.support.processes import process_client, server_env, server_process
from tests.support.users import STRONG_PASSWORD, log_in, sign_up

pytestmark = pytest.mark.reliability

# Sign-ups hashed while the log-in is answered: one or two share the core with it.
FEW_HASHES = 5


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_sign_up_flood_leaves_log_ins_fast(
    database_url: str, emulator_url: str, tmp_path: Path
) -> None:
    """Forty sign-ups at once from forty addresses (argon2 at the server's real cost): an
    existing person's log-in does not wait for the twenty-odd hashes queued before it."""
    env = server_env(
        database_url,
        tmp_path / "data",
        emulator_url,
        TRUSTED_PROXIES="127.0.0.1",  # X-Forwarded-For names the client, as behind nginx
        SIGNUP_RATE_PER_CLIENT="5/hour",  # the defaults
        SIGNUP_RATE="30/hour",
    )
    with server_process(env, tmp_path) as server:
        async with process_client(env) as http:
            await sign_up(http, "alice")
        flooders = [process_client(env, timeout=120) for _ in range(40)]
        try:
            flood = [
                asyncio.ensure_future(
                    http.post(
                        "/api/users",
                        json={"username": f"flood{n}", "password": STRONG_PASSWORD},
                        headers={"X-Forwarded-For": f"198.51.100.{n + 1}"},
                    )
                )
                for n, http in enumerate(flooders)
            ]
            # Past SIGNUP_RATE (alice's sign-up counted too), ten or more are refused at once.
            refused = 0
            for answer in asyncio.as_completed(flood, timeout=30):
                refused += (await answer).status_code == 429
                if refused == 10:
                    break
            async with process_client(env) as http:  # while the others are being hashed
                before = sum(request.done() for request in flood)
                await log_in(http, "alice")
                hashed = sum(request.done() for request in flood) - before
            assert not all(request.done() for request in flood)  # the flood was still on
        finally:
            server.kill()  # rather than wait for the rest of the flood to be hashed
            for request in flood:
                request.cancel()
            await asyncio.gather(*(http.aclose() for http in flooders))
    # Measured in the flood's own hashes rather than in seconds, so that a busy machine
    # slows both alike: the log-in waited for a few of them, not for the queue.
    assert hashed <= FEW_HASHES, f"{hashed} sign-ups were hashed while alice logged in"
