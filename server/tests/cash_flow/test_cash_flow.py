"""Cash flow against a known set of transactions: each figure recomputed here from the
seed, and each figure's transactions asked of the transactions list, as the web app's
click-through does."""

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


def label(offset: int) -> str:
    return month_start(offset).strftime("%Y-%m")


@dataclass(frozen=True)
class Seed:
    name: str
    amount: str
    month: int  # months from the current one
    category: str | None
    subcategory: str | None
    hidden: bool = False
    owner: str = "alice"
    day: int = 3
    currency: str = "USD"

    @property
    def value(self) -> Decimal:
        return Decimal(self.amount)


def spend(n: int, category: str | None, amount: str, month: int = -1) -> Seed:
    return Seed(f"Spend {category} {n}", amount, month, category, None)


INCOME = "INCOME"
SEEDS = [
    # Last month: more sources and groups than the chart shows, so some become "other".
    Seed("Payroll 1", "-2500.00", -1, INCOME, "INCOME_WAGES", day=1),
    Seed("Payroll 2", "-2500.00", -1, INCOME, "INCOME_WAGES", day=15),
    Seed("Dividends", "-120.00", -1, INCOME, "INCOME_DIVIDENDS"),
    Seed("Interest", "-3.10", -1, INCOME, "INCOME_INTEREST_EARNED"),
    Seed("Side gig", "-400.00", -1, INCOME, "income_other_income"),
    Seed("Side gig 2", "-50.00", -1, INCOME, "INCOME_OTHER_INCOME"),  # one source, any case
    Seed("Tax refund", "-310.00", -1, "GOVERNMENT_AND_NON_PROFIT", "TAX_REFUND"),
    Seed("Shoe refund", "-60.00", -1, "GENERAL_MERCHANDISE", "GENERAL_MERCHANDISE_SHOES"),
    Seed("Mystery deposit", "-25.00", -1, None, None),
    spend(1, "RENT_AND_UTILITIES", "1800.00"),
    spend(2, "RENT_AND_UTILITIES", "95.40"),
    spend(3, "FOOD_AND_DRINK", "412.77"),
    spend(4, "food_and_drink", "12.00"),  # the same group, any case
    spend(5, "TRANSPORTATION", "160.00"),
    spend(6, "ENTERTAINMENT", "75.00"),
    spend(7, "GENERAL_MERCHANDISE", "230.10"),
    spend(8, "MEDICAL", "45.00"),
    spend(9, "PERSONAL_CARE", "38.00"),
    spend(10, "TRAVEL", "600.00"),
    spend(11, "BANK_FEES", "5.00"),
    spend(12, None, "7.77"),
    spend(13, "HOME_IMPROVEMENT", "64.30"),
    # Never counted: hidden, transfers between the person's own accounts, someone else's.
    Seed("Hidden shop", "99.99", -1, "GENERAL_MERCHANDISE", None, hidden=True),
    Seed("Hidden refund", "-50.00", -1, INCOME, "INCOME_WAGES", hidden=True),
    Seed("To savings", "300.00", -1, "TRANSFER_OUT", "TRANSFER_OUT_SAVINGS"),
    Seed("From savings", "-200.00", -1, "TRANSFER_IN", "TRANSFER_IN_ACCOUNT_TRANSFER"),
    Seed("Card payment", "650.00", -1, "LOAN_PAYMENTS", "LOAN_PAYMENTS_CREDIT_CARD"),
    Seed("Legacy transfer", "40.00", -1, "Transfer", "Debit"),
    Seed("Card check", "0.00", -1, "GENERAL_MERCHANDISE", None),  # no money either way
    Seed("Bob pay", "-9000.00", -1, INCOME, "INCOME_WAGES", owner="bob"),
    Seed("Bob rent", "2000.00", -1, "RENT_AND_UTILITIES", None, owner="bob"),
    # In another currency: counted only in its own figures.
    Seed("Euro salary", "-900.00", -1, INCOME, "INCOME_WAGES", currency="EUR"),
    Seed("Euro rent", "700.00", -1, "RENT_AND_UTILITIES", None, currency="EUR"),
    # This month: spending beyond income, so it comes from savings.
    Seed("Payroll 3", "-1000.00", 0, INCOME, "INCOME_WAGES", day=1),
    spend(20, "RENT_AND_UTILITIES", "1800.00", month=0),
    spend(21, "FOOD_AND_DRINK", "55.25", month=0),
    # Two months ago: income only.
    Seed("Payroll 0", "-2500.00", -2, INCOME, "INCOME_WAGES"),
]


def counted(seed: Seed, owner: str = "alice", currency: str = "USD") -> bool:
    transfer = seed.category in {"TRANSFER_IN", "TRANSFER_OUT", "LOAN_PAYMENTS"} or (
        (seed.category or "").lower() == "transfer"
        and (seed.subcategory or "").lower() != "payroll"
    )
    return seed.owner == owner and seed.currency == currency and not seed.hidden and not transfer


