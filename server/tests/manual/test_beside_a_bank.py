"""Manual accounts beside a linked bank: a sync never reaches them, and the bank's own
accounts and transactions stay the bank's."""

from __future__ import annotations

from decimal import Decimal

from pattern.kit import clock
from tests.support.plaid_stack import Stack, add_bank, signed_up


async def test_a_sync_leaves_manual_accounts_alone(stack: Stack) -> None:
    async with stack.client() as http:
        user_id = (await signed_up(http, "alice"))["id"]
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        wallet = (
            await http.post(
                f"/api/users/{user_id}/manual-accounts",
                json={"name": "Wallet", "type": "depository", "current_balance": "40.00"},
            )
        ).json()
        spent = await http.post(
            f"/api/accounts/{wallet['id']}/transactions",
            json={"date": clock.today().isoformat(), "name": "Bus", "amount": "2.50"},
        )
        assert spent.status_code == 201, spent.text
        manual_item = wallet["item_id"]

        assert (await http.post(f"/api/items/{item_id}/sync")).status_code == 200
        reports = (await http.post(f"/api/users/{user_id}/transactions/sync")).json()
        assert [r["item_id"] for r in reports] == [item_id]
        stack.settle()
        accounts = (await http.get(f"/api/users/{user_id}/accounts")).json()
        kept = next(a for a in accounts if a["id"] == wallet["id"])
        assert (kept["name"], Decimal(kept["current_balance"])) == ("Wallet", Decimal("37.50"))
        rows = (await http.get(f"/api/accounts/{wallet['id']}/transactions")).json()
        assert [(r["name"], r["amount"]) for r in rows] == [("Bus", "2.50")]
        # The manual item is no bank: not listed, and no bank action reaches it.
        assert [i["id"] for i in (await http.get(f"/api/users/{user_id}/items")).json()] == [
            item_id
        ]
        for response in (
            await http.get(f"/api/items/{manual_item}"),
            await http.post(f"/api/items/{manual_item}/sync"),
            await http.delete(f"/api/items/{manual_item}"),
            await http.post("/api/link-token", json={"item_id": manual_item}),
        ):
            assert response.status_code == 404, response.text

        bank_account = next(a for a in accounts if not a["manual"])
        bank_row = (await http.get(f"/api/accounts/{bank_account['id']}/transactions")).json()[0]
        for response in (
            await http.post(
                f"/api/accounts/{bank_account['id']}/transactions",
                json={"date": clock.today().isoformat(), "name": "Fake", "amount": "1.00"},
            ),
            await http.patch(
                f"/api/accounts/{bank_account['id']}", json={"current_balance": "1.00"}
            ),
            await http.delete(f"/api/accounts/{bank_account['id']}"),
            await http.patch(f"/api/transactions/{bank_row['id']}", json={"amount": "1.00"}),
            await http.delete(f"/api/transactions/{bank_row['id']}"),
        ):
            assert response.status_code == 409, response.text
            assert "bank" in response.json()["error"]["message"]
        again = (await http.get(f"/api/accounts/{bank_account['id']}/transactions")).json()[0]
        assert (again["id"], again["amount"]) == (bank_row["id"], bank_row["amount"])
