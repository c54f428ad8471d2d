"""Manual accounts and their transactions: counted like a bank's everywhere, kept by the
person alone, never reached by a sync."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx

from pattern.kit import clock
from tests.support.users import sign_up_and_log_in

TODAY = clock.today()
MONTH = f"{TODAY.year:04d}-{TODAY.month:02d}"


async def manual_account(http: httpx.AsyncClient, user_id: int, **fields: Any) -> dict[str, Any]:
    body = {"name": "Wallet", "type": "depository", "subtype": "cash", "current_balance": "100.00"}
    made = await http.post(f"/api/users/{user_id}/manual-accounts", json=body | fields)
    assert made.status_code == 201, made.text
    found: dict[str, Any] = made.json()
    return found


async def add(http: httpx.AsyncClient, account_id: int, **fields: Any) -> dict[str, Any]:
    body = {"date": TODAY.isoformat(), "name": "Farmers market", "amount": "12.34"}
    made = await http.post(f"/api/accounts/{account_id}/transactions", json=body | fields)
    assert made.status_code == 201, made.text
    found: dict[str, Any] = made.json()
    return found


async def balance(http: httpx.AsyncClient, user_id: int, account_id: int) -> Decimal:
    accounts = (await http.get(f"/api/users/{user_id}/accounts")).json()
    return Decimal(next(a for a in accounts if a["id"] == account_id)["current_balance"])


async def net_worth(http: httpx.AsyncClient, user_id: int) -> Decimal:
    return Decimal((await http.get(f"/api/users/{user_id}/net-worth")).json()[0]["net_worth"])


async def test_a_manual_account_counts_like_a_banks(client: httpx.AsyncClient) -> None:
    user_id = int((await sign_up_and_log_in(client))["id"])
    wallet = await manual_account(client, user_id)
    assert (wallet["manual"], wallet["type"], wallet["current_balance"]) == (
        True,
        "depository",
        "100.00",
    )
    card = await manual_account(
        client, user_id, name="Store card", type="credit", subtype=None, current_balance="50.00"
    )
    assert await net_worth(client, user_id) == Decimal("50.00")
    # No bank to show, sync or relink: the banks list stays empty.
    assert (await client.get(f"/api/users/{user_id}/items")).json() == []

    spent = await add(
        client, wallet["id"], category="FOOD_AND_DRINK", note="apples", tags=["market"]
    )
    assert (spent["account_name"], spent["amount"], spent["category"]) == (
        "Wallet",
        "12.34",
        "FOOD_AND_DRINK",
    )
    assert (spent["note"], spent["tags"], spent["pending"]) == ("apples", ["market"], False)
    await add(client, card["id"], name="Shoes", amount="20.00", category="GENERAL_MERCHANDISE")
    # Money out lowers what the wallet holds and raises what the card owes.
    assert await balance(client, user_id, wallet["id"]) == Decimal("87.66")
    assert await balance(client, user_id, card["id"]) == Decimal("70.00")
    assert await net_worth(client, user_id) == Decimal("17.66")
    daily = (await client.get(f"/api/users/{user_id}/net-worth/daily")).json()
    assert (daily[-1]["date"], daily[-1]["net_worth"]) == (TODAY.isoformat(), "17.66")

    listed = f"/api/users/{user_id}/transactions"
    found = (await client.get(listed, params={"q": "farmers"})).json()
    assert [row["id"] for row in found] == [spent["id"]]
    assert "Farmers market" in (await client.get(f"{listed}.csv")).text
    spending = (
        await client.get(f"/api/users/{user_id}/insights/spending", params={"month": MONTH})
    ).json()
    assert Decimal(spending["total"]) == Decimal("32.34")
    lines = [{"category": "FOOD_AND_DRINK", "subcategory": None, "amount": "100.00"}]
    budget = f"/api/users/{user_id}/budgets/{MONTH}"
    assert (await client.put(f"{budget}/lines", json={"lines": lines})).status_code == 200
    food = next(
        g for g in (await client.get(budget)).json()["groups"] if g["category"] == "FOOD_AND_DRINK"
    )
    assert Decimal(food["spent"]) == Decimal("12.34")

    # Changing the amount moves the balance and the budget; deleting undoes it.
    changed = await client.patch(f"/api/transactions/{spent['id']}", json={"amount": "2.34"})
    assert changed.status_code == 200, changed.text
    assert await balance(client, user_id, wallet["id"]) == Decimal("97.66")
    food = next(
        g for g in (await client.get(budget)).json()["groups"] if g["category"] == "FOOD_AND_DRINK"
    )
    assert Decimal(food["spent"]) == Decimal("2.34")
    assert (await client.delete(f"/api/transactions/{spent['id']}")).status_code == 204
    assert await balance(client, user_id, wallet["id"]) == Decimal("100.00")
    food = next(
        g for g in (await client.get(budget)).json()["groups"] if g["category"] == "FOOD_AND_DRINK"
    )
    assert Decimal(food["spent"]) == Decimal("0.00")
    assert (await client.get(listed, params={"q": "farmers"})).json() == []


async def test_its_balance_is_set_and_it_is_deleted_whole(client: httpx.AsyncClient) -> None:
    user_id = int((await sign_up_and_log_in(client))["id"])
    wallet = await manual_account(client, user_id)
    await add(client, wallet["id"])
    path = f"/api/accounts/{wallet['id']}"
    changed = await client.patch(path, json={"current_balance": "250.00", "display_name": "Cash"})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["current_balance"], changed.json()["display_name"]) == ("250.00", "Cash")
    assert await net_worth(client, user_id) == Decimal("250.00")

    assert (await client.delete(path)).status_code == 204
    assert (await client.get(f"/api/users/{user_id}/accounts")).json() == []
    assert (await client.get(f"/api/users/{user_id}/transactions")).json() == []
    assert (await client.get(f"/api/users/{user_id}/net-worth")).json() == []
    assert (await client.delete(path)).status_code == 404


async def test_refused_input_changes_nothing(client: httpx.AsyncClient) -> None:
    user_id = int((await sign_up_and_log_in(client))["id"])
    made = f"/api/users/{user_id}/manual-accounts"
    for body in (
        {"name": "  ", "type": "depository"},
        {"name": "Jar", "type": "piggy bank"},
        {"name": "Jar", "type": "depository", "current_balance": "1.234"},
        {"name": "Jar", "type": "depository", "current_balance": "1e15"},
        {"name": "Jar", "type": "depository", "iso_currency_code": "XYZ"},
    ):
        refused = await client.post(made, json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert refused.json()["error"]["message"]
    assert (await client.get(f"/api/users/{user_id}/accounts")).json() == []

    wallet = await manual_account(client, user_id)
    added = f"/api/accounts/{wallet['id']}/transactions"
    far = (TODAY + timedelta(days=800)).isoformat()
    refused_transactions: list[dict[str, Any]] = [
        {"date": far, "name": "Later", "amount": "1.00"},
        {"date": TODAY.isoformat(), "name": " ", "amount": "1.00"},
        {"date": TODAY.isoformat(), "name": "Coffee", "amount": "1.005"},
        {"date": TODAY.isoformat(), "name": "Coffee", "amount": "1000000000000.00"},
        {"date": TODAY.isoformat(), "name": "Coffee", "amount": "NaN"},
        {"date": TODAY.isoformat(), "name": "Coffee", "amount": "1.00", "tags": ["two words"]},
    ]
    for body in refused_transactions:
        refused = await client.post(added, json=body)
        assert refused.status_code == 422, (body, refused.text)
    spent = await add(client, wallet["id"])
    for amount in ("1.001", None, "-1e14"):
        refused = await client.patch(f"/api/transactions/{spent['id']}", json={"amount": amount})
        assert refused.status_code == 422, (amount, refused.text)
    refused = await client.patch(f"/api/accounts/{wallet['id']}", json={"current_balance": None})
    assert refused.status_code == 422, refused.text
    assert await balance(client, user_id, wallet["id"]) == Decimal("87.66")
    rows = (await client.get(f"/api/users/{user_id}/transactions")).json()
    assert [(row["id"], row["amount"]) for row in rows] == [(spent["id"], "12.34")]


async def test_another_persons_manual_things_are_not_found(
    client: httpx.AsyncClient, new_client: Any
) -> None:
    user_id = int((await sign_up_and_log_in(client))["id"])
    wallet = await manual_account(client, user_id)
    spent = await add(client, wallet["id"])
    async with new_client("198.51.100.7") as other:
        other_id = int((await sign_up_and_log_in(other, "mallory"))["id"])
        body = {"date": TODAY.isoformat(), "name": "Mine now", "amount": "-500.00"}
        for response in (
            await other.post(f"/api/accounts/{wallet['id']}/transactions", json=body),
            await other.patch(f"/api/accounts/{wallet['id']}", json={"current_balance": "0.00"}),
            await other.delete(f"/api/accounts/{wallet['id']}"),
            await other.patch(f"/api/transactions/{spent['id']}", json={"amount": "0.01"}),
            await other.delete(f"/api/transactions/{spent['id']}"),
            await other.post(
                f"/api/users/{user_id}/manual-accounts", json={"name": "X", "type": "other"}
            ),
        ):
            assert response.status_code == 404, response.text
        assert (await other.get(f"/api/users/{other_id}/accounts")).json() == []
    assert await balance(client, user_id, wallet["id"]) == Decimal("87.66")
    assert len((await client.get(f"/api/users/{user_id}/transactions")).json()) == 1
