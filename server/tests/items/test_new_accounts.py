"""New accounts at a linked bank: NEW_ACCOUNTS_AVAILABLE, "Add accounts" (update-mode Link
with account selection), then the new account and its transactions are stored."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from pattern.auth.cookies import ACCESS_COOKIE
from tests.support.plaid_stack import Stack, add_bank, signed_up
from tests.support.sockets import person_socket


async def open_account_at_bank(stack: Stack, item_id: int) -> str:
    async with stack.emulator() as emulator:
        answer = await emulator.post(
            "/emulator/items/add_account",
            json={
                "access_token": stack.access_token(item_id),
                "name": "Holiday Savings",
                "transactions": 4,
            },
        )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["account_id"])


async def choose_accounts_in_link(stack: Stack, link_token: str) -> httpx.Response:
    """What the person does in Link's account selection: keep every account, new ones too."""
    async with httpx.AsyncClient(base_url=stack.emulator_url) as link:
        session = (await link.get("/link/session", params={"link_token": link_token})).json()
        chosen = [account["id"] for account in session["accounts"] or []]
        return await link.post(
            "/link/session/complete",
            json={
                "link_token": link_token,
                "username": "user_good",
                "password": "pass_good",
                "account_ids": chosen,
            },
        )


async def test_new_accounts_at_a_bank_can_be_added_with_their_transactions(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item = (await add_bank(http, stack))[0].json()
        stack.settle()
        assert item["new_accounts_available"] is False
        before = {
            a["plaid_account_id"]
            for a in (await http.get(f"/api/items/{item['id']}/accounts")).json()
        }
        events: list[Any] = []

        async def heard(event: str, data: Any) -> None:
            events.append((event, data))

        sio = await person_socket(stack.url, http.cookies[ACCESS_COOKIE], {"*": heard})
        try:
            new_id = await open_account_at_bank(stack, item["id"])
            stack.settle()
            await asyncio.sleep(0.3)  # socket frames in flight
        finally:
            await sio.disconnect()
        assert ("NEW_ACCOUNTS_AVAILABLE", {"item_id": item["id"]}) in events
        offered = (await http.get(f"/api/items/{item['id']}")).json()
        assert offered["new_accounts_available"] is True

        token = await http.post(
            "/api/link-token", json={"item_id": item["id"], "add_accounts": True}
        )
        assert token.status_code == 200, token.text
        linked = await choose_accounts_in_link(stack, token.json()["link_token"])
        assert linked.status_code == 200, linked.text
        added = await http.post(f"/api/items/{item['id']}/new-accounts")
        assert added.status_code == 200, added.text
        assert added.json()["status"] == "SYNC_HAPPENED"
        stack.settle()

        accounts = {
            a["plaid_account_id"]: a
            for a in (await http.get(f"/api/items/{item['id']}/accounts")).json()
        }
        assert set(accounts) == {*before, new_id}
        assert (accounts[new_id]["name"], accounts[new_id]["subtype"]) == (
            "Holiday Savings",
            "savings",
        )
        on_new = await http.get(f"/api/accounts/{accounts[new_id]['id']}/transactions")
        assert on_new.headers["X-Total-Count"] == "4"
        done = (await http.get(f"/api/items/{item['id']}")).json()
        assert done["new_accounts_available"] is False


async def test_adding_accounts_needs_a_bank(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        refused = await http.post("/api/link-token", json={"add_accounts": True})
        assert refused.status_code == 422
        assert "item_id" in refused.json()["error"]["message"]


async def test_another_persons_bank_gets_no_accounts_added(stack: Stack) -> None:
    async with stack.client() as alice, stack.client() as bob:
        await signed_up(alice, "alice")
        await signed_up(bob, "bobby")
        item = (await add_bank(alice, stack))[0].json()
        token = await bob.post(
            "/api/link-token", json={"item_id": item["id"], "add_accounts": True}
        )
        assert token.status_code == 404
        assert (await bob.post(f"/api/items/{item['id']}/new-accounts")).status_code == 404
