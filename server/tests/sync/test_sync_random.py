"""Random runs of the bank's changes, refused and failing Plaid calls, page sizes, syncs and
the person's edits, through webhooks and the API as they happen.

Whatever the run, once Plaid answers again the stored transactions are the emulator's,
none missing, none extra, and each edit is on its transaction, or on the posted one that
replaced it. A failing seed replays the same steps (the seed is in the test's name), though
not always the same timing against the syncs running in the background.
"""

from __future__ import annotations

import random
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from pattern.models import Account, Transaction
from tests.support.plaid_stack import Stack, add_bank, emulator_transactions, signed_up
from tests.sync.test_sync import arm_fault, emulator_control, stored

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
STEPS = ("refresh", "post_pending", "mutate", "fault", "page_size", "sync", "sync_all", "edit")


async def run(stack: Stack, http: httpx.AsyncClient, seed: int) -> None:
    rng = random.Random(seed)
    engine = stack.app.parts.sync
    engine._page_size = rng.choice([3, 10, 50, 500])
    user = await signed_up(http, "alice")
    items = [
        int(
            (
                await add_bank(
                    http, stack, institution_id=bank, username="user_transactions_dynamic"
                )
            )[0].json()["id"]
        )
        for bank in ("ins_109508", "ins_109509")  # two banks: two items syncing side by side
    ]
    edits: dict[str, dict[str, Any]] = {}  # by Plaid id: the fields the person set
    for step in rng.choices(STEPS, k=14):
        item_id = rng.choice(items)
        if step in ("refresh", "post_pending", "mutate"):
            # Its webhooks sync in the background.
            await emulator_control(stack, step, stack.access_token(item_id))
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
        elif step == "sync_all":
            await http.post(f"/api/users/{user['id']}/transactions/sync")
        else:
            stack.settle()  # the person edits what the list shows once it stands still
            rows = sorted(stack.run(stored(stack)).values(), key=lambda tx: tx.plaid_transaction_id)
            pending = [tx for tx in rows if tx.pending]
            # Half the time a pending one: its edit must go on to the posted one.
            chosen = rng.choice(pending if pending and rng.random() < 0.5 else rows)
            changes: list[dict[str, Any]] = [
                {"name": f"Edited {len(edits)}"},
                {"category": f"Mine {len(edits)}"},
                {"date": f"2020-01-{rng.randint(10, 28)}"},
                {"hidden": True},
            ]
            change = rng.choice(changes)
            response = await http.patch(f"/api/transactions/{chosen.id}", json=change)
            assert response.status_code == 200, response.text
            edits.setdefault(chosen.plaid_transaction_id, {}).update(change)
        if rng.random() < 0.5:
            stack.settle()

    async with stack.emulator() as emulator:
        assert (await emulator.delete("/emulator/faults")).status_code == 200
    stack.settle()
    report = (await http.post(f"/api/users/{user['id']}/transactions/sync")).json()
    assert [r["status"] for r in report] == ["SYNC_HAPPENED"] * 2, report
    bank: dict[str, dict[str, Any]] = {}
    for item_id in items:
        theirs = emulator_transactions(stack, stack.access_token(item_id))
        assert set(stack.run(stored_of(stack, item_id))) == set(theirs)
        bank.update(theirs)
    mine = stack.run(stored(stack))
    assert set(mine) == set(bank)
    for plaid_id, row in mine.items():
        tx = bank[plaid_id]
        assert (row.original_name, f"{row.original_date}") == (tx["name"], tx["date"])
        assert (f"{row.amount:.2f}", row.pending) == (f"{tx['amount']:.2f}", tx["pending"])
        assert row.pending_transaction_id == tx["pending_transaction_id"]
        # The person's values: its own edits over those of the pending one it replaced.
        expected = {
            "name": row.original_name,
            "category": row.original_category,
            "date": f"{row.original_date}",
            "hidden": False,
            **edits.get(row.pending_transaction_id or "", {}),
            **edits.get(plaid_id, {}),
        }
        shown = {
            "name": row.name,
            "category": row.category,
            "date": f"{row.date}",
            "hidden": row.hidden,
        }
        assert shown == expected, (plaid_id, row.pending_transaction_id)


async def stored_of(stack: Stack, item_id: int) -> list[str]:
    async with stack.app.parts.sessionmaker() as session:
        ids = await session.scalars(
            select(Transaction.plaid_transaction_id)
            .join(Account, Account.id == Transaction.account_id)
            .where(Account.item_id == item_id)
        )
        return list(ids)


@pytest.mark.parametrize("seed", range(2))
async def test_a_random_run_ends_exact(stack: Stack, seed: int) -> None:
    try:
        async with stack.client() as http:
            await run(stack, http, seed)
    finally:
        async with stack.emulator() as emulator:
            await emulator.delete("/emulator/faults")


@pytest.mark.long
@pytest.mark.parametrize("seed", range(2, 30))
async def test_many_random_runs_end_exact(stack: Stack, seed: int) -> None:
    await test_a_random_run_ends_exact(stack, seed)
