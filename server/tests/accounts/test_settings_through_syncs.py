"""A linked bank: the person's settings for an account survive a sync, and net worth has a
history from the day of linking."""

from __future__ import annotations

from datetime import date

from pattern.kit import clock
from tests.support.plaid_stack import Stack, add_bank, signed_up


async def test_settings_survive_a_sync_and_history_starts_at_linking(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        account = (await http.get(f"/api/items/{item_id}/accounts")).json()[0]
        changed = await http.patch(
            f"/api/accounts/{account['id']}",
            json={"display_name": "Bills", "hidden": True, "excluded_from_net_worth": True},
        )
        assert changed.status_code == 200, changed.text
        report = await http.post(f"/api/items/{item_id}/sync")
        assert report.status_code == 200, report.text
        again = next(
            a
            for a in (await http.get(f"/api/items/{item_id}/accounts")).json()
            if a["id"] == account["id"]
        )
        assert (again["name"], again["display_name"]) == (account["name"], "Bills")
        assert again["hidden"] is True
        assert again["excluded_from_net_worth"] is True

        days = (await http.get(f"/api/users/{user['id']}/net-worth/daily")).json()
        now = (await http.get(f"/api/users/{user['id']}/net-worth")).json()
        # Months of history on the day the bank is linked, ending at today's net worth.
        assert (clock.today() - date.fromisoformat(days[0]["date"])).days > 60
        assert days[-1]["date"] == clock.today().isoformat()
        assert days[-1]["net_worth"] == now[0]["net_worth"]
        assert len({d["net_worth"] for d in days}) > 10
