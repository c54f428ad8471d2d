"""Insights against a known set of transactions, each figure recomputed here from the seed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in

TODAY = date.today()


def month_start(offset: int) -> date:
    """The first day of the month `offset` months from this one (negative: earlier)."""
    index = TODAY.year * 12 + TODAY.month - 1 + offset
    return date(index // 12, index % 12 + 1, 1)


def label(day: date) -> str:
    return day.strftime("%Y-%m")


def last_day(offset: int) -> date:
    return month_start(offset + 1) - timedelta(days=1)


@dataclass(frozen=True)
class Seed:
    name: str
    merchant: str | None
    amount: str
    month: int  # months from the current one
    day: int
    category: str | None
    subcategory: str | None
    pfc: str | None = None
    pending: bool = False
    hidden: bool = False
    owner: str = "alice"
    account: str = "checking"

    @property
    def date(self) -> date:
        return month_start(self.month) + timedelta(days=self.day - 1)

    @property
    def value(self) -> Decimal:
        return Decimal(self.amount)


SEEDS = [
    Seed("Starbucks #12", "Starbucks", "4.50", 0, 3, "Food and Drink", "Coffee Shop", "FOOD"),
    Seed("Starbucks #99", "Starbucks", "5.25", -1, 10, "Food and Drink", "Coffee Shop", "FOOD"),
    Seed("Blue Bottle", None, "6.75", 0, 5, "Food and Drink", "Coffee Shop", account="card"),
    Seed("Chipotle", "Chipotle", "12.40", 0, 6, "Food and Drink", "Restaurants", pending=True),
    Seed("Whole Foods 1", "Whole Foods", "82.10", -2, 14, "Shops", "Supermarkets", "FOOD"),
    Seed("Whole Foods 2", "Whole Foods", "45.99", 0, 1, "Shops", "Supermarkets", account="card"),
    Seed("Amazon", "Amazon", "23.00", -1, 20, "Shops", None, "GENERAL_MERCHANDISE"),
    Seed("Mystery charge", None, "7.77", 0, 9, None, None),
    Seed("Uber 1", "Uber", "12.00", -1, 2, "Travel", "Taxi", "TRANSPORTATION", account="card"),
    Seed("Refund Uber", "Uber", "-12.00", -1, 4, "Travel", "Taxi", account="card"),
    Seed("United", "United", "500.00", -13, 15, "Travel", "Airlines", "TRAVEL", account="card"),
    Seed("ACME Payroll 1", None, "-2500.00", 0, 1, "Transfer", "Payroll", "INCOME"),
    Seed("ACME Payroll 2", None, "-2500.00", -1, 1, "Transfer", "Payroll", "INCOME"),
    Seed("ACME Payroll 3", None, "-2400.00", -3, 1, "Transfer", "Payroll"),
    Seed("Interest", None, "-1.23", -1, 28, "Interest", "Interest Earned", "INCOME"),
    Seed("Pending deposit", None, "-100.00", 0, 8, None, None, "INCOME", pending=True),
    # Transfers between the person's own accounts, by each route of the rule.
    Seed("To savings", None, "300.00", 0, 2, "Transfer", "Debit", "TRANSFER_OUT"),
    Seed("From savings", None, "-200.00", -1, 3, "Transfer", "Credit"),
    Seed("Venmo self", None, "40.00", -2, 7, "Transfer", None),
    Seed("Edited transfer", None, "15.00", 0, 4, "transfer", "debit"),
    # Categories are Plaid's personal finance categories; a few rows are still in the legacy
    # taxonomy (migration 0013 maps what the data allows).
    Seed("Card payment", None, "650.00", 0, 12, "LOAN_PAYMENTS", "LOAN_PAYMENTS_CREDIT_CARD"),
    Seed(
        "Payment received",
        None,
        "-650.00",
        0,
        12,
        "TRANSFER_IN",
        "TRANSFER_IN_ACCOUNT_TRANSFER",
        account="card",
    ),
    Seed("Moved in", "Bank", "-70.00", -1, 5, "TRANSFER_IN", None),
    # Hidden: never counted.
    Seed("Hidden thing", "Hidden Store", "99.99", 0, 7, "Shops", None, hidden=True),
    Seed("Hidden refund", None, "-50.00", 0, 7, "Shops", None, hidden=True),
    # Someone else's.
    Seed("Bob coffee", "Starbucks", "1000.00", 0, 3, "Food and Drink", "Coffee Shop", owner="bob"),
    Seed("Bob payroll", None, "-9999.00", 0, 1, "Transfer", "Payroll", owner="bob"),
]


# The rule, written out again from its definition.
def counted(seed: Seed, owner: str = "alice") -> bool:
    legacy = ((seed.category or "").lower(), (seed.subcategory or "").lower())
    transfer = seed.category in {"TRANSFER_IN", "TRANSFER_OUT", "LOAN_PAYMENTS"} or (
        legacy[0] == "transfer" and legacy[1] != "payroll"
    )
    return seed.owner == owner and not seed.hidden and not transfer


def spent(start: date | None, end: date | None, owner: str = "alice") -> list[Seed]:
    return [
        seed
        for seed in SEEDS
        if counted(seed, owner)
        and seed.value > 0
        and (start is None or seed.date >= start)
        and (end is None or seed.date <= end)
    ]


def in_month(seeds: list[Seed], offset: int) -> list[Seed]:
    return [seed for seed in seeds if seed.month == offset]


def total(seeds: list[Seed]) -> Decimal:
    return sum((seed.value for seed in seeds), Decimal("0.00"))


@pytest.fixture
async def seeded(client: httpx.AsyncClient, app: PatternApp, new_client: Any) -> dict[str, Any]:
    alice = await sign_up_and_log_in(client)
    bob_client = new_client()
    bob = await sign_up_and_log_in(bob_client, "bob")
    async with app.parts.sessionmaker() as session:
        accounts: dict[tuple[str, str], int] = {}
        for owner, user in (("alice", alice), ("bob", bob)):
            bank = await make_item(session, int(user["id"]))
            cards = await make_item(session, int(user["id"]), institution_name="Card Co")
            checking = await make_account(session, bank.id)
            card = await make_account(session, cards.id, name="Card", type="credit")
            accounts[owner, "checking"], accounts[owner, "card"] = checking.id, card.id
        for seed in SEEDS:
            await make_transaction(
                session,
                accounts[seed.owner, seed.account],
                name=seed.name,
                merchant_name=seed.merchant,
                amount=seed.value,
                date=seed.date,
                category=seed.category,
                subcategory=seed.subcategory,
                pending=seed.pending,
                hidden=seed.hidden,
            )
        await session.commit()
    return {"alice": alice["id"], "bob": bob["id"], "bob_client": bob_client}


async def get(client: httpx.AsyncClient, user_id: int, route: str, **params: Any) -> Any:
    response = await client.get(f"/api/users/{user_id}/insights/{route}", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def spending_tree(seeds: list[Seed]) -> dict[str | None, Any]:
    tree: dict[str | None, dict[str | None, list[Seed]]] = defaultdict(lambda: defaultdict(list))
    for seed in seeds:
        tree[seed.category][seed.subcategory].append(seed)
    return {
        category: (
            str(total([s for subs in by_sub.values() for s in subs])),
            sum(len(subs) for subs in by_sub.values()),
            {sub: (str(total(subs)), len(subs)) for sub, subs in by_sub.items()},
        )
        for category, by_sub in tree.items()
    }


def answered_tree(body: dict[str, Any]) -> dict[str | None, Any]:
    return {
        row["category"]: (
            row["total"],
            row["count"],
            {sub["subcategory"]: (sub["total"], sub["count"]) for sub in row["subcategories"]},
        )
        for row in body["categories"]
    }


async def test_spending_by_category(client: httpx.AsyncClient, seeded: dict[str, Any]) -> None:
    alice = seeded["alice"]
    this_month = await get(client, alice, "spending")
    expected = spent(month_start(0), last_day(0))
    assert this_month["start_date"] == month_start(0).isoformat()
    assert this_month["end_date"] == last_day(0).isoformat()
    assert this_month["total"] == str(total(expected))
    assert this_month["count"] == len(expected)
    assert answered_tree(this_month) == spending_tree(expected)
    totals = [Decimal(row["total"]) for row in this_month["categories"]]
    assert totals == sorted(totals, reverse=True)
    assert None in answered_tree(this_month)  # uncategorized spending stays, as null

    last_month = await get(client, alice, "spending", month=label(month_start(-1)))
    assert answered_tree(last_month) == spending_tree(spent(month_start(-1), last_day(-1)))
    assert answered_tree(last_month)["Shops"][2] == {None: ("23.00", 1)}

    start, end = month_start(-2) + timedelta(days=9), month_start(0) + timedelta(days=4)
    ranged = await get(
        client, alice, "spending", start_date=start.isoformat(), end_date=end.isoformat()
    )
    assert ranged["total"] == str(total(spent(start, end)))
    assert answered_tree(ranged) == spending_tree(spent(start, end))

    since = await get(client, alice, "spending", start_date=month_start(-13).isoformat())
    assert since["end_date"] is None
    assert since["total"] == str(total(spent(month_start(-13), None)))

    empty = await get(client, alice, "spending", month=label(month_start(-6)))
    assert empty == {
        "start_date": month_start(-6).isoformat(),
        "end_date": last_day(-6).isoformat(),
        "currency": "USD",
        "currencies": ["USD"],
        "total": "0.00",
        "count": 0,
        "categories": [],
    }

    bob = await get(seeded["bob_client"], seeded["bob"], "spending")
    assert bob["total"] == "1000.00"
    # The admin may look at anyone's insights.
    assert (await get(client, seeded["bob"], "spending"))["total"] == "1000.00"


async def test_monthly_totals(client: httpx.AsyncClient, seeded: dict[str, Any]) -> None:
    for months in (12, 60, 1):
        body = await get(client, seeded["alice"], "monthly", months=months)
        offsets = range(-months + 1, 1)
        assert [row["month"] for row in body["months"]] == [label(month_start(o)) for o in offsets]
        assert body["start_date"] == month_start(-months + 1).isoformat()
        assert body["end_date"] == last_day(0).isoformat()
        mine = [seed for seed in SEEDS if counted(seed) and seed.month > -months]
        for offset, row in zip(offsets, body["months"], strict=True):
            income = -total([s for s in in_month(mine, offset) if s.value < 0])
            spending = total([s for s in in_month(mine, offset) if s.value > 0])
            assert row == {
                "month": label(month_start(offset)),
                "income": str(income),
                "spending": str(spending),
                "net": str(income - spending),
            }
        income = -total([s for s in mine if s.value < 0])
        spending = total([s for s in mine if s.value > 0])
        assert (body["income"], body["spending"]) == (str(income), str(spending))
        assert body["net"] == str(income - spending)
    default = await get(client, seeded["alice"], "monthly")
    assert len(default["months"]) == 12
    assert default["months"][-7] == {
        "month": label(month_start(-6)),
        "income": "0.00",
        "spending": "0.00",
        "net": "0.00",
    }
    assert default["months"][-1]["income"] == "2600.00"  # payroll and the pending deposit


async def test_category_trends(client: httpx.AsyncClient, seeded: dict[str, Any]) -> None:
    alice = seeded["alice"]
    body = await get(client, alice, "trends", months=6)
    offsets = range(-5, 1)
    assert body["months"] == [label(month_start(o)) for o in offsets]
    window = spent(month_start(-5), None)
    expected = {
        category: [
            str(total([s for s in in_month(window, o) if s.category == category])) for o in offsets
        ]
        for category in {seed.category for seed in window}
    }
    answered = {
        row["category"]: [point["spending"] for point in row["series"]]
        for row in body["categories"]
    }
    assert answered == expected
    for row in body["categories"]:
        assert [point["month"] for point in row["series"]] == body["months"]
        assert row["total"] == str(sum(Decimal(point["spending"]) for point in row["series"]))
    totals = [Decimal(row["total"]) for row in body["categories"]]
    assert totals == sorted(totals, reverse=True)

    only = await get(client, alice, "trends", category=["travel", "Gifts"], months=24)
    assert [row["category"] for row in only["categories"]] == ["Travel", "Gifts"]
    travel, gifts = only["categories"]
    assert travel["total"] == "512.00"  # United 13 months ago and one Uber ride, not the refund
    assert travel["series"][-14]["spending"] == "500.00"
    assert len(gifts["series"]) == 24
    assert {point["spending"] for point in gifts["series"]} == {"0.00"}


async def test_top_merchants(client: httpx.AsyncClient, seeded: dict[str, Any]) -> None:
    alice = seeded["alice"]
    for months in (12, 60):
        mine = spent(month_start(-months + 1), None)
        by_merchant: dict[str, list[Seed]] = defaultdict(list)
        for seed in mine:
            by_merchant[seed.merchant or seed.name].append(seed)
        expected = sorted(
            ((name, len(seeds), total(seeds)) for name, seeds in by_merchant.items()),
            key=lambda row: (-row[2], row[0]),
        )
        body = await get(client, alice, "merchants", months=months, limit=100)
        answered = [(row["merchant"], row["count"], row["total"]) for row in body["merchants"]]
        assert answered == [(name, count, str(amount)) for name, count, amount in expected]
    top = await get(client, alice, "merchants", limit=3)
    assert top["merchants"] == [
        {"merchant": "Whole Foods", "count": 2, "total": "128.09"},
        {"merchant": "Amazon", "count": 1, "total": "23.00"},
        {"merchant": "Chipotle", "count": 1, "total": "12.40"},
    ]
    merchants = {seed.merchant or seed.name for seed in spent(month_start(-11), None)}
    assert len((await get(client, alice, "merchants"))["merchants"]) == min(len(merchants), 10)
    assert top["start_date"] == month_start(-11).isoformat()


async def test_currencies_are_never_added_together(
    client: httpx.AsyncClient, app: PatternApp, seeded: dict[str, Any]
) -> None:
    alice = seeded["alice"]
    async with app.parts.sessionmaker() as session:
        euro_bank = await make_item(session, int(alice), institution_name="Euro Bank")
        euros = await make_account(session, euro_bank.id, iso_currency_code="EUR")
        for name, amount, day in (("Boulangerie", "3.10", 2), ("Loyer", "900.00", 3)):
            await make_transaction(
                session,
                euros.id,
                name=name,
                merchant_name=name,
                amount=Decimal(amount),
                date=month_start(0) + timedelta(days=day),
                category="Food and Drink" if name == "Boulangerie" else "Rent",
                subcategory=None,
                iso_currency_code="EUR",
            )
        await session.commit()

    # Two accounts in dollars, one in euros: dollars unless euros are asked for.
    dollars = await get(client, alice, "spending")
    assert (dollars["currency"], dollars["currencies"]) == ("USD", ["USD", "EUR"])
    assert dollars["total"] == str(total(spent(month_start(0), last_day(0))))
    for asked in ("EUR", "eur"):
        euro = await get(client, alice, "spending", currency=asked)
        assert (euro["currency"], euro["total"], euro["count"]) == ("EUR", "903.10", 2)
    monthly = await get(client, alice, "monthly", months=1, currency="EUR")
    assert (monthly["spending"], monthly["income"]) == ("903.10", "0.00")
    trends = await get(client, alice, "trends", months=1, currency="EUR")
    assert {row["category"]: row["total"] for row in trends["categories"]} == {
        "Rent": "900.00",
        "Food and Drink": "3.10",
    }
    merchants = await get(client, alice, "merchants", currency="EUR")
    assert [row["merchant"] for row in merchants["merchants"]] == ["Loyer", "Boulangerie"]
    usd_merchants = await get(client, alice, "merchants", limit=100)
    assert not {"Loyer", "Boulangerie"} & {row["merchant"] for row in usd_merchants["merchants"]}
    # A currency the person has none of: nothing, in that currency.
    none = await get(client, alice, "spending", currency="JPY")
    assert (none["currency"], none["total"], none["count"]) == ("JPY", "0.00", 0)


ROUTES = ("spending", "monthly", "trends", "merchants")


async def test_only_the_owner_and_only_logged_in(
    client: httpx.AsyncClient, seeded: dict[str, Any], new_client: Any
) -> None:
    anonymous = new_client("192.0.2.9")
    for route in ROUTES:
        other = await seeded["bob_client"].get(f"/api/users/{seeded['alice']}/insights/{route}")
        assert other.status_code == 404, other.text
        assert other.json()["error"]["code"] == "not_found"
        nobody = await anonymous.get(f"/api/users/{seeded['alice']}/insights/{route}")
        assert nobody.status_code == 401, nobody.text


BAD: list[tuple[str, dict[str, Any], str]] = [
    ("spending", {"month": "2024-13"}, "month"),
    ("spending", {"month": "January"}, "month"),
    ("spending", {"month": "2024-01", "start_date": "2024-01-01"}, "month"),
    ("spending", {"start_date": "2024-02-01", "end_date": "2024-01-31"}, "start_date"),
    ("spending", {"end_date": "2024-02-30"}, "end_date"),
    ("monthly", {"months": "0"}, "months"),
    ("monthly", {"months": "61"}, "months"),
    ("monthly", {"months": "twelve"}, "months"),
    ("trends", {"months": "61"}, "months"),
    ("trends", {"category": "x" * 256}, "category"),
    ("trends", {"category": [str(n) for n in range(51)]}, "category"),
    ("merchants", {"months": "0"}, "months"),
    ("merchants", {"limit": "0"}, "limit"),
    ("merchants", {"limit": "101"}, "limit"),
    ("spending", {"currency": "€UR"}, "currency"),
    ("monthly", {"currency": "EU"}, "currency"),
    ("merchants", {"currency": "x" * 17}, "currency"),
]


async def test_bad_parameters_are_422_naming_the_parameter(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    for route, params, parameter in BAD:
        response = await client.get(f"/api/users/{seeded['alice']}/insights/{route}", params=params)
        assert response.status_code == 422, (route, params, response.text)
        assert response.json()["error"]["field"].split(".")[0] == parameter, (route, params)
