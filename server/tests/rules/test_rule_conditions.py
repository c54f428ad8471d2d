"""Rules on merchants, amount ranges and accounts; the preview; creating and applying at
once; each rule's match count; refused input changing nothing; another person's accounts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in

# (name, merchant, amount in Plaid's sign, which account)
SEED = [
    ("STARBUCKS 123", "Starbucks", "4.50", "checking"),
    ("STARBUCKS 456", "Starbucks", "12.00", "card"),
    ("SBUX ONLINE", "starbucks", "30.00", "card"),
    ("Payroll", None, "-2000.00", "checking"),
    ("Refund Starbucks", "Starbucks", "-4.50", "checking"),
    ("Edited coffee", "Starbucks", "5.00", "checking"),
]


@pytest.fixture
async def seeded(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        accounts = {
            "checking": await make_account(session, item.id),
            "card": await make_account(session, item.id, name="Card", type="credit"),
        }
        ids = {}
        for name, merchant, amount, account in SEED:
            tx = await make_transaction(
                session,
                accounts[account].id,
                name=name,
                merchant_name=merchant,
                amount=Decimal(amount),
                category="FOOD_AND_DRINK",
                subcategory="FOOD_AND_DRINK_COFFEE",
            )
            ids[name] = tx.id
        await session.commit()
        account_ids = {key: account.id for key, account in accounts.items()}
    await client.patch(f"/api/transactions/{ids['Edited coffee']}", json={"category": "Mine"})
    return {
        "user": user,
        "ids": ids,
        "accounts": account_ids,
        "rules": f"/api/users/{user['id']}/rules",
        "transactions": f"/api/users/{user['id']}/transactions",
    }


async def categories(client: httpx.AsyncClient, seeded: dict[str, Any]) -> dict[str, str]:
    rows = (await client.get(seeded["transactions"])).json()
    return {r["original_name"]: r["category"] for r in rows}


async def test_preview_counts_what_creating_and_applying_changes(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    body = {"match_merchant": "STARBUCKS", "set_category": "Coffee"}
    before = await categories(client, seeded)
    preview = await client.post(f"{seeded['rules']}/preview", json=body)
    assert preview.status_code == 200, preview.text
    # Merchant equal whatever the case: the three purchases and the refund; not the edit.
    assert preview.json()["changed"] == 4
    samples = preview.json()["samples"]
    assert {s["name"] for s in samples} == {
        "STARBUCKS 123",
        "STARBUCKS 456",
        "SBUX ONLINE",
        "Refund Starbucks",
    }
    assert all(s["new_category"] == "Coffee" for s in samples)
    assert await categories(client, seeded) == before  # the preview changed nothing
    assert (await client.get(seeded["rules"])).json() == []

    created = await client.post(seeded["rules"], params={"apply": "true"}, json=body)
    assert created.status_code == 201, created.text
    assert created.json()["changed"] == 4
    after = await categories(client, seeded)
    assert after["SBUX ONLINE"] == "Coffee"
    assert after["Payroll"] == "FOOD_AND_DRINK"
    assert after["Edited coffee"] == "Mine"  # the person's edit wins
    assert (await client.post(f"{seeded['rules']}/preview", json=body)).json()["changed"] == 0


async def test_creating_without_applying_leaves_the_past_alone(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    created = await client.post(
        seeded["rules"], json={"match_merchant": "Starbucks", "set_category": "Coffee"}
    )
    assert created.json()["changed"] is None
    assert "Coffee" not in (await categories(client, seeded)).values()


async def test_amount_range_and_accounts_on_apply(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    card = seeded["accounts"]["card"]
    # Money out between 10 and 30 (both included) on the card.
    ranged = {
        "min_amount": "10.00",
        "max_amount": "30.00",
        "match_account_ids": [card],
        "set_category": "Big coffee",
    }
    # Money in (negative in Plaid's sign) anywhere.
    money_in = {"max_amount": "0.00", "set_category": "Income"}
    preview = await client.post(f"{seeded['rules']}/preview", json=ranged)
    assert preview.json()["changed"] == 2
    assert (await client.post(seeded["rules"], json=ranged)).status_code == 201
    assert (await client.post(seeded["rules"], json=money_in)).status_code == 201
    applied = await client.post(f"{seeded['rules']}/apply")
    assert applied.json() == {"changed": 4}
    after = await categories(client, seeded)
    assert after == {
        "STARBUCKS 123": "FOOD_AND_DRINK",
        "STARBUCKS 456": "Big coffee",
        "SBUX ONLINE": "Big coffee",
        "Payroll": "Income",
        "Refund Starbucks": "Income",
        "Edited coffee": "Mine",
    }
    listed = (await client.get(seeded["rules"])).json()
    assert [r["match_account_ids"] for r in listed] == [[card], None]
    assert [r["min_amount"] for r in listed] == ["10.00", None]


async def test_each_rule_shows_how_many_transactions_it_matches(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    rules = seeded["rules"]
    await client.post(rules, json={"match_merchant": "starbucks", "set_category": "Coffee"})
    await client.post(rules, json={"match_name": "starbucks", "set_category": "Coffee"})
    await client.post(rules, json={"min_amount": "1000.00", "set_category": "Huge"})
    listed = (await client.get(rules)).json()
    # On the bank's values, whichever rule comes first, edited rows included.
    assert [r["match_count"] for r in listed] == [5, 3, 0]


async def test_revert_applies_the_new_conditions(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    await client.post(
        seeded["rules"],
        json={"match_merchant": "Starbucks", "max_amount": "5.00", "set_category": "Small"},
    )
    reverted = await client.post(f"/api/transactions/{seeded['ids']['Edited coffee']}/revert")
    assert reverted.json()["category"] == "Small"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"min_amount": "20.00", "max_amount": "10.00", "set_name": "x"}, "least amount"),
        ({"min_amount": "1.234", "set_name": "x"}, "min_amount"),
        ({"max_amount": "1e999", "set_name": "x"}, "max_amount"),
        ({"match_account_ids": [2**31 - 2], "set_name": "x"}, "is not one of yours"),
        ({"match_account_ids": [0], "set_name": "x"}, "match_account_ids"),
        ({"match_account_ids": [], "set_name": "x"}, "something to match"),
        ({"match_merchant": " ", "set_name": "x"}, "something to match"),
    ],
)
async def test_bad_conditions_are_refused_in_plain_words(
    client: httpx.AsyncClient, seeded: dict[str, Any], body: dict[str, Any], fragment: str
) -> None:
    for method, path in (
        ("POST", seeded["rules"]),
        ("POST", f"{seeded['rules']}/preview"),
    ):
        response = await client.request(method, path, json=body)
        assert response.status_code == 422, response.text
        message = response.json()["error"]["message"]
        assert fragment in message
        assert "Value error" not in message
    assert (await client.get(seeded["rules"])).json() == []


async def test_another_persons_account_is_refused_and_unchanged(
    client: httpx.AsyncClient, seeded: dict[str, Any], new_client: Any, app: PatternApp
) -> None:
    other = new_client()
    mallory = await sign_up_and_log_in(other, "mallory")
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(mallory["id"]))
        theirs = (await make_account(session, item.id)).id
        await session.commit()
    mine = seeded["accounts"]["card"]
    body = {"match_account_ids": [mine, theirs], "set_category": "X"}
    for path in (seeded["rules"], f"{seeded['rules']}/preview"):
        response = await client.post(path, json=body)
        assert response.status_code == 422
        assert "is not one of yours" in response.json()["error"]["message"]
    rule = (
        await client.post(seeded["rules"], json={"match_account_ids": [mine], "set_name": "y"})
    ).json()
    changed = await client.put(f"/api/rules/{rule['id']}", json=body)
    assert changed.status_code == 422
    assert (await client.get(seeded["rules"])).json()[0]["match_account_ids"] == [mine]
    # Mallory can neither preview nor create on Alice's rules.
    preview = await other.post(
        f"{seeded['rules']}/preview", json={"match_name": "a", "set_name": "b"}
    )
    assert preview.status_code == 404
