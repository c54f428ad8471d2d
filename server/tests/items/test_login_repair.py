"""After Link's update mode the web app asks the server to sync (Plaid sends no webhook for
a repair made in the app's own Link): only a sync that works marks the item good. The
repair itself is in tests/webhooks/test_webhooks.py."""

from __future__ import annotations

from tests.support.plaid_stack import Stack, add_bank, signed_up


async def test_login_fixed_while_plaid_still_wants_the_login_leaves_the_item_bad(
    stack: Stack,
) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        await http.post("/api/items/sandbox/item/reset_login", json={"item_id": item_id})
        report = (await http.post(f"/api/items/{item_id}/login-fixed")).json()
        assert (report["status"], report["error_code"]) == ("SYNC_ERROR", "ITEM_LOGIN_REQUIRED")
        item = (await http.get(f"/api/items/{item_id}")).json()
        assert (item["status"], item["error_code"]) == ("bad", "ITEM_LOGIN_REQUIRED")
