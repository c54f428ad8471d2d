"""Transfers through the API on both databases: matched, listed, left out of insights,
confirmed, unmatched for good, matched by hand; bad input changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in

DAY = date.today().replace(day=1)


def on(days: int) -> date:
    return DAY + timedelta(days=days)


@pytest.fixture
async def person(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    """Checking, savings and a card at one bank: a transfer to savings, a card payment, and
    ordinary spending and income of the same sums that must stay what they are."""
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]), institution_name="First Bank")
        checking = await make_account(session, item.id, name="Checking")
        savings = await make_account(session, item.id, name="Savings", subtype="savings")
        card = await make_account(
            session, item.id, name="Card", type="credit", subtype="credit card"
        )
        ids: dict[str, int] = {}
        for key, account, amount, day, category in [
            ("to_savings", checking, "300.00", 2, "TRANSFER_OUT"),
            ("at_savings", savings, "-300.00", 3, "TRANSFER_IN"),
            ("card_paid", checking, "512.40", 5, "LOAN_PAYMENTS"),
            ("card_got", card, "-512.40", 7, "LOAN_PAYMENTS"),
            ("groceries", card, "300.00", 3, "FOOD_AND_DRINK"),
            ("salary", checking, "-2000.00", 1, "INCOME"),
            ("laptop", card, "2000.00", 2, "GENERAL_MERCHANDISE"),
        ]:
            tx = await make_transaction(
                session,
                account.id,
                name=key,
                amount=Decimal(amount),
                date=on(day),
                category=category,
            )
            ids[key] = tx.id
        await session.commit()
    return {"user": user, "ids": ids}


async def pairs(client: httpx.AsyncClient, user_id: int) -> set[tuple[str, str, str]]:
    listed = (await client.get(f"/api/users/{user_id}/transfers")).json()
    return {(p["outflow"]["name"], p["inflow"]["name"], p["status"]) for p in listed}


async def spending(client: httpx.AsyncClient, user_id: int) -> Decimal:
    month = DAY.strftime("%Y-%m")
    body = (
        await client.get(
            f"/api/users/{user_id}/insights/spending",
            params={"month": month},
        )
    ).json()
    return Decimal(str(body["total"]))


async def test_matching_pairs_transfers_and_leaves_spending_alone(
    client: httpx.AsyncClient, person: dict[str, Any]
) -> None:
    user_id, ids = person["user"]["id"], person["ids"]
    matched = await client.post(f"/api/users/{user_id}/transfers/match")
    assert matched.json() == {"matched": 2}
    assert await pairs(client, user_id) == {
        ("to_savings", "at_savings", "auto"),
        ("card_paid", "card_got", "auto"),
    }
    listed = (await client.get(f"/api/users/{user_id}/transfers")).json()
    card = next(p for p in listed if p["outflow"]["name"] == "card_paid")
    assert card["outflow"]["account_name"] == "Checking"
    assert card["inflow"]["account_name"] == "Card"
    assert card["inflow"]["institution_name"] == "First Bank"
    assert card["outflow"]["amount"] == "512.40"

    rows = (await client.get(f"/api/users/{user_id}/transactions")).json()
    by_name = {row["name"]: row for row in rows}
    assert by_name["to_savings"]["transfer"]["other_transaction_id"] == ids["at_savings"]
    assert by_name["to_savings"]["transfer"]["other_account_name"] == "Savings"
    assert by_name["groceries"]["transfer"] is None
    found = (
        await client.get(f"/api/users/{user_id}/transactions", params={"q": "is:transfer"})
    ).json()
    assert {row["name"] for row in found} == {"to_savings", "at_savings", "card_paid", "card_got"}
    # Again: nothing new.
    assert (await client.post(f"/api/users/{user_id}/transfers/match")).json() == {"matched": 0}


async def test_a_pair_counts_in_insights_only_once_unmatched(
    client: httpx.AsyncClient, person: dict[str, Any], app: PatternApp
) -> None:
    """Categories aside (GENERAL_MERCHANDISE on both sides), only the pair makes a transfer."""
    user_id = person["user"]["id"]
    async with app.parts.sessionmaker() as session:
        checking_id = (await client.get(f"/api/users/{user_id}/transactions")).json()
        account_of = {row["name"]: row["account_id"] for row in checking_id}
        out = await make_transaction(
            session,
            account_of["salary"],
            name="move",
            amount=Decimal("70.00"),
            date=on(4),
            category="GENERAL_MERCHANDISE",
        )
        into = await make_transaction(
            session,
            account_of["at_savings"],
            name="moved",
            amount=Decimal("-70.00"),
            date=on(4),
            category="GENERAL_MERCHANDISE",
        )
        await session.commit()
    before = await spending(client, user_id)
    made = await client.post(
        f"/api/users/{user_id}/transfers", json={"transaction_ids": [into.id, out.id]}
    )
    assert made.status_code == 201, made.text
    assert made.json()["status"] == "manual"
    assert made.json()["outflow"]["id"] == out.id
    assert await spending(client, user_id) == before - Decimal("70.00")
    assert (await client.delete(f"/api/transfers/{made.json()['id']}")).status_code == 204
    assert await spending(client, user_id) == before


async def test_decisions_stick_when_matching_runs_again(
    client: httpx.AsyncClient, person: dict[str, Any]
) -> None:
    user_id, ids = person["user"]["id"], person["ids"]
    await client.post(f"/api/users/{user_id}/transfers/match")
    listed = (await client.get(f"/api/users/{user_id}/transfers")).json()
    savings = next(p for p in listed if p["outflow"]["name"] == "to_savings")
    card = next(p for p in listed if p["outflow"]["name"] == "card_paid")

    confirmed = await client.post(f"/api/transfers/{savings['id']}/confirm")
    assert confirmed.json()["status"] == "confirmed"
    assert (await client.delete(f"/api/transfers/{card['id']}")).status_code == 204
    await client.post(f"/api/users/{user_id}/transfers/match")
    assert await pairs(client, user_id) == {("to_savings", "at_savings", "confirmed")}

    # The person may still match the refused two by hand.
    candidates = (
        await client.get(f"/api/transactions/{ids['card_paid']}/transfer-candidates")
    ).json()
    assert candidates[0]["id"] == ids["card_got"]
    assert ids["at_savings"] not in {c["id"] for c in candidates}  # in a pair already
    assert all(Decimal(c["amount"]) < 0 for c in candidates)
    made = await client.post(
        f"/api/users/{user_id}/transfers",
        json={"transaction_ids": [ids["card_paid"], ids["card_got"]]},
    )
    assert made.status_code == 201
    await client.post(f"/api/users/{user_id}/transfers/match")
    assert await pairs(client, user_id) == {
        ("to_savings", "at_savings", "confirmed"),
        ("card_paid", "card_got", "manual"),
    }


@pytest.mark.parametrize(
    ("pick", "status", "fragment"),
    [
        (("to_savings", "salary"), 400, "same account"),
        (("to_savings", "groceries"), 400, "one positive amount"),
        (("to_savings", "to_savings"), 400, "two different"),
        (("card_paid", "at_savings"), 409, "already in a transfer"),
    ],
)
async def test_bad_hand_matches_are_refused_and_change_nothing(
    client: httpx.AsyncClient,
    person: dict[str, Any],
    pick: tuple[str, str],
    status: int,
    fragment: str,
) -> None:
    user_id, ids = person["user"]["id"], person["ids"]
    await client.post(f"/api/users/{user_id}/transfers/match")
    if status == 409:
        listed = (await client.get(f"/api/users/{user_id}/transfers")).json()
        card = next(p for p in listed if p["outflow"]["name"] == "card_paid")
        await client.delete(f"/api/transfers/{card['id']}")
    before = await pairs(client, user_id)
    response = await client.post(
        f"/api/users/{user_id}/transfers", json={"transaction_ids": [ids[n] for n in pick]}
    )
    assert response.status_code == status, response.text
    assert fragment in response.json()["error"]["message"]
    assert await pairs(client, user_id) == before


@pytest.mark.parametrize(
    "body", [{}, {"transaction_ids": [1]}, {"transaction_ids": [1, 2, 3]}, {"ids": [1, 2]}]
)
async def test_malformed_hand_matches_are_422(
    client: httpx.AsyncClient, person: dict[str, Any], body: dict[str, Any]
) -> None:
    response = await client.post(f"/api/users/{person['user']['id']}/transfers", json=body)
    assert response.status_code == 422
    assert await pairs(client, person["user"]["id"]) == set()


async def test_someone_elses_transactions_and_pairs_are_404(
    client: httpx.AsyncClient, person: dict[str, Any], new_client: Any
) -> None:
    user_id, ids = person["user"]["id"], person["ids"]
    await client.post(f"/api/users/{user_id}/transfers/match")
    listed = (await client.get(f"/api/users/{user_id}/transfers")).json()
    other = new_client()
    mallory = await sign_up_and_log_in(other, "mallory")
    for method, path in [
        ("GET", f"/api/users/{user_id}/transfers"),
        ("POST", f"/api/users/{user_id}/transfers/match"),
        ("POST", f"/api/transfers/{listed[0]['id']}/confirm"),
        ("DELETE", f"/api/transfers/{listed[0]['id']}"),
        ("GET", f"/api/transactions/{ids['salary']}/transfer-candidates"),
    ]:
        assert (await other.request(method, path)).status_code == 404, (method, path)
    stolen = await other.post(
        f"/api/users/{mallory['id']}/transfers",
        json={"transaction_ids": [ids["groceries"], ids["salary"]]},
    )
    assert stolen.status_code == 404
    assert await pairs(client, user_id) == {
        ("to_savings", "at_savings", "auto"),
        ("card_paid", "card_got", "auto"),
    }