def total(seeds: list[Seed]) -> Decimal:
    return sum((abs(seed.value) for seed in seeds), Decimal("0.00"))


def of_month(offset: int) -> tuple[list[Seed], list[Seed]]:
    """(income rows, spending rows) of the month, as counted."""
    mine = [seed for seed in SEEDS if counted(seed) and seed.month == offset and seed.value]
    return [s for s in mine if s.value < 0], [s for s in mine if s.value > 0]


@pytest.fixture
async def seeded(client: httpx.AsyncClient, app: PatternApp, new_client: Any) -> dict[str, Any]:
    alice = await sign_up_and_log_in(client)
    bob = await sign_up_and_log_in(new_client(), "bob")
    async with app.parts.sessionmaker() as session:
        accounts = {}
        for owner, user in (("alice", alice), ("bob", bob)):
            item = await make_item(session, int(user["id"]))
            accounts[owner, "USD"] = (await make_account(session, item.id)).id
            if owner == "alice":  # most of alice's accounts are in dollars
                await make_account(session, item.id, name="Savings", subtype="savings")
                euros = await make_account(session, item.id, iso_currency_code="EUR")
                accounts[owner, "EUR"] = euros.id
        for seed in SEEDS:
            await make_transaction(
                session,
                accounts[seed.owner, seed.currency],
                iso_currency_code=seed.currency,
                name=seed.name,
                amount=seed.value,
                date=month_start(seed.month) + timedelta(days=seed.day - 1),
                category=seed.category,
                subcategory=seed.subcategory,
                hidden=seed.hidden,
            )
        await session.commit()
    return {"alice": alice["id"], "bob": bob["id"]}


async def get(client: httpx.AsyncClient, path: str, **params: Any) -> Any:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def rows_behind(client: httpx.AsyncClient, user_id: int, filters: dict[str, Any]) -> Any:
    """The transactions list's answer to a figure's filters, as the web app asks it."""
    params = {key: value for key, value in filters.items() if value not in ([], None)}
    return await get(client, f"/api/users/{user_id}/transactions", limit=500, **params)


def rate(income: Decimal, net: Decimal) -> str | None:
    return str((net / income).quantize(Decimal("0.0001"))) if income else None


async def test_months(client: httpx.AsyncClient, seeded: dict[str, Any]) -> None:
    body = await get(client, f"/api/users/{seeded['alice']}/cash-flow", months=3)
    assert [row["month"] for row in body["months"]] == [label(-2), label(-1), label(0)]
    for offset, row in zip((-2, -1, 0), body["months"], strict=True):
        incoming, outgoing = of_month(offset)
        income, spending = total(incoming), total(outgoing)
        assert row == {
            "month": label(offset),
            "income": str(income),
            "spending": str(spending),
            "net": str(income - spending),
            "savings_rate": rate(income, income - spending),
        }
    assert body["months"][0]["savings_rate"] == "1.0000"  # income only
    assert Decimal(body["months"][2]["savings_rate"]) < 0  # spent more than came in
    assert (body["currency"], body["currencies"]) == ("USD", ["USD", "EUR"])
    assert len((await get(client, f"/api/users/{seeded['alice']}/cash-flow"))["months"]) == 12


def expected_buckets(seeds: list[Seed], incoming: bool) -> dict[str, Decimal]:
    """Sources by subcategory, groups by category, in any case; '' for none."""
    found: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for seed in seeds:
        key = (seed.subcategory if incoming else seed.category) or ""
        found[key.lower()] += abs(seed.value)
    return dict(found)


def shown(nodes: list[dict[str, Any]], kind: str) -> dict[str, Decimal]:
    return {
        (node["name"] or "").lower(): Decimal(node["amount"])
        for node in nodes
        if node["kind"] == kind and not node["other"]
    }


