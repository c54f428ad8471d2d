"""Linking banks: token exchange, the initial sync, duplicates, ownership, removal."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal

import plaid
import pytest
from plaid.model.item_get_request import ItemGetRequest
from sqlalchemy import func, select

from pattern.models import Account, Item, PlaidApiEvent, Transaction
from tests.support.plaid_stack import (
    Stack,
    add_bank,
    emulator_transactions,
    link_through_emulator,
    signed_up,
)
from tests.support.users import STRONG_PASSWORD


async def stored_transactions(stack: Stack) -> dict[str, Transaction]:
    async with stack.app.parts.sessionmaker() as session:
        rows = await session.scalars(select(Transaction))
        return {tx.plaid_transaction_id: tx for tx in rows}


async def test_linking_a_bank_syncs_exactly_the_emulators_data(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        response, link = await add_bank(http, stack)
        assert response.status_code == 201, response.text
        item = response.json()
        assert item["institution_name"] == "First Platypus Bank"
        assert item["status"] == "good"
        assert "access" not in str(item).lower()
        stack.settle()

        access_token = stack.access_token(item["id"])
        expected = emulator_transactions(stack, access_token)
        stored = stack.run(stored_transactions(stack))
        assert set(stored) == set(expected)
        assert len(stored) > 500  # more than one page of the engine's
        for transaction_id, tx in expected.items():
            mine = stored[transaction_id]
            assert mine.amount == Decimal(str(tx["amount"]))
            assert mine.date.isoformat() == tx["date"]
            assert mine.pending == tx["pending"]
            assert mine.original_name == tx["name"]
            # Plaid's current categories are the category; its merchant fields are kept.
            pfc = tx["personal_finance_category"]
            assert (mine.category, mine.subcategory) == (pfc["primary"], pfc["detailed"])
            assert (mine.original_category, mine.original_subcategory) == (
                pfc["primary"],
                pfc["detailed"],
            )
            assert mine.personal_finance_confidence == pfc["confidence_level"]
            assert json.loads(mine.legacy_categories or "null") == (tx["category"] or None)
            assert mine.merchant_name == tx["merchant_name"]
            assert mine.merchant_entity_id == tx["merchant_entity_id"]
            assert mine.logo_url == tx["logo_url"]
            assert mine.website == tx["website"]
            assert json.loads(mine.counterparties or "[]") == tx["counterparties"]

        accounts = (await http.get(f"/api/items/{item['id']}/accounts")).json()
        plaid_accounts = {a["id"]: a for a in link["metadata"]["accounts"]}
        assert {a["plaid_account_id"] for a in accounts} >= set(plaid_accounts)
        assert all(a["mask"] for a in accounts)

        listed = await http.get(f"/api/items/{item['id']}/transactions", params={"limit": 10})
        assert listed.status_code == 200
        assert int(listed.headers["X-Total-Count"]) == len(expected)
        assert len(listed.json()) == 10
        dates = [row["date"] for row in listed.json()]
        assert dates == sorted(dates, reverse=True)

    async def plaid_calls() -> list[tuple[str, str | None]]:
        async with stack.app.parts.sessionmaker() as session:
            rows = await session.execute(
                select(PlaidApiEvent.plaid_method, PlaidApiEvent.arguments)
            )
            return [(method, arguments) for method, arguments in rows]

    calls = stack.run(plaid_calls())
    methods = {method for method, _ in calls}
    assert {"link_token_create", "item_public_token_exchange", "transactions_sync"} <= methods
    assert all(access_token not in (arguments or "") for _, arguments in calls)


async def test_a_second_item_at_the_same_institution_is_409(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        first, _ = await add_bank(http, stack)
        assert first.status_code == 201
        second, _ = await add_bank(http, stack)
        assert second.status_code == 409
        assert second.json()["error"]["message"] == (
            "You have already linked an item at this institution. For accounts opened there "
            'since, choose "Add accounts" on its card.'
        )
        other, _ = await add_bank(http, stack, institution_id="ins_109509")
        assert other.status_code == 201
    assert len(stack.run(stack.items_in_db())) == 2


async def test_two_racing_links_to_one_institution_make_one_item(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        links = [await link_through_emulator(http, stack) for _ in range(2)]
        responses = await asyncio.gather(
            *(
                http.post(
                    "/api/items",
                    json={"public_token": link["public_token"], "institution_id": "ins_109508"},
                )
                for link in links
            )
        )
    assert sorted(r.status_code for r in responses) == [201, 409]
    assert len(stack.run(stack.items_in_db())) == 1


async def test_another_user_gets_404_for_everything_of_mine(stack: Stack) -> None:
    async with stack.client() as alice, stack.client() as bob:
        alice_user = await signed_up(alice, "alice")
        await signed_up(bob, "bobby")
        response, _ = await add_bank(alice, stack)
        item_id = response.json()["id"]
        stack.settle()
        account_id = (await alice.get(f"/api/items/{item_id}/accounts")).json()[0]["id"]
        for method, path in [
            ("GET", f"/api/items/{item_id}"),
            ("PUT", f"/api/items/{item_id}"),
            ("DELETE", f"/api/items/{item_id}"),
            ("GET", f"/api/items/{item_id}/accounts"),
            ("GET", f"/api/items/{item_id}/transactions"),
            ("POST", f"/api/items/{item_id}/sync"),
            ("GET", f"/api/accounts/{account_id}/transactions"),
            ("GET", f"/api/users/{alice_user['id']}/items"),
            ("GET", f"/api/users/{alice_user['id']}/accounts"),
            ("GET", f"/api/users/{alice_user['id']}/transactions"),
            ("POST", f"/api/users/{alice_user['id']}/transactions/sync"),
        ]:
            body = {"status": "bad"} if method == "PUT" else None
            answer = await bob.request(method, path, json=body)
            assert answer.status_code == 404, (method, path, answer.status_code)
        update = await bob.post("/api/link-token", json={"item_id": item_id})
        assert update.status_code == 404
        reset = await bob.post("/api/items/sandbox/item/reset_login", json={"item_id": item_id})
        assert reset.status_code == 404
        assert (await alice.get(f"/api/items/{item_id}")).json()["status"] == "good"


async def test_status_update_accepts_only_good_or_bad(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        bad = await http.put(f"/api/items/{item_id}", json={"status": "bad"})
        assert bad.json()["status"] == "bad"
        wrong = await http.put(f"/api/items/{item_id}", json={"status": "broken"})
        assert wrong.status_code == 422
        assert "status" in wrong.json()["error"]["message"]
        assert (await http.get(f"/api/items/{item_id}")).json()["status"] == "bad"


async def test_deleting_an_item_removes_it_at_plaid_and_here(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        access_token = stack.access_token(item_id)
        assert (await http.delete(f"/api/items/{item_id}")).status_code == 204
        assert (await http.get(f"/api/items/{item_id}")).status_code == 404

    async def counts() -> tuple[int, int, int]:
        async with stack.app.parts.sessionmaker() as session:
            return (
                int(await session.scalar(select(func.count()).select_from(Item)) or 0),
                int(await session.scalar(select(func.count()).select_from(Account)) or 0),
                int(await session.scalar(select(func.count()).select_from(Transaction)) or 0),
            )

    assert stack.run(counts()) == (0, 0, 0)
    with pytest.raises(plaid.ApiException) as removed:
        stack.plaid().item_get(ItemGetRequest(access_token=access_token))
    assert "ITEM_NOT_FOUND" in str(removed.value.body) or "INVALID_ACCESS_TOKEN" in str(
        removed.value.body
    )


async def test_exchange_errors_are_4xx_and_store_nothing(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        bad = await http.post(
            "/api/items",
            json={"public_token": "public-sandbox-nope", "institution_id": "ins_109508"},
        )
        assert bad.status_code == 400
        assert bad.json()["error"]["code"] == "plaid_invalid_public_token"
        missing = await http.post("/api/items", json={"institution_id": "ins_109508"})
        assert missing.status_code == 422
        assert "public_token" in missing.json()["error"]["message"]
    assert stack.run(stack.items_in_db()) == []


async def test_deleting_a_user_removes_their_items_at_plaid(stack: Stack) -> None:
    async with stack.client() as admin:
        await signed_up(admin, "root")  # the only administrator could not delete themselves
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        access_token = stack.access_token(item_id)
        deleted = await http.request(
            "DELETE", f"/api/users/{user['id']}", json={"password": STRONG_PASSWORD}
        )
        assert deleted.status_code == 204
    assert stack.run(stack.items_in_db()) == []
    with pytest.raises(plaid.ApiException):
        stack.plaid().item_get(ItemGetRequest(access_token=access_token))
