"""A sync that fails by no fault of the person: the bank's card says why until one succeeds."""

from __future__ import annotations

from tests.support.plaid_stack import Stack, add_bank, bank_refresh_refused, signed_up

INSTITUTION_DOWN = {
    "path": "/transactions/sync",
    "count": 1,
    "error_type": "INSTITUTION_ERROR",
    "error_code": "INSTITUTION_DOWN",
    "error_message": "this institution is not currently responding to this request. "
    "please try again soon",
    "display_message": "This financial institution is not currently responding. "
    "Please try again later.",
}


async def test_the_item_keeps_why_its_sync_failed_until_one_succeeds(stack: Stack) -> None:
    # Refresh asks the bank, whose webhook would sync again at once: not here.
    async with stack.client() as http, stack.emulator() as emulator, bank_refresh_refused(stack):
        user = await signed_up(http, "alice")
        response, _ = await add_bank(http, stack)
        item_id = response.json()["id"]
        stack.settle()
        assert (await http.get(f"/api/items/{item_id}")).json()["sync_error_code"] is None

        await emulator.post("/emulator/faults", json=INSTITUTION_DOWN)
        report = (await http.post(f"/api/items/{item_id}/sync")).json()
        assert (report["status"], report["error_code"]) == ("SYNC_ERROR", "INSTITUTION_DOWN")
        item = (await http.get(f"/api/items/{item_id}")).json()
        # Nothing for the person to fix: the item stays good, the card says why it is behind.
        assert (item["status"], item["error_code"]) == ("good", None)
        assert item["sync_error_code"] == "INSTITUTION_DOWN"
        listed = (await http.get(f"/api/users/{user['id']}/items")).json()
        assert [i["sync_error_code"] for i in listed] == ["INSTITUTION_DOWN"]

        report = (await http.post(f"/api/items/{item_id}/sync")).json()
        assert report["status"] == "SYNC_HAPPENED"
        assert (await http.get(f"/api/items/{item_id}")).json()["sync_error_code"] is None


async def test_a_login_plaid_asks_for_is_the_items_error_not_a_passing_one(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        response, _ = await add_bank(http, stack)
        item_id = response.json()["id"]
        stack.settle()
        reset = await http.post("/api/items/sandbox/item/reset_login", json={"item_id": item_id})
        assert reset.status_code == 204
        report = (await http.post(f"/api/items/{item_id}/sync")).json()
        assert report["error_code"] == "ITEM_LOGIN_REQUIRED"
        item = (await http.get(f"/api/items/{item_id}")).json()
        assert (item["status"], item["error_code"]) == ("bad", "ITEM_LOGIN_REQUIRED")
        assert item["sync_error_code"] is None
