"""A linked bank gives the history PLAID_DAYS_REQUESTED asks for, through the real SDK."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from tests.support.plaid_stack import Stack, add_bank, signed_up


async def oldest_and_count(http: httpx.AsyncClient, user_id: int) -> tuple[date, int]:
    listed = await http.get(
        f"/api/users/{user_id}/transactions", params={"sort": "date", "order": "asc", "limit": 1}
    )
    assert listed.status_code == 200, listed.text
    return date.fromisoformat(listed.json()[0]["date"]), int(listed.headers["X-Total-Count"])


async def test_a_new_bank_gives_two_years_of_history(stack: Stack) -> None:
    """Without days_requested Plaid would fetch 90 days and keep it so for the item's life."""
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        created, _ = await add_bank(http, stack)
        assert created.status_code == 201, created.text
        stack.settle()
        oldest, count = await oldest_and_count(http, user["id"])
    assert 727 <= (date.today() - oldest).days <= 730
    assert count > 700


@pytest.mark.parametrize("settings_overrides", [{"plaid_days_requested": 180}], indirect=True)
async def test_the_history_length_is_a_setting(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        created, _ = await add_bank(http, stack)
        assert created.status_code == 201, created.text
        stack.settle()
        oldest, _ = await oldest_and_count(http, user["id"])
    assert 177 <= (date.today() - oldest).days <= 180
