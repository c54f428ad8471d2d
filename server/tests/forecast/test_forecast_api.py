"""GET /api/users/{id}/forecast: each cash account's balance for 30 days, recomputed here
from its balance and the recurring payments the API lists."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from tests.recurring.test_recurring_api import months_back
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in

TODAY = date.today()


@pytest.fixture
async def seeded(client: httpx.AsyncClient, app: PatternApp, new_client: Any) -> dict[str, Any]:
    alice = await sign_up_and_log_in(client)
    bob_client = new_client()
    bob = await sign_up_and_log_in(bob_client, "bob")
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(alice["id"]), institution_name="First Bank")
        checking = await make_account(session, item.id, current_balance=Decimal("900.00"))
        savings = await make_account(
            session, item.id, name="Savings", subtype="savings", current_balance=Decimal("50")
        )
        card = await make_account(
            session, item.id, name="Card", type="credit", current_balance=Decimal("300")
        )

        async def pay(account: int, name: str, days: list[date], amount: str, **kw: Any) -> None:
            for day in days:
                await make_transaction(
                    session,
                    account,
                    name=name,
                    merchant_name=name,
                    amount=Decimal(amount),
                    date=day,
                    **kw,
                )

        # Rent is due on a day within the next 30; pay comes every other week.
        rent_day = (TODAY + timedelta(days=10)).day
        await pay(
            checking.id,
            "Oakwood Apts",
            months_back(rent_day, 6),
            "1200.00",
            category="RENT_AND_UTILITIES",
        )
        paydays = [TODAY - timedelta(days=5 + 14 * k) for k in range(8)]
        await pay(checking.id, "Acme Payroll", paydays, "-700.00", category="INCOME")
        await pay(card.id, "Netflix", months_back(8, 6), "15.49", category="ENTERTAINMENT")
        await make_account(session, (await make_item(session, int(bob["id"]))).id)
        await session.commit()
    return {
        "alice": alice["id"],
        "bob_client": bob_client,
        "checking": checking.id,
        "savings": savings.id,
        "card": card.id,
    }


async def get(client: httpx.AsyncClient, path: str) -> Any:
    response = await client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


async def test_each_cash_accounts_balance_day_by_day(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    user = seeded["alice"]
    recurring = await get(client, f"/api/users/{user}/recurring")
    forecast = await get(client, f"/api/users/{user}/forecast")
    accounts = {a["account_id"]: a for a in forecast["accounts"]}
    # Cash accounts only: the card's Netflix is not paid from them.
    assert set(accounts) == {seeded["checking"], seeded["savings"]}

    account_of = {s["stream_id"]: s["account_id"] for s in recurring["streams"]}
    checking = accounts[seeded["checking"]]
    balance = Decimal("900.00")
    assert [d["date"] for d in checking["days"]] == [
        (TODAY + timedelta(days=k)).isoformat() for k in range(31)
    ]
    for day in checking["days"]:
        due = [
            Decimal(u["amount"])
            for u in recurring["upcoming"]
            if u["date"] == day["date"] and account_of[u["stream_id"]] == seeded["checking"]
        ]
        balance -= sum(due, Decimal(0))
        assert Decimal(day["balance"]) == balance, day
        assert sorted(Decimal(d["amount"]) for d in day["due"]) == sorted(due)
    # Rent (1,200) and two or three pays of 700 fall within the 30 days.
    assert any(d["description"] == "Oakwood Apts" for day in checking["days"] for d in day["due"])
    lowest = min(checking["days"], key=lambda d: (Decimal(d["balance"]), d["date"]))
    assert (checking["lowest_balance"], checking["lowest_date"]) == (
        lowest["balance"],
        lowest["date"],
    )
    savings = accounts[seeded["savings"]]
    assert {d["balance"] for d in savings["days"]} == {"50.00"}
    assert checking["below_threshold"] is (Decimal(lowest["balance"]) < 0)
    assert forecast["warning"] is checking["below_threshold"]


async def test_a_threshold_the_person_sets_warns_earlier(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    user = seeded["alice"]
    forecast = await get(client, f"/api/users/{user}/forecast")
    assert forecast["threshold"] == "0.00"
    savings = next(a for a in forecast["accounts"] if a["account_id"] == seeded["savings"])
    assert savings["below_threshold"] is False

    changed = await client.put(f"/api/users/{user}/forecast/settings", json={"threshold": "100"})
    assert changed.status_code == 200, changed.text
    forecast = await get(client, f"/api/users/{user}/forecast")
    assert forecast["threshold"] == "100.00"
    savings = next(a for a in forecast["accounts"] if a["account_id"] == seeded["savings"])
    assert savings["below_threshold"] is True  # 50 stays below 100
    assert forecast["warning"] is True


@pytest.mark.parametrize(
    "body", [{}, {"threshold": "abc"}, {"threshold": "1.001"}, {"threshold": "1e20"}, {"limit": 1}]
)
async def test_bad_settings_are_refused_and_change_nothing(
    client: httpx.AsyncClient, seeded: dict[str, Any], body: dict[str, Any]
) -> None:
    user = seeded["alice"]
    response = await client.put(f"/api/users/{user}/forecast/settings", json=body)
    assert response.status_code == 422, response.text
    assert (await get(client, f"/api/users/{user}/forecast"))["threshold"] == "0.00"


async def test_another_persons_forecast_is_theirs_alone(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    bob = seeded["bob_client"]
    user = seeded["alice"]
    assert (await bob.get(f"/api/users/{user}/forecast")).status_code == 404
    put = await bob.put(f"/api/users/{user}/forecast/settings", json={"threshold": "5"})
    assert put.status_code == 404
    assert (await get(client, f"/api/users/{user}/forecast"))["threshold"] == "0.00"
