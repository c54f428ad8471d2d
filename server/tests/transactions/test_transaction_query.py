"""Filters and the search language, alone and combined, against a known set of transactions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in

# name, merchant, amount, date, category, subcategory, account, pending, hidden
KNOWN = [
    (
        "Starbucks Coffee",
        "Starbucks",
        "4.50",
        "2024-01-03",
        "Food and Drink",
        "Coffee Shop",
        "checking",
        False,
        False,
    ),
    (
        "Blue Bottle Coffee",
        "Blue Bottle",
        "6.25",
        "2024-02-10",
        "Food and Drink",
        "Coffee Shop",
        "card",
        False,
        False,
    ),
    (
        "Uber 063015 SF**POOL**",
        "Uber",
        "12.00",
        "2024-01-20",
        "Travel",
        "Taxi",
        "card",
        False,
        False,
    ),
    ("Lyft Ride", "Lyft", "18.75", "2024-02-01", "Travel", "Taxi", "card", True, False),
    (
        "United Airlines",
        "United",
        "500.00",
        "2023-12-30",
        "Travel",
        "Airlines",
        "card",
        False,
        False,
    ),
    (
        "Payroll Deposit",
        None,
        "-2500.00",
        "2024-01-31",
        "Transfer",
        "Payroll",
        "checking",
        False,
        False,
    ),
    (
        "Whole Foods Market",
        "Whole Foods",
        "82.10",
        "2024-02-14",
        "Shops",
        "Supermarkets",
        "checking",
        False,
        False,
    ),
    ("Refund Uber", "Uber", "-12.00", "2024-01-22", "Travel", "Taxi", "card", False, False),
    ("Gym 100%_fit", None, "45.00", "2024-01-05", "Recreation", "Gyms", "checking", False, False),
    ("Hidden thing", None, "1.00", "2024-01-06", "Shops", None, "checking", False, True),
]


@pytest.fixture
async def seeded(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        checking = await make_account(session, item.id, name="Everyday Checking")
        card = await make_account(session, item.id, name="Platinum Card", type="credit")
        accounts = {"checking": checking.id, "card": card.id}
        for name, merchant, amount, day, category, sub, account, pending, hidden in KNOWN:
            await make_transaction(
                session,
                accounts[account],
                name=name,
                merchant_name=merchant,
                amount=Decimal(amount),
                date=date.fromisoformat(day),
                category=category,
                subcategory=sub,
                pending=pending,
                hidden=hidden,
            )
        await session.commit()
    return {"user": user, "item_id": item.id, **accounts}


async def names(client: httpx.AsyncClient, seeded: dict[str, Any], **params: Any) -> list[str]:
    response = await client.get(f"/api/users/{seeded['user']['id']}/transactions", params=params)
    assert response.status_code == 200, response.text
    rows = response.json()
    assert int(response.headers["X-Total-Count"]) == len(rows)
    return [row["name"] for row in rows]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "coffee"}, {"Starbucks Coffee", "Blue Bottle Coffee"}),
        ({"q": "COFFEE starbucks"}, {"Starbucks Coffee"}),
        ({"q": "uber"}, {"Uber 063015 SF**POOL**", "Refund Uber"}),
        ({"q": "OR(lyft united)"}, {"Lyft Ride", "United Airlines"}),
        ({"q": "travel NOT(uber lyft)"}, {"United Airlines"}),
        ({"q": "NOT(travel food shops recreation)"}, {"Payroll Deposit"}),
        (
            {"q": "category:travel"},
            {"Uber 063015 SF**POOL**", "Lyft Ride", "United Airlines", "Refund Uber"},
        ),
        ({"q": "subcategory:taxi NOT(refund)"}, {"Uber 063015 SF**POOL**", "Lyft Ride"}),
        (
            {"q": 'category:"food and drink" OR(starbucks bottle)'},
            {"Starbucks Coffee", "Blue Bottle Coffee"},
        ),
        ({"q": "Jan 2024 travel"}, {"Uber 063015 SF**POOL**", "Refund Uber"}),
        ({"q": "2024-02"}, {"Blue Bottle Coffee", "Lyft Ride", "Whole Foods Market"}),
        ({"q": "12.00"}, {"Uber 063015 SF**POOL**", "Refund Uber"}),
        ({"q": "2500"}, {"Payroll Deposit"}),
        ({"q": "platinum 500"}, {"United Airlines"}),
        ({"q": "everyday gym"}, {"Gym 100%_fit"}),
        ({"q": "100%_"}, {"Gym 100%_fit"}),
        ({"q": "%"}, {"Gym 100%_fit"}),
        ({"q": '"whole foods"'}, {"Whole Foods Market"}),
        # A phrase is looked for in each field: not across name and merchant, nor across
        # category and subcategory ("Starbucks Coffee", "Starbucks", "Food and Drink", ...).
        ({"q": '"coffee starbucks"'}, set()),
        ({"q": '"drink coffee"'}, set()),
        ({"q": "nothing-matches-this"}, set()),
        # Numbers no amount can equal are searched as words only; the last month searched.
        ({"q": "12.005"}, set()),
        ({"q": "1e-999999999"}, set()),
        ({"q": "9999-11 OR(nov 9999)"}, set()),
        ({"month": "2023-12"}, {"United Airlines"}),
        (
            {"start_date": "2024-02-01", "end_date": "2024-02-10"},
            {"Lyft Ride", "Blue Bottle Coffee"},
        ),
        (
            {"category": ["Travel", "Recreation"], "subcategory": "taxi"},
            {"Uber 063015 SF**POOL**", "Lyft Ride", "Refund Uber"},
        ),
        (
            {"min_amount": "10", "max_amount": "100"},
            {"Uber 063015 SF**POOL**", "Lyft Ride", "Whole Foods Market", "Gym 100%_fit"},
        ),
        ({"max_amount": "0"}, {"Payroll Deposit", "Refund Uber"}),
        ({"pending": "true"}, {"Lyft Ride"}),
        ({"hidden": "true"}, {"Hidden thing"}),
        (
            {"q": "travel", "pending": "false", "month": "2024-01"},
            {"Uber 063015 SF**POOL**", "Refund Uber"},
        ),
    ],
)
async def test_filters_and_search(
    client: httpx.AsyncClient, seeded: dict[str, Any], params: dict[str, Any], expected: set[str]
) -> None:
    assert set(await names(client, seeded, **params)) == expected


async def test_account_and_item_filters(client: httpx.AsyncClient, seeded: dict[str, Any]) -> None:
    card = await names(client, seeded, account=seeded["card"])
    assert len(card) == 5
    both = await names(client, seeded, account=[seeded["card"], seeded["checking"]])
    assert len(both) == 9
    assert len(await names(client, seeded, item=seeded["item_id"])) == 9
    assert await names(client, seeded, item=seeded["item_id"] + 1000) == []


async def test_sorting_and_paging(client: httpx.AsyncClient, seeded: dict[str, Any]) -> None:
    by_date = await names(client, seeded)
    assert by_date[0] == "Whole Foods Market"
    assert by_date[-1] == "United Airlines"
    by_amount = await names(client, seeded, sort="amount", order="asc")
    assert by_amount[0] == "Payroll Deposit"
    assert by_amount[-1] == "United Airlines"
    by_name = await names(client, seeded, sort="name", order="asc")
    assert by_name == sorted(by_name)
    path = f"/api/users/{seeded['user']['id']}/transactions"
    for sort, key in (("category", "category"), ("account", "account_name")):
        for order in ("asc", "desc"):
            rows = (await client.get(path, params={"sort": sort, "order": order})).json()
            keys = [row[key] or "" for row in rows]
            assert keys == sorted(keys, reverse=order == "desc"), (sort, order)
            assert len(set(keys)) > 1
    page = await client.get(
        path, params={"sort": "amount", "order": "asc", "limit": 3, "offset": 3}
    )
    assert page.headers["X-Total-Count"] == "9"
    assert [row["name"] for row in page.json()] == by_amount[3:6]


@pytest.mark.parametrize(
    ("params", "rows", "total"),
    [
        ({"limit": 4}, 4, 9),  # a full first page: counted apart
        ({"limit": 4, "offset": 8}, 1, 9),  # the last page tells the total itself
        ({"limit": 4, "offset": 9}, 0, 9),  # past the end: counted
        ({"limit": 4, "offset": 50}, 0, 9),
        ({"limit": 50}, 9, 9),
        ({"limit": 2, "q": "coffee"}, 2, 2),
        ({"limit": 1, "q": "coffee"}, 1, 2),
        ({"limit": 5, "q": "nothing-matches-this"}, 0, 0),
    ],
)
async def test_total_count_on_every_page(
    client: httpx.AsyncClient,
    seeded: dict[str, Any],
    params: dict[str, Any],
    rows: int,
    total: int,
) -> None:
    page = await client.get(f"/api/users/{seeded['user']['id']}/transactions", params=params)
    assert page.status_code == 200
    assert len(page.json()) == rows
    assert page.headers["X-Total-Count"] == str(total)


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"start_date": "2024-13-01"}, "start_date"),
        ({"start_date": "2024-02-01", "end_date": "2024-01-01"}, "start_date"),
        ({"month": "January"}, "month"),
        ({"month": "2024-13"}, "month"),
        ({"min_amount": "lots"}, "min_amount"),
        ({"min_amount": "NaN"}, "min_amount"),
        ({"min_amount": "5", "max_amount": "1"}, "min_amount"),
        ({"account": "one"}, "account"),
        ({"pending": "maybe"}, "pending"),
        ({"sort": "colour"}, "sort"),
        ({"order": "sideways"}, "order"),
        ({"limit": "0"}, "limit"),
        ({"limit": "100000"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"q": "OR(uber"}, "q"),
        ({"q": "NOT(OR(a) b)"}, "q"),
        ({"q": "uber)"}, "q"),
        ({"q": "x" * 501}, "q"),
        ({"q": "category:"}, "q"),
        ({"q": '"whole foods'}, "q"),  # an unclosed quote matched nothing, silently
        ({"q": "NOT()"}, "q"),  # matched everything
        ({"q": "coffee OR( )"}, "q"),
        ({"month": "2024-01", "start_date": "2024-03-01"}, "month"),  # no day is in both
        ({"month": "2024-03", "end_date": "2024-02-29"}, "month"),
        ({"category": "c" * 300}, "category"),
        ({"category": ["c"] * 101}, "category"),
    ],
)
async def test_bad_parameters_are_422_naming_the_field(
    client: httpx.AsyncClient, seeded: dict[str, Any], params: dict[str, Any], parameter: str
) -> None:
    response = await client.get(f"/api/users/{seeded['user']['id']}/transactions", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"].split(".")[0] == parameter


@pytest.mark.parametrize(
    ("q", "said"),
    [
        ("OR(uber", "OR( is not closed with ')'."),
        ('"whole foods', 'A quote (") is not closed.'),
        ("NOT()", "NOT() is empty: put words inside."),
    ],
)
async def test_a_search_mistake_is_told_in_a_sentence_for_the_search_box(
    client: httpx.AsyncClient, seeded: dict[str, Any], q: str, said: str
) -> None:
    response = await client.get(f"/api/users/{seeded['user']['id']}/transactions", params={"q": q})
    assert response.status_code == 422, response.text
    assert response.json()["error"] == {"code": "invalid_input", "message": said, "field": "q"}
