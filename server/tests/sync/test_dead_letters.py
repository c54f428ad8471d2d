"""A sync that keeps failing is tried again with backoff, then given up on, and the
administrator sees it (GET /api/sync-requests, the admin page's "Syncs" card); one that a
clean shutdown interrupts waits for the next start."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from sqlalchemy import func, select

from pattern.models import SyncRequest, Transaction
from tests.support.plaid_stack import Stack, add_bank, signed_up

pytestmark = pytest.mark.reliability

FAILING = {"sync_max_attempts": 3, "sync_retry_seconds": 0.2}


async def arm(stack: Stack, **fault: Any) -> None:
    """Only this fault: the tests share the emulator."""
    async with stack.emulator() as emulator:
        await emulator.delete("/emulator/faults")
        response = await emulator.post("/emulator/faults", json=fault)
        assert response.status_code == 200, response.text


async def calls_left(stack: Stack) -> int:
    """How many more calls the armed fault will fail (each call takes one)."""
    async with stack.emulator() as emulator:
        faults = (await emulator.get("/emulator/faults")).json()["faults"]
    return int(faults[0]["remaining"])


@pytest.mark.parametrize("settings_overrides", [FAILING], indirect=True)
async def test_a_failing_sync_is_retried_then_given_up_and_the_admin_sees_it(
    stack: Stack,
) -> None:
    async with stack.client() as admin:
        await signed_up(admin, "admin")  # the first account administers the server
        async with stack.client() as http:
            await signed_up(http, "alice")
            item_id = (await add_bank(http, stack))[0].json()["id"]
            stack.settle()
            # Plaid fails every call of this item's syncs from now on (as in an outage).
            await arm(
                stack,
                path="/accounts/get",
                count=1000,
                error_code="INTERNAL_SERVER_ERROR",
                error_type="API_ERROR",
                http_status=500,
            )
            started = time.monotonic()
            stack.run(stack.app.parts.sync.request(item_id, "webhook"))

            async def dead() -> list[dict[str, Any]]:
                answer = await admin.get("/api/sync-requests")
                assert answer.status_code == 200, answer.text
                found: list[dict[str, Any]] = answer.json()["dead"]
                return found

            while not await dead():
                assert time.monotonic() - started < 20, "the sync was never given up on"
                await asyncio.sleep(0.1)
            # Three attempts, 0.2 s then 0.4 s apart: given up after 0.6 s at the least.
            assert time.monotonic() - started >= 0.6
            [entry] = await dead()
            assert entry["item_id"] == item_id
            assert entry["username"] == "alice"
            assert entry["attempts"] == 3
            assert entry["last_error"] == "INTERNAL_SERVER_ERROR"
            assert (await admin.get("/api/sync-requests")).json()["waiting"] == 0
            # Not tried again: no pass starts after the last attempt.
            left = await calls_left(stack)
            await asyncio.sleep(1)
            assert await calls_left(stack) == left
            async with stack.emulator() as emulator:
                await emulator.delete("/emulator/faults")

            # The person's sync button tries again, and it is alive once more.
            report = (await http.post(f"/api/items/{item_id}/sync")).json()
            assert report["status"] == "SYNC_HAPPENED"
            assert await dead() == []
            # Only administrators may see it.
            assert (await http.get("/api/sync-requests")).status_code == 403


async def test_a_clean_shutdown_leaves_the_requests_it_did_not_finish(stack: Stack) -> None:
    # Slow pages, so the shutdown comes in the middle of the first sync.
    await arm(stack, path="/transactions/sync", count=50, delay_seconds=0.4)
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack, username="user_bulk_4000"))[0].json()["id"]
        await asyncio.sleep(1.5)
        # The pass stops after the page it is writing, well within the grace.
        stack.server.call(stack.app.parts.sync.close(grace_seconds=10), timeout=15)

    async def row() -> tuple[SyncRequest | None, int]:
        async with stack.app.parts.sessionmaker() as session:
            stored = await session.scalar(select(func.count()).select_from(Transaction))
            return await session.get(SyncRequest, item_id), int(stored or 0)

    waiting, stored = stack.run(row())
    assert 0 < stored < 4000  # stopped part-way
    assert waiting is not None
    assert waiting.requested > waiting.done  # for the next start
