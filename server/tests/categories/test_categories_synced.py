"""A merge made before a sync holds after it: through the real SDK and the emulator, the
transactions Plaid files under the merged category land in the one kept."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx

from tests.support.plaid_stack import Stack, add_bank, signed_up


async def everything(http: httpx.AsyncClient, user: int) -> list[dict[str, Any]]:
    response = await http.get(f"/api/users/{user}/transactions", params={"limit": 500})
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


async def test_a_merge_holds_through_later_syncs(stack: Stack) -> None:
    async with stack.client() as http:
        alice = (await signed_up(http, "alice"))["id"]
        item = (await add_bank(http, stack, username="user_transactions_dynamic"))[0].json()
        stack.settle()
        before = await everything(http, alice)
        # A pending one's category: the bank posts it on the refresh, a new transaction.
        pending = Counter(tx["original_subcategory"] for tx in before if tx["pending"])
        merged, kept = (code for code, _ in pending.most_common(2))
        response = await http.post(
            f"/api/users/{alice}/categories/{merged}/merge", json={"into": kept}
        )
        assert response.status_code == 200, response.text
        stack.plaid_refresh(stack.access_token(item["id"]))
        stack.settle()
        after = await everything(http, alice)
        new = [tx for tx in after if tx["id"] not in {old["id"] for old in before}]
        assert any(tx["original_subcategory"] == merged for tx in new)
        assert all(tx["subcategory"] != merged for tx in after)
        assert all(
            tx["subcategory"] == kept for tx in after if tx["original_subcategory"] == merged
        )
