"""List totals and insights are cached by the user's data version: every change shows at once.

Each step first asks for the figures (so they are cached), then changes the data the way a
person or a sync does, then asks again: the new figures must be there, never the cached
ones. Transfers are left out of spending, so the edited transaction is a purchase.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from tests.support.plaid_stack import Stack, add_bank, signed_up
from tests.sync.test_sync import emulator_control

pytestmark = pytest.mark.reliability


class Figures:
    def __init__(self, http: httpx.AsyncClient, user_id: int) -> None:
        self.http = http
        self.base = f"/api/users/{user_id}"

    async def total(self, **params: Any) -> int:
        # limit=1: a full page, so the total is counted (and cached), not read off the page.
        response = await self.http.get(f"{self.base}/transactions", params={"limit": 1, **params})
        assert response.status_code == 200, response.text
        return int(response.headers["X-Total-Count"])

    async def spending(self) -> Decimal:
        response = await self.http.get(f"{self.base}/insights/monthly", params={"months": 24})
        assert response.status_code == 200, response.text
        return Decimal(response.json()["spending"])

    async def purchase(self) -> dict[str, Any]:
        """A posted purchase that spending counts (not a transfer, not pending)."""
        rows = (
            await self.http.get(
                f"{self.base}/transactions", params={"min_amount": "0.01", "limit": 100}
            )
        ).json()
        monthly = (await self.http.get(f"{self.base}/insights/monthly?months=24")).json()
        first_day = monthly["start_date"]
        for row in rows:
            transfer = row["category"] in {"TRANSFER_IN", "TRANSFER_OUT", "LOAN_PAYMENTS"}
            if not transfer and not row["pending"] and row["date"] >= first_day:
                return dict(row)
        raise AssertionError("the emulator's data has no purchase to edit")


async def test_every_change_shows_in_totals_and_insights_at_once(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "carol")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        figures = Figures(http, user["id"])
        everything, spent = await figures.total(), await figures.spending()
        assert everything > 1
        purchase = await figures.purchase()
        amount = Decimal(purchase["amount"])

        # An edit that hides it.
        hidden = await http.patch(f"/api/transactions/{purchase['id']}", json={"hidden": True})
        assert hidden.status_code == 200
        assert await figures.total() == everything - 1
        assert await figures.total(hidden="true") == 1
        assert await figures.spending() == spent - amount

        # Revert: shown again.
        assert (await http.post(f"/api/transactions/{purchase['id']}/revert")).status_code == 200
        assert await figures.total() == everything
        assert await figures.total(hidden="true") == 0
        assert await figures.spending() == spent

        # A rule applied to what is stored.
        assert await figures.total(category="Cached Check") == 0
        rule = await http.post(
            f"{figures.base}/rules",
            json={"match_name": purchase["name"], "set_category": "Cached Check"},
        )
        assert rule.status_code == 201, rule.text
        applied = await http.post(f"{figures.base}/rules/apply")
        assert applied.status_code == 200
        assert await figures.total(category="Cached Check") >= 1

        # A sync that brings a new transaction.
        await emulator_control(stack, "mutate", stack.access_token(item_id))
        synced = await http.post(f"/api/items/{item_id}/sync")
        assert synced.status_code == 200, synced.text
        assert await figures.total() == everything + 1

        # The item removed, with its transactions.
        assert (await http.delete(f"/api/items/{item_id}")).status_code == 204
        assert await figures.total() == 0
        assert await figures.spending() == 0
