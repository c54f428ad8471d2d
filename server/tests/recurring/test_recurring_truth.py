"""A linked bank's recurring streams, found by Pattern, against the emulator's truth."""

from __future__ import annotations

from tests.support.plaid_stack import Stack, add_bank, emulator_transactions, signed_up
from tests.support.recurring_truth import score


async def test_a_linked_banks_streams_are_the_true_ones(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        created, _ = await add_bank(http, stack)
        assert created.status_code == 201, created.text
        stack.settle()
        found = (await http.get(f"/api/users/{user['id']}/recurring")).json()["streams"]
        token = stack.access_token(created.json()["id"])
        async with stack.emulator() as emulator:
            truth = await emulator.post("/emulator/items/truth", json={"access_token": token})
    dates = {i: str(row["date"]) for i, row in emulator_transactions(stack, token).items()}
    result = score(found, truth.json()["streams"], dates)
    assert result.precision >= 0.95, result.extra
    assert result.recall >= 0.95, result.missed
