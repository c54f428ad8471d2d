"""The matching against the emulator's ground truth: a generated two-year history holds
planned transfers to savings and card payments (and pay, rent, subscriptions of equal
amounts that must not pair); a sync matches them all and nothing else."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pattern.models import TransferPair
from tests.support.plaid_stack import Stack, add_bank, signed_up

pytestmark = pytest.mark.reliability


async def stored_pairs(stack: Stack) -> set[tuple[str, str]]:
    async with stack.app.parts.sessionmaker() as session:
        rows = await session.execute(
            select(TransferPair.outflow_transaction_id, TransferPair.inflow_transaction_id)
        )
        return {(row[0], row[1]) for row in rows}


async def test_a_synced_history_pairs_exactly_the_planned_transfers(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        async with stack.emulator() as emulator:
            truth = await emulator.post(
                "/emulator/items/truth", json={"access_token": stack.access_token(item_id)}
            )
        assert truth.status_code == 200, truth.text
        planned = {
            (pair["outflow_transaction_id"], pair["inflow_transaction_id"])
            for pair in truth.json()["transfers"]
        }
        kinds = {pair["kind"] for pair in truth.json()["transfers"]}
        assert kinds == {"transfer", "credit_card_payment"}
        assert len(planned) >= 24  # two years of both, monthly

        matched = stack.run(stored_pairs(stack))
        assert matched == planned
        # Asked again, the matching finds nothing more.
        user_id = (await http.get("/api/sessions/me")).json()["id"]
        again = await http.post(f"/api/users/{user_id}/transfers/match")
        assert again.json() == {"matched": 0}
