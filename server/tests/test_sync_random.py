"""Random runs of the bank's changes, refused and failing Plaid calls, page sizes, syncs and
the person's edits, through webhooks and the API as they happen.

Whatever the run, once Plaid answers again the stored transactions are the emulator's,
none missing, none extra, and each edit is on its transaction, or on the posted one that
replaced it. A failing seed replays the same run (the seed is in the test's name).
"""

from __future__ import annotations

import random
from typing import Any

import httpx
import pytest

from tests.support.plaid_stack import Stack, add_bank, emulator_transactions, signed_up
from tests.test_sync import arm_fault, assert_matches_emulator, emulator_control, stored

pytestmark = pytest.mark.reliability

FAULTS: list[dict[str, Any]] = [
    {
        "error_type": "TRANSACTIONS_ERROR",
        "error_code": "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
        "http_status": 400,
    },
    # Refused outright: the pass stops, in the middle of a pagination if it was in one.
    {"error_type": "INVALID_REQUEST", "error_code": "INVALID_FIELD", "http_status": 400},
    {"error_type": "RATE_LIMIT_EXCEEDED", "error_code": "RATE_LIMIT_EXCEEDED", "http_status": 429},
    {"http_status": 503},
]
STEPS = ("refresh", "post_pending", "mutate", "fault", "page_size", "sync", "edit")


async def run(stack: Stack, http: httpx.AsyncClient, seed: int) -> None:
    rng = random.Random(seed)
    engine = stack.app.context.sync
    engine._page_size = rng.choice([3, 10, 50, 500])
    await signed_up(http, "alice")
    item_id = int(
        (await add_bank(http, stack, username="user_transactions_dynamic"))[0].json()["id"]
    )
    token = stack.access_token(item_id)
    edits: dict[str, str] = {}
    for step in rng.choices(STEPS, k=12):
        if step in ("refresh", "post_pending", "mutate"):
            await emulator_control(stack, step, token)  # its webhooks sync in the background
        elif step == "fault":
            fault = rng.choice(FAULTS)
            await arm_fault(
                stack,
                path="/transactions/sync",
                after=rng.randint(0, 3),
                count=rng.randint(1, 4),
                **fault,
            )
        elif step == "page_size":
            engine._page_size = rng.choice([3, 10, 50, 500])
        elif step == "sync":
            await http.post(f"/api/items/{item_id}/sync")
        else:
            stack.settle()  # the person edits what the list shows once it stands still
            rows = sorted(stack.run(stored(stack)).values(), key=lambda tx: tx.plaid_transaction_id)
            pending = [tx for tx in rows if tx.pending]
            # Half the time a pending one: its edit must go on to the posted one.
            chosen = rng.choice(pending if pending and rng.random() < 0.5 else rows)
            name = f"Edited {len(edits)}"
            response = await http.patch(f"/api/transactions/{chosen.id}", json={"name": name})
            assert response.status_code == 200, response.text
            edits[chosen.plaid_transaction_id] = name
        if rng.random() < 0.5:
            stack.settle()

    async with httpx.AsyncClient(base_url=stack.emulator_url) as emulator:
        assert (await emulator.delete("/emulator/faults")).status_code == 200
    stack.settle()
    report = (await http.post(f"/api/items/{item_id}/sync")).json()
    assert report["status"] == "SYNC_HAPPENED", report
    mine = assert_matches_emulator(stack, item_id)
    for plaid_id, tx in emulator_transactions(stack, token).items():
        assert (mine[plaid_id].original_name, f"{mine[plaid_id].date}") == (tx["name"], tx["date"])
        assert mine[plaid_id].pending_transaction_id == tx["pending_transaction_id"]
    for plaid_id, name in edits.items():
        holders = [
            tx
            for tx in mine.values()
            if plaid_id in (tx.plaid_transaction_id, tx.pending_transaction_id)
        ]
        # Gone at the bank (removed, not posted): then nowhere.
        assert all(tx.name == name for tx in holders), (plaid_id, name, holders)


@pytest.mark.parametrize("seed", range(2))
async def test_a_random_run_ends_exact(stack: Stack, seed: int) -> None:
    try:
        async with stack.client() as http:
            await run(stack, http, seed)
    finally:
        async with httpx.AsyncClient(base_url=stack.emulator_url) as emulator:
            await emulator.delete("/emulator/faults")


@pytest.mark.long
@pytest.mark.parametrize("seed", range(2, 30))
async def test_many_random_runs_end_exact(stack: Stack, seed: int) -> None:
    await test_a_random_run_ends_exact(stack, seed)
