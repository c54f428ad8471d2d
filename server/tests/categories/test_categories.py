"""A person's categories through the API: Plaid's listed as defaults, own ones created,
renamed, coloured, moved and merged (counted so in budgets and insights), deleted, and
bad requests refused without changing anything."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import log_in, sign_up_and_log_in

FOOD, GROCERIES, RESTAURANT, COFFEE = (
    "FOOD_AND_DRINK",
    "FOOD_AND_DRINK_GROCERIES",
    "FOOD_AND_DRINK_RESTAURANT",
    "FOOD_AND_DRINK_COFFEE",
)
MARCH = "2024-03"


@pytest.fixture
async def alice(client: httpx.AsyncClient, app: PatternApp) -> int:
    """Groceries ($100, $20), a $30 dinner, a $5 coffee and a $40 Costco run split into
    $25 of groceries and a $15 dinner, all in March 2024."""
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        account = await make_account(session, item.id)
        rows = [
            ("Trader Joe's", "100.00", GROCERIES),
            ("Corner shop", "20.00", GROCERIES),
            ("Bistro", "30.00", RESTAURANT),
            ("Cafe", "5.00", COFFEE),
            ("Costco", "40.00", GROCERIES),
        ]
        for day, (name, amount, code) in enumerate(rows, start=1):
            await make_transaction(
                session,
                account.id,
                name=name,
                amount=Decimal(amount),
                date=date(2024, 3, day),
                category=FOOD,
                subcategory=code,
            )
        await session.commit()
    user_id = int(user["id"])
    costco = (await transactions(client, user_id, q="Costco"))[0]
    parts = [
        {"amount": "25.00", "category": FOOD, "subcategory": GROCERIES},
        {"amount": "15.00", "category": FOOD, "subcategory": RESTAURANT},
    ]
    split = await client.put(f"/api/transactions/{costco['id']}/splits", json={"parts": parts})
    assert split.status_code == 200, split.text
    return user_id


async def transactions(client: httpx.AsyncClient, user: int, **params: Any) -> list[Any]:
    response = await client.get(f"/api/users/{user}/transactions", params=params)
    assert response.status_code == 200, response.text
    found: list[Any] = response.json()
    return found


async def tree(client: httpx.AsyncClient, user: int) -> dict[str, Any]:
    """Group code -> the group, its categories by code."""
    response = await client.get(f"/api/users/{user}/category-groups")
    assert response.status_code == 200, response.text
    return {
        g["code"]: {**g, "categories": {c["code"]: c for c in g["categories"]}}
        for g in response.json()
    }


async def spending(client: httpx.AsyncClient, user: int) -> dict[str | None, str]:
    response = await client.get(f"/api/users/{user}/insights/spending", params={"month": MARCH})
    assert response.status_code == 200, response.text
    return {row["category"]: row["total"] for row in response.json()["categories"]}


async def budget(client: httpx.AsyncClient, user: int) -> dict[tuple[str, str | None], Any]:
    response = await client.get(f"/api/users/{user}/budgets/{MARCH}")
    assert response.status_code == 200, response.text
    return {
        (g["category"], c["subcategory"]): c
        for g in response.json()["groups"]
        for c in g["categories"]
    }


async def test_plaids_categories_are_the_defaults_with_their_names(
    client: httpx.AsyncClient, alice: int
) -> None:
    groups = await tree(client, alice)
    assert len([g for g in groups.values() if g["source"] == "plaid"]) == 16
    assert sum(len(g["categories"]) for g in groups.values()) == 104
    food = groups[FOOD]
    assert food["label"] == "Food and drink"
    assert food["categories"][GROCERIES]["label"] == "Groceries"
    assert food["categories"][GROCERIES]["source"] == "plaid"
    # The old list of what is in use answers as before.
    in_use = (await client.get(f"/api/users/{alice}/categories")).json()
    assert in_use == [{"category": FOOD, "subcategories": [COFFEE, GROCERIES, RESTAURANT]}]


async def test_a_person_makes_groups_and_categories_renames_and_colours(
    client: httpx.AsyncClient, alice: int
) -> None:
    base = f"/api/users/{alice}"
    made = await client.post(f"{base}/category-groups", json={"name": " Home ", "color": "#336699"})
    assert made.status_code == 201, made.text
    assert made.json()["code"] == "Home"
    plants = await client.post(
        f"{base}/categories", json={"name": "Plants", "group": "Home", "color": "#22aa44"}
    )
    assert plants.status_code == 201, plants.text
    assert plants.json() == {
        "code": "Plants",
        "label": "Plants",
        "group": "Home",
        "color": "#22aa44",
        "hidden": False,
        "source": "own",
    }
    renamed = await client.patch(
        f"{base}/categories/{GROCERIES}", json={"label": "Supermarket", "color": "#ff8800"}
    )
    assert renamed.status_code == 200, renamed.text
    hidden = await client.patch(
        f"{base}/categories/FOOD_AND_DRINK_VENDING_MACHINES", json={"hidden": True}
    )
    assert hidden.status_code == 200, hidden.text
    groups = await tree(client, alice)
    assert groups["Home"]["color"] == "#336699"
    assert groups["Home"]["categories"]["Plants"]["color"] == "#22aa44"
    groceries = groups[FOOD]["categories"][GROCERIES]
    assert (groceries["label"], groceries["color"]) == ("Supermarket", "#ff8800")
    assert groups[FOOD]["categories"]["FOOD_AND_DRINK_VENDING_MACHINES"]["hidden"] is True
    # A new name is a label: the transactions, filters and budgets keep the code.
    found = await transactions(client, alice, subcategory=GROCERIES)
    assert {tx["name"] for tx in found} == {"Trader Joe's", "Corner shop", "Costco"}
    # And Plaid's name comes back with a null label.
    back = await client.patch(f"{base}/categories/{GROCERIES}", json={"label": None})
    assert back.json()["label"] == "Groceries"
    # A group's name too.
    group = await client.patch(f"{base}/category-groups/{FOOD}", json={"label": "Eating"})
    assert group.json()["label"] == "Eating"


async def test_a_merge_moves_everything_and_is_counted_so(
    client: httpx.AsyncClient, alice: int
) -> None:
    base = f"/api/users/{alice}"
    assert (
        await client.post(f"{base}/category-groups", json={"name": "Going out"})
    ).status_code == 201
    eating = await client.post(
        f"{base}/categories", json={"name": "Eating out", "group": "Going out"}
    )
    assert eating.status_code == 201, eating.text
    lines = [
        {"category": FOOD, "subcategory": RESTAURANT, "amount": "50.00"},
        {"category": "Going out", "subcategory": "Eating out", "amount": "20.00"},
        {"category": FOOD, "subcategory": GROCERIES, "amount": "200.00"},
    ]
    put = await client.put(f"{base}/budgets/{MARCH}/lines", json={"lines": lines})
    assert put.status_code == 200, put.text
    rule = await client.post(
        f"{base}/rules", json={"match_name": "bistro", "set_subcategory": RESTAURANT}
    )
    assert rule.status_code == 201, rule.text
    assert (await spending(client, alice))[FOOD] == "195.00"

    merged = await client.post(f"{base}/categories/{RESTAURANT}/merge", json={"into": "Eating out"})
    assert merged.status_code == 200, merged.text
    assert merged.json() == {"moved": 2}  # the dinner and the Costco part

    assert await transactions(client, alice, subcategory=RESTAURANT) == []
    eaten = await transactions(client, alice, subcategory="Eating out")
    assert {tx["name"] for tx in eaten} == {"Bistro", "Costco"}
    assert {tx["category"] for tx in eaten if tx["name"] == "Bistro"} == {"Going out"}
    # Counted in its new place: the insights and the budget, with the lines added up.
    totals = await spending(client, alice)
    assert (totals[FOOD], totals["Going out"]) == ("150.00", "45.00")
    lines_now = await budget(client, alice)
    assert (FOOD, RESTAURANT) not in lines_now
    assert lines_now[("Going out", "Eating out")]["budgeted"] == "70.00"
    assert lines_now[("Going out", "Eating out")]["spent"] == "45.00"
    # The rule sets the category kept.
    rules = (await client.get(f"{base}/rules")).json()
    assert (rules[0]["set_category"], rules[0]["set_subcategory"]) == ("Going out", "Eating out")
    # Gone from the list; a revert to Plaid's values lands in the one kept too.
    assert RESTAURANT not in (await tree(client, alice))[FOOD]["categories"]
    bistro = next(tx for tx in eaten if tx["name"] == "Bistro")
    reverted = await client.post(f"/api/transactions/{bistro['id']}/revert")
    assert (reverted.json()["category"], reverted.json()["subcategory"]) == (
        "Going out",
        "Eating out",
    )
    # Applying the rules again from Plaid's values keeps the merge.
    assert (await client.post(f"{base}/rules/apply")).status_code == 200
    assert await transactions(client, alice, subcategory=RESTAURANT) == []


async def test_moving_a_category_to_another_group_takes_its_transactions(
    client: httpx.AsyncClient, alice: int
) -> None:
    base = f"/api/users/{alice}"
    await client.post(f"{base}/category-groups", json={"name": "Treats"})
    lines = [{"category": FOOD, "subcategory": COFFEE, "amount": "10.00"}]
    await client.put(f"{base}/budgets/{MARCH}/lines", json={"lines": lines})
    moved = await client.patch(f"{base}/categories/{COFFEE}", json={"group": "Treats"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["group"] == "Treats"
    assert moved.json()["label"] == "Coffee"
    cafe = await transactions(client, alice, subcategory=COFFEE)
    assert [tx["category"] for tx in cafe] == ["Treats"]
    assert (await spending(client, alice))["Treats"] == "5.00"
    assert (await budget(client, alice))[("Treats", COFFEE)]["budgeted"] == "10.00"
    groups = await tree(client, alice)
    assert COFFEE in groups["Treats"]["categories"]
    assert COFFEE not in groups[FOOD]["categories"]


async def test_deleting_ones_own_category_gives_plaids_back(
    client: httpx.AsyncClient, alice: int
) -> None:
    base = f"/api/users/{alice}"
    await client.post(f"{base}/categories", json={"name": "Big shop", "group": FOOD})
    trader = (await transactions(client, alice, q="Trader"))[0]
    edit = await client.patch(f"/api/transactions/{trader['id']}", json={"subcategory": "Big shop"})
    assert edit.status_code == 200, edit.text
    gone = await client.delete(f"{base}/categories/Big shop")
    assert gone.status_code == 204, gone.text
    assert (await transactions(client, alice, q="Trader"))[0]["subcategory"] == GROCERIES
    assert "Big shop" not in (await tree(client, alice))[FOOD]["categories"]


REFUSED: list[tuple[str, str, Any, int]] = [
    ("POST", "categories", {"name": "", "group": FOOD}, 422),
    ("POST", "categories", {"name": "   ", "group": FOOD}, 422),
    ("POST", "categories", {"name": "x" * 100, "group": FOOD}, 422),
    ("POST", "categories", {"name": "a/b", "group": FOOD}, 422),
    ("POST", "categories", {"name": "groceries", "group": FOOD}, 409),
    ("POST", "categories", {"name": "Fine", "group": "NO_SUCH_GROUP"}, 422),
    ("POST", "categories", {"name": "Fine", "group": FOOD, "color": "red"}, 422),
    ("POST", "category-groups", {"name": "food and drink"}, 409),
    ("PATCH", f"categories/{COFFEE}", {"label": "Restaurant"}, 409),
    ("PATCH", f"categories/{COFFEE}", {"group": "NOPE"}, 422),
    ("PATCH", "categories/NO_SUCH_CATEGORY", {"label": "X"}, 404),
    ("POST", f"categories/{COFFEE}/merge", {"into": COFFEE}, 422),
    ("POST", f"categories/{COFFEE}/merge", {"into": "NO_SUCH_CATEGORY"}, 422),
    ("POST", "categories/NO_SUCH_CATEGORY/merge", {"into": COFFEE}, 404),
    ("DELETE", f"categories/{COFFEE}", None, 422),
    ("DELETE", f"category-groups/{FOOD}", None, 422),
]


@pytest.mark.parametrize(("method", "path", "body", "status"), REFUSED)
async def test_bad_requests_are_refused_in_words_and_change_nothing(
    client: httpx.AsyncClient, alice: int, method: str, path: str, body: Any, status: int
) -> None:
    before = await tree(client, alice)
    rows = await transactions(client, alice)
    response = await client.request(method, f"/api/users/{alice}/{path}", json=body)
    assert response.status_code == status, response.text
    assert response.json()["error"]["message"]
    assert await tree(client, alice) == before
    assert await transactions(client, alice) == rows


async def test_a_group_with_categories_and_a_category_a_rule_uses_stay(
    client: httpx.AsyncClient, alice: int
) -> None:
    base = f"/api/users/{alice}"
    await client.post(f"{base}/category-groups", json={"name": "Home"})
    await client.post(f"{base}/categories", json={"name": "Plants", "group": "Home"})
    refused = await client.delete(f"{base}/category-groups/Home")
    assert refused.status_code == 409
    assert "move them first" in refused.json()["error"]["message"]
    await client.post(f"{base}/rules", json={"match_name": "ikea", "set_subcategory": "Plants"})
    refused = await client.delete(f"{base}/categories/Plants")
    assert refused.status_code == 409
    assert "rule" in refused.json()["error"]["message"]
    assert "Plants" in (await tree(client, alice))["Home"]["categories"]


async def test_another_persons_categories_are_theirs(client: httpx.AsyncClient, alice: int) -> None:
    base = f"/api/users/{alice}"
    await client.patch(f"{base}/categories/{GROCERIES}", json={"label": "Supermarket"})
    bob = await sign_up_and_log_in(client, username="bob")
    assert (await tree(client, int(bob["id"])))[FOOD]["categories"][GROCERIES][
        "label"
    ] == "Groceries"
    for method, path, body in [
        ("PATCH", f"categories/{GROCERIES}", {"label": "Mine"}),
        ("POST", f"categories/{RESTAURANT}/merge", {"into": GROCERIES}),
        ("GET", "category-groups", None),
    ]:
        response = await client.request(method, f"{base}/{path}", json=body)
        assert response.status_code == 404, (path, response.text)
    await log_in(client, "alice")
    groceries = (await tree(client, alice))[FOOD]["categories"][GROCERIES]
    assert groceries["label"] == "Supermarket"
    assert RESTAURANT in (await tree(client, alice))[FOOD]["categories"]


async def test_a_merge_into_text_in_use_is_kept_for_later(
    client: httpx.AsyncClient, alice: int
) -> None:
    """A category typed in an edit (not made on the Categories page) can be merged into;
    a transaction put back to Plaid's values lands in it afterwards too."""
    base = f"/api/users/{alice}"
    trader = (await transactions(client, alice, q="Trader"))[0]
    edit = await client.patch(
        f"/api/transactions/{trader['id']}", json={"subcategory": "Coffee shops"}
    )
    assert edit.status_code == 200, edit.text
    assert (await tree(client, alice))[FOOD]["categories"]["Coffee shops"]["source"] == "found"
    merged = await client.post(f"{base}/categories/{COFFEE}/merge", json={"into": "Coffee shops"})
    assert merged.status_code == 200, merged.text
    cafe = next(tx for tx in await transactions(client, alice) if tx["name"] == "Cafe")
    assert cafe["subcategory"] == "Coffee shops"
    reverted = await client.post(f"/api/transactions/{cafe['id']}/revert")
    assert reverted.json()["subcategory"] == "Coffee shops"
