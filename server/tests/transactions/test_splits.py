"""A transaction split into parts: kept, counted by part everywhere, found by its parts'
categories and tags, exported a row per part, and refused when wrong."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from pattern.app.factory import PatternApp
from pattern.models import TransactionSplit
from pattern.splits.parts import rescaled
from pattern.transactions import repository as transactions_repository
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in

MARCH = "2024-03"


@pytest.fixture
async def shop(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    """A $100 supermarket run (groceries, and household things in it) and a $30 dinner."""
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        account = await make_account(session, item.id)
        supermarket = await make_transaction(
            session,
            account.id,
            name="Costco",
            amount=Decimal("100.00"),
            date=date(2024, 3, 5),
            category="FOOD_AND_DRINK",
            subcategory="FOOD_AND_DRINK_GROCERIES",
        )
        dinner = await make_transaction(
            session,
            account.id,
            name="Bistro",
            amount=Decimal("30.00"),
            date=date(2024, 3, 6),
            category="FOOD_AND_DRINK",
            subcategory="FOOD_AND_DRINK_RESTAURANT",
        )
        await session.commit()
    return {"user": user["id"], "supermarket": supermarket.id, "dinner": dinner.id}


PARTS: list[dict[str, Any]] = [
    {"amount": "60.00", "category": "FOOD_AND_DRINK", "subcategory": "FOOD_AND_DRINK_GROCERIES"},
    {
        "amount": "40.00",
        "category": "GENERAL_MERCHANDISE",
        "subcategory": "GENERAL_MERCHANDISE_SUPERSTORES",
        "note": " Towels for the flat ",
        "tags": ["home", "Flat"],
    },
]


async def split(client: httpx.AsyncClient, transaction_id: int, parts: Any) -> httpx.Response:
    return await client.put(f"/api/transactions/{transaction_id}/splits", json={"parts": parts})


async def spending(client: httpx.AsyncClient, user: int) -> dict[str | None, str]:
    response = await client.get(f"/api/users/{user}/insights/spending", params={"month": MARCH})
    assert response.status_code == 200, response.text
    return {row["category"]: row["total"] for row in response.json()["categories"]}


async def names(client: httpx.AsyncClient, user: int, **params: Any) -> list[str]:
    response = await client.get(f"/api/users/{user}/transactions", params=params)
    assert response.status_code == 200, response.text
    return [row["name"] for row in response.json()]


async def test_a_split_is_kept_and_shown_with_its_parts(
    client: httpx.AsyncClient, shop: dict[str, Any]
) -> None:
    answer = await split(client, shop["supermarket"], PARTS)
    assert answer.status_code == 200, answer.text
    parts = answer.json()["splits"]
    assert [(p["amount"], p["category"]) for p in parts] == [
        ("60.00", "FOOD_AND_DRINK"),
        ("40.00", "GENERAL_MERCHANDISE"),
    ]
    assert (parts[1]["note"], parts[1]["tags"]) == ("Towels for the flat", ["home", "Flat"])
    assert answer.json()["amount"] == "100.00"  # the whole is Plaid's, unchanged
    listed = (await client.get(f"/api/users/{shop['user']}/transactions")).json()
    by_name = {row["name"]: row for row in listed}
    assert [p["amount"] for p in by_name["Costco"]["splits"]] == ["60.00", "40.00"]
    assert by_name["Bistro"]["splits"] == []
    categories = (await client.get(f"/api/users/{shop['user']}/categories")).json()
    assert {
        "category": "GENERAL_MERCHANDISE",
        "subcategories": ["GENERAL_MERCHANDISE_SUPERSTORES"],
    } in categories
    # Splitting again replaces the parts; unsplitting makes it whole.
    again = await split(client, shop["supermarket"], [{"amount": "99.99"}, {"amount": "0.01"}])
    assert [p["amount"] for p in again.json()["splits"]] == ["99.99", "0.01"]
    whole = await client.delete(f"/api/transactions/{shop['supermarket']}/splits")
    assert (whole.status_code, whole.json()["splits"]) == (200, [])
    twice = await client.delete(f"/api/transactions/{shop['supermarket']}/splits")
    assert (twice.status_code, twice.json()["splits"]) == (200, [])  # whole already


async def test_insights_budgets_and_cash_flow_count_by_part(
    client: httpx.AsyncClient, shop: dict[str, Any]
) -> None:
    user = shop["user"]
    assert await spending(client, user) == {"FOOD_AND_DRINK": "130.00"}
    assert (await split(client, shop["supermarket"], PARTS)).status_code == 200
    assert await spending(client, user) == {
        "FOOD_AND_DRINK": "90.00",
        "GENERAL_MERCHANDISE": "40.00",
    }
    budget = (await client.get(f"/api/users/{user}/budgets/{MARCH}")).json()
    spent = {group["category"]: group["spent"] for group in budget["groups"]}
    assert (spent["FOOD_AND_DRINK"], spent["GENERAL_MERCHANDISE"]) == ("90.00", "40.00")
    flow = (await client.get(f"/api/users/{user}/cash-flow/{MARCH}")).json()
    assert flow["spending"] == "130.00"  # the whole is the sum of its parts
    # A part in a transfer category is no spending (a part of the run was cash back).
    cash_back = [{**PARTS[0]}, {"amount": "40.00", "category": "TRANSFER_OUT"}]
    assert (await split(client, shop["supermarket"], cash_back)).status_code == 200
    assert await spending(client, user) == {"FOOD_AND_DRINK": "90.00"}
    await client.delete(f"/api/transactions/{shop['supermarket']}/splits")
    assert await spending(client, user) == {"FOOD_AND_DRINK": "130.00"}


async def test_a_list_finds_a_split_one_by_its_parts(
    client: httpx.AsyncClient, shop: dict[str, Any]
) -> None:
    user = shop["user"]
    await split(client, shop["supermarket"], PARTS)
    # What a click on a budget's or the cash flow's figure asks for.
    assert await names(client, user, category="GENERAL_MERCHANDISE") == ["Costco"]
    assert await names(client, user, category="FOOD_AND_DRINK") == ["Bistro", "Costco"]
    assert await names(
        client, user, not_category="FOOD_AND_DRINK", flow="spending", month=MARCH
    ) == ["Costco"]
    assert await names(client, user, q="tag:flat") == ["Costco"]
    assert await names(client, user, q="category:merchandise") == ["Costco"]
    assert await names(client, user, q="NOT(tag:home)") == ["Bistro"]
    # Its own category no longer counts once no part has it.
    no_food = [{**PARTS[1], "amount": "60.00"}, {"amount": "40.00", "category": "HOME"}]
    assert (await split(client, shop["supermarket"], no_food)).status_code == 200
    assert await names(client, user, category="FOOD_AND_DRINK") == ["Bistro"]
    assert await names(client, user, q="category:food") == ["Bistro"]
    assert await names(client, user, category="HOME") == ["Costco"]


@pytest.mark.parametrize("listed", [1000, 0], ids=["ids-listed", "too-many-to-list"])
async def test_a_word_of_a_parts_note_finds_its_transaction(
    client: httpx.AsyncClient,
    shop: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    listed: int,
) -> None:
    """A part's note, tags and category are searched as the transaction's own words are,
    whether its transactions are listed by id or looked for by the database."""
    monkeypatch.setattr(transactions_repository, "MAX_LISTED_SPLITS", listed)
    user = shop["user"]
    assert await names(client, user, q="towels") == []
    await split(client, shop["supermarket"], PARTS)
    assert await names(client, user, q="towels") == ["Costco"]
    assert await names(client, user, q='"for the flat"') == ["Costco"]
    assert await names(client, user, q="superstores") == ["Costco"]
    assert await names(client, user, q="OR(towels bistro)") == ["Bistro", "Costco"]
    assert await names(client, user, q="NOT(towels)") == ["Bistro"]
    assert (await client.delete(f"/api/transactions/{shop['supermarket']}/splits")).is_success
    assert await names(client, user, q="towels") == []


async def test_the_csv_has_a_row_per_part(client: httpx.AsyncClient, shop: dict[str, Any]) -> None:
    await client.patch(f"/api/transactions/{shop['supermarket']}", json={"tags": ["costco"]})
    await split(client, shop["supermarket"], PARTS)
    response = await client.get(f"/api/users/{shop['user']}/transactions.csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    costco = [row for row in rows if row["name"] == "Costco"]
    assert [(r["amount"], r["category"], r["part"]) for r in costco] == [
        ("-60.00", "FOOD_AND_DRINK", "1"),
        ("-40.00", "GENERAL_MERCHANDISE", "2"),
    ]
    assert (costco[1]["tags"], costco[1]["note"]) == ("costco home Flat", "Towels for the flat")
    assert [(r["amount"], r["part"]) for r in rows if r["name"] == "Bistro"] == [("-30.00", "")]


@pytest.mark.parametrize(
    ("parts", "field"),
    [
        ([{"amount": "60.00"}, {"amount": "39.00"}], "parts"),  # sums to 99
        ([{"amount": "100.00"}], "parts"),  # one part is no split
        ([{"amount": "100.00"}, {"amount": "0.00"}], "parts.1.amount"),
        ([{"amount": "60.005"}, {"amount": "39.995"}], "parts.0.amount"),
        ([{"amount": "60.00", "tags": ["two words"]}, {"amount": "40.00"}], "parts.0.tags.0"),
        ([{"amount": "60.00", "colour": "red"}, {"amount": "40.00"}], "parts.0.colour"),
        ([{"amount": "60.00", "note": "x" * 2001}, {"amount": "40.00"}], "parts.0.note"),
    ],
)
async def test_a_wrong_split_is_refused_and_changes_nothing(
    client: httpx.AsyncClient,
    app: PatternApp,
    shop: dict[str, Any],
    parts: list[dict[str, Any]],
    field: str,
) -> None:
    await split(client, shop["supermarket"], PARTS)
    answer = await split(client, shop["supermarket"], parts)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["field"] == field
    kept = (await client.get(f"/api/users/{shop['user']}/transactions")).json()
    assert [p["amount"] for p in kept[0]["splits"] or kept[1]["splits"]] == ["60.00", "40.00"]


async def test_the_sum_is_explained_in_words(
    client: httpx.AsyncClient, shop: dict[str, Any]
) -> None:
    answer = await split(client, shop["supermarket"], [{"amount": "60.00"}, {"amount": "39.00"}])
    assert answer.json()["error"]["message"] == (
        "The parts add up to 99.00, not to the transaction's 100.00."
    )


async def test_another_persons_transaction_cannot_be_split(
    client: httpx.AsyncClient, app: PatternApp, shop: dict[str, Any]
) -> None:
    await client.delete("/api/sessions")
    await sign_up_and_log_in(client, username="mallory")
    assert (await split(client, shop["supermarket"], PARTS)).status_code == 404
    assert (
        await client.delete(f"/api/transactions/{shop['supermarket']}/splits")
    ).status_code == 404
    async with app.parts.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(TransactionSplit)) == 0


@pytest.mark.parametrize(
    ("parts", "total", "expected"),
    [
        (["50.00", "50.00"], "110.00", ["55.00", "55.00"]),  # a 10% tip, shared
        (["33.34", "33.33", "33.33"], "50.00", ["16.66", "16.67", "16.67"]),  # to the largest
        (["10.00", "0.01"], "5.00", ["4.99", "0.01"]),  # a part stays a cent at least
        (["80.00", "-20.00"], "30.00", ["40.00", "-10.00"]),  # a purchase with cash back
        (["5.00", "-5.00"], "2.00", ["7.00", "-5.00"]),  # nothing to share: to the first
        (["1.00", "2.00"], "3.00", ["1.00", "2.00"]),
    ],
)
def test_parts_follow_a_changed_whole(parts: list[str], total: str, expected: list[str]) -> None:
    shared = rescaled([Decimal(p) for p in parts], Decimal(total))
    assert shared == [Decimal(e) for e in expected]
    assert sum(shared) == Decimal(total)