async def test_month_flow_balances_and_names_its_sources(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    body = await get(client, f"/api/users/{seeded['alice']}/cash-flow/{label(-1)}")
    incoming, outgoing = of_month(-1)
    income, spending = total(incoming), total(outgoing)
    assert (body["income"], body["spending"]) == (str(income), str(spending))
    assert body["net"] == str(income - spending)
    assert body["savings_rate"] == rate(income, income - spending)
    nodes, links = body["nodes"], body["links"]

    sources, groups = expected_buckets(incoming, True), expected_buckets(outgoing, False)
    largest_sources = sorted(sources.values(), reverse=True)[:4]
    assert sorted(shown(nodes, "source").values(), reverse=True) == largest_sources
    for key, amount in shown(nodes, "source").items():
        assert sources[key] == amount
    for key, amount in shown(nodes, "group").items():
        assert groups[key] == amount
    assert len([n for n in nodes if n["kind"] == "group"]) == 8  # seven and "other"
    assert shown(nodes, "group")["food_and_drink"] == Decimal("424.77")

    # Whatever flows into the income node flows out of it, and savings take what is left.
    hub = next(i for i, node in enumerate(nodes) if node["kind"] == "income")
    into = sum(Decimal(link["amount"]) for link in links if link["target"] == hub)
    out = sum(Decimal(link["amount"]) for link in links if link["source"] == hub)
    assert into == out == max(income, spending)
    savings = next(node for node in nodes if node["kind"] == "savings")
    assert Decimal(savings["amount"]) == income - spending
    assert not [node for node in nodes if node["kind"] == "from_savings"]


async def test_every_figure_opens_exactly_its_rows(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    alice = seeded["alice"]
    for offset in (-1, 0):
        body = await get(client, f"/api/users/{alice}/cash-flow/{label(offset)}")
        incoming, outgoing = of_month(offset)
        for node in body["nodes"]:
            rows = await rows_behind(client, alice, node["transactions"])
            summed = sum((abs(Decimal(row["amount"])) for row in rows), Decimal("0.00"))
            if node["kind"] in {"savings", "from_savings"}:
                # The net: every counted row of the month, money in and out.
                assert {row["name"] for row in rows} == {s.name for s in incoming + outgoing}
                continue
            assert summed == Decimal(node["amount"]), node
            assert len(rows) == node["count"], node
        everything = {
            "income_transactions": incoming,
            "spending_transactions": outgoing,
            "net_transactions": incoming + outgoing,
        }
        for key, seeds in everything.items():
            rows = await rows_behind(client, alice, body[key])
            assert sorted(row["name"] for row in rows) == sorted(s.name for s in seeds), key
    # "Other" is the rest: shown and other groups together are every spending row.
    body = await get(client, f"/api/users/{alice}/cash-flow/{label(-1)}")
    names: list[str] = []
    for node in body["nodes"]:
        if node["kind"] == "group":
            names += [row["name"] for row in await rows_behind(client, alice, node["transactions"])]
    assert sorted(names) == sorted(s.name for s in of_month(-1)[1])


async def test_spending_beyond_income_comes_from_savings(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    body = await get(client, f"/api/users/{seeded['alice']}/cash-flow/{label(0)}")
    incoming, outgoing = of_month(0)
    kinds = [node["kind"] for node in body["nodes"]]
    assert "savings" not in kinds
    short = next(node for node in body["nodes"] if node["kind"] == "from_savings")
    assert Decimal(short["amount"]) == total(outgoing) - total(incoming)
    empty = await get(client, f"/api/users/{seeded['alice']}/cash-flow/{label(-6)}")
    assert (empty["income"], empty["spending"], empty["savings_rate"]) == ("0.00", "0.00", None)
    assert (empty["nodes"], empty["links"]) == ([], [])


async def test_another_currency_has_its_own_figures_and_rows(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    alice = seeded["alice"]
    body = await get(client, f"/api/users/{alice}/cash-flow/{label(-1)}", currency="eur")
    assert (body["currency"], body["income"], body["spending"]) == ("EUR", "900.00", "700.00")
    for node in body["nodes"]:
        assert node["transactions"]["currency"] == "EUR"
        if node["kind"] in {"source", "group"}:
            rows = await rows_behind(client, alice, node["transactions"])
            assert [row["name"] for row in rows] in (["Euro salary"], ["Euro rent"])
    months = await get(client, f"/api/users/{alice}/cash-flow", months=2, currency="EUR")
    assert months["months"][0]["savings_rate"] == "0.2222"


async def test_each_person_sees_their_own(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    # The admin (alice signed up first) may look at bob's, as with insights.
    bob = await get(client, f"/api/users/{seeded['bob']}/cash-flow/{label(-1)}")
    assert (bob["income"], bob["spending"]) == ("9000.00", "2000.00")


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/cash-flow/2026-13", {}),
        ("/cash-flow/26-01", {}),
        ("/cash-flow/soon", {}),
        ("/cash-flow/0000-01", {}),
        ("/cash-flow", {"months": 0}),
        ("/cash-flow", {"months": 61}),
        ("/cash-flow", {"currency": "$$"}),
    ],
)
async def test_bad_input_is_refused(
    client: httpx.AsyncClient, seeded: dict[str, Any], path: str, params: dict[str, Any]
) -> None:
    response = await client.get(f"/api/users/{seeded['alice']}{path}", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"]


async def test_bad_flow_filters_are_refused(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    transactions = f"/api/users/{seeded['alice']}/transactions"
    assert (await client.get(transactions, params={"flow": "both"})).status_code == 422
    long = {"not_category": "x" * 256}
    assert (await client.get(transactions, params=long)).status_code == 422
    assert (await client.get(transactions, params={"currency": "€"})).status_code == 422
