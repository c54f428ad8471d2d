"""Editing, hiding and reverting transactions; the categories in use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from pattern.app.factory import PatternApp
from pattern.models import Item
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.plaid_stack import Stack, add_bank, signed_up
from tests.support.users import sign_up_and_log_in


@pytest.fixture
async def one(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        account = await make_account(session, item.id)
        tx = await make_transaction(
            session,
            account.id,
            name="SQ *BLUE BOTTLE",
            category="Food and Drink",
            subcategory="Coffee Shop",
            amount=Decimal("6.50"),
            date=date(2024, 3, 2),
        )
        await make_transaction(
            session, account.id, name="Rent", category="Payment", subcategory="Rent"
        )
        await session.commit()
    return {"user": user, "tx": tx.id}


async def test_edit_then_revert(client: httpx.AsyncClient, one: dict[str, Any]) -> None:
    path = f"/api/transactions/{one['tx']}"
    edited = await client.patch(
        path, json={"name": "Coffee with Ana", "category": "Social", "date": "2024-03-01"}
    )
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert (body["name"], body["category"], body["date"]) == (
        "Coffee with Ana",
        "Social",
        "2024-03-01",
    )
    assert body["subcategory"] == "Coffee Shop"
    assert body["manually_updated"] is True
    assert body["original_name"] == "SQ *BLUE BOTTLE"

    reverted = (await client.post(f"{path}/revert")).json()
    assert (reverted["name"], reverted["category"], reverted["date"]) == (
        "SQ *BLUE BOTTLE",
        "Food and Drink",
        "2024-03-02",
    )
    assert reverted["manually_updated"] is False


async def test_hidden_transactions_leave_lists_but_stay(
    client: httpx.AsyncClient, one: dict[str, Any]
) -> None:
    user_id = one["user"]["id"]
    assert (
        await client.patch(f"/api/transactions/{one['tx']}", json={"hidden": True})
    ).status_code == 200
    listed = (await client.get(f"/api/users/{user_id}/transactions")).json()
    assert [row["name"] for row in listed] == ["Rent"]
    hidden = (
        await client.get(f"/api/users/{user_id}/transactions", params={"hidden": "true"})
    ).json()
    assert [row["id"] for row in hidden] == [one["tx"]]
    categories = (await client.get(f"/api/users/{user_id}/categories")).json()
    assert categories == [{"category": "Payment", "subcategories": ["Rent"]}]
    await client.post(f"/api/transactions/{one['tx']}/revert")
    assert len((await client.get(f"/api/users/{user_id}/transactions")).json()) == 2


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({}, "at least one"),
        ({"name": ""}, "name"),
        ({"name": None}, "name cannot be null"),
        ({"date": "yesterday"}, "date"),
        ({"hidden": "perhaps"}, "hidden"),
        ({"amount": "1.001"}, "amount"),  # a bank's amount is 409: tests/manual
        ({"name": "x" * 600}, "name"),
    ],
)
async def test_bad_edits_are_422_and_change_nothing(
    client: httpx.AsyncClient, one: dict[str, Any], body: dict[str, Any], fragment: str
) -> None:
    response = await client.patch(f"/api/transactions/{one['tx']}", json=body)
    assert response.status_code == 422
    assert fragment in response.json()["error"]["message"]
    row = (
        await client.get(f"/api/users/{one['user']['id']}/transactions", params={"q": "bottle"})
    ).json()
    assert row[0]["name"] == "SQ *BLUE BOTTLE"
    assert row[0]["manually_updated"] is False


async def test_someone_elses_transaction_is_404(
    client: httpx.AsyncClient, one: dict[str, Any], new_client: Any
) -> None:
    other = new_client()
    await sign_up_and_log_in(other, "mallory")
    for method, path in [
        ("PATCH", f"/api/transactions/{one['tx']}"),
        ("POST", f"/api/transactions/{one['tx']}/revert"),
        ("GET", f"/api/users/{one['user']['id']}/categories"),
        ("PATCH", "/api/transactions/999999"),
    ]:
        response = await other.request(
            method, path, json={"name": "pwned"} if method == "PATCH" else None
        )
        assert response.status_code == 404, (method, path)
    unchanged = (
        await client.get(f"/api/users/{one['user']['id']}/transactions", params={"q": "bottle"})
    ).json()
    assert unchanged[0]["name"] == "SQ *BLUE BOTTLE"


async def test_edits_survive_a_full_resync_from_the_emulator(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        rows = (
            await http.get(f"/api/users/{user['id']}/transactions", params={"pending": "false"})
        ).json()
        target, hidden = rows[0], rows[1]
        await http.patch(
            f"/api/transactions/{target['id']}", json={"name": "Renamed", "category": "Mine"}
        )
        await http.patch(f"/api/transactions/{hidden['id']}", json={"hidden": True})

        async def forget_cursor() -> None:
            async with stack.app.parts.sessionmaker() as session, session.begin():
                await session.execute(update(Item).values(transactions_cursor=None))

        stack.run(forget_cursor())
        assert (await http.post(f"/api/items/{item_id}/sync")).json()["added"] > 500
        again = (
            await http.get(f"/api/users/{user['id']}/transactions", params={"q": "renamed"})
        ).json()
        assert [(r["id"], r["category"], r["original_name"]) for r in again] == [
            (target["id"], "Mine", target["original_name"])
        ]
        still_hidden = (
            await http.get(f"/api/users/{user['id']}/transactions", params={"hidden": "true"})
        ).json()
        assert [r["id"] for r in still_hidden] == [hidden["id"]]
