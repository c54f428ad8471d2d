"""Net worth exact to the cent per currency, assets, snapshots and their retention."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from pattern.app.factory import PatternApp
from pattern.models import AccountBalanceHistory, NetWorthSnapshot
from pattern.models.base import utcnow
from pattern.net_worth.service import record_today
from tests.support.factories import make_account, make_item
from tests.support.users import sign_up_and_log_in


@pytest.fixture
async def accounts(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        made = {}
        for name, kind, balance, currency in [
            ("checking", "depository", "1234.56", "USD"),
            ("savings", "depository", "0.10", "USD"),
            ("brokerage", "investment", "10000.01", "USD"),
            ("card", "credit", "432.19", "USD"),
            ("mortgage", "loan", "200000.00", "USD"),
            ("euro", "depository", "50.05", "EUR"),
            ("unknown", "depository", None, "USD"),
        ]:
            account = await make_account(
                session,
                item.id,
                name=name,
                type=kind,
                current_balance=Decimal(balance) if balance else None,
                iso_currency_code=currency,
            )
            made[name] = account.id
        await session.commit()
    return {"user": user, **made}


async def test_net_worth_is_exact_per_currency(
    client: httpx.AsyncClient, accounts: dict[str, Any]
) -> None:
    user_id = accounts["user"]["id"]
    for description, value in [("House", "350000.33"), ("Car loan", "-12000.20"), ("Cash", "0.01")]:
        response = await client.post(
            "/api/assets", json={"description": description, "value": value}
        )
        assert response.status_code == 201, response.text
    worth = {w["currency"]: w for w in (await client.get(f"/api/users/{user_id}/net-worth")).json()}
    usd_assets = (
        Decimal("1234.56")
        + Decimal("0.10")
        + Decimal("10000.01")
        + Decimal("350000.33")
        + Decimal("0.01")
    )
    usd_liabilities = Decimal("432.19") + Decimal("200000.00") + Decimal("12000.20")
    assert Decimal(worth["USD"]["assets"]) == usd_assets
    assert Decimal(worth["USD"]["liabilities"]) == usd_liabilities
    assert Decimal(worth["USD"]["net_worth"]) == usd_assets - usd_liabilities
    assert worth["USD"]["net_worth"] == "148802.62"
    assert worth["EUR"] == {
        "currency": "EUR",
        "assets": "50.05",
        "liabilities": "0.00",
        "net_worth": "50.05",
    }
    history = (await client.get(f"/api/users/{user_id}/net-worth/history")).json()
    today = [h for h in history if h["snapshot_date"] == date.today().isoformat()]
    assert {h["iso_currency_code"]: h["net_worth"] for h in today} == {
        "EUR": "50.05",
        "USD": "148802.62",
    }


async def test_assets_are_listed_changed_and_removed(
    client: httpx.AsyncClient, accounts: dict[str, Any]
) -> None:
    user_id = accounts["user"]["id"]
    created = (
        await client.post("/api/assets", json={"description": "Bike", "value": "800.00"})
    ).json()
    changed = await client.put(
        f"/api/assets/{created['id']}", json={"description": "Bike", "value": "750.5"}
    )
    assert changed.json()["value"] == "750.50"
    assert [
        a["description"] for a in (await client.get(f"/api/users/{user_id}/assets")).json()
    ] == ["Bike"]
    assert (await client.delete(f"/api/assets/{created['id']}")).status_code == 204
    assert (await client.get(f"/api/users/{user_id}/assets")).json() == []


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"description": "x", "value": "1.001"}, "value"),
        ({"description": "x", "value": "NaN"}, "value"),
        ({"description": "x", "value": "1e30"}, "value"),
        ({"description": "x", "value": "lots"}, "value"),
        ({"description": "", "value": "1"}, "description"),
        ({"value": "1"}, "description"),
        ({"description": "x", "value": "1", "iso_currency_code": "dollars"}, "iso_currency_code"),
    ],
)
async def test_bad_assets_are_422(
    client: httpx.AsyncClient, accounts: dict[str, Any], body: dict[str, Any], fragment: str
) -> None:
    response = await client.post("/api/assets", json=body)
    assert response.status_code == 422
    assert fragment in response.json()["error"]["message"]
    assert (await client.get(f"/api/users/{accounts['user']['id']}/assets")).json() == []


async def test_others_assets_and_accounts_are_404(
    client: httpx.AsyncClient, accounts: dict[str, Any], new_client: Any
) -> None:
    asset = (await client.post("/api/assets", json={"description": "Boat", "value": "10"})).json()
    other = new_client()
    await sign_up_and_log_in(other, "mallory")
    user_id = accounts["user"]["id"]
    for method, path in [
        ("GET", f"/api/users/{user_id}/assets"),
        ("GET", f"/api/users/{user_id}/net-worth"),
        ("GET", f"/api/users/{user_id}/net-worth/history"),
        ("PUT", f"/api/assets/{asset['id']}"),
        ("DELETE", f"/api/assets/{asset['id']}"),
        ("GET", f"/api/accounts/{accounts['checking']}/balance-history"),
    ]:
        body = {"description": "x", "value": "1"} if method == "PUT" else None
        assert (await other.request(method, path, json=body)).status_code == 404, path
    assert len((await client.get(f"/api/users/{user_id}/assets")).json()) == 1


async def test_history_keeps_30_days_then_each_months_last(
    client: httpx.AsyncClient, accounts: dict[str, Any], app: PatternApp
) -> None:
    user_id = int(accounts["user"]["id"])
    today = date.today()
    days = [today - timedelta(days=n) for n in range(1, 120)]
    async with app.parts.sessionmaker() as session:
        for day in days:
            session.add(
                NetWorthSnapshot(
                    user_id=user_id,
                    snapshot_date=day,
                    iso_currency_code="USD",
                    assets=Decimal(day.day),
                    liabilities=Decimal(0),
                    net_worth=Decimal(day.day),
                )
            )
        await session.flush()
        await record_today(session, user_id)
        await session.commit()
    kept = {
        date.fromisoformat(h["snapshot_date"])
        for h in (await client.get(f"/api/users/{user_id}/net-worth/history")).json()
        if h["iso_currency_code"] == "USD"
    }
    horizon = today - timedelta(days=30)
    recent = {day for day in days if day >= horizon} | {today}
    older = [day for day in days if day < horizon]
    month_ends = {max(d for d in older if (d.year, d.month) == (m.year, m.month)) for m in older}
    assert kept == recent | month_ends


async def test_balance_history_lists_recorded_balances(
    client: httpx.AsyncClient, accounts: dict[str, Any], app: PatternApp
) -> None:
    async with app.parts.sessionmaker() as session:
        for n, balance in enumerate(["10.00", "12.50"]):
            session.add(
                AccountBalanceHistory(
                    account_id=accounts["checking"],
                    recorded_at=utcnow() + timedelta(minutes=n),
                    current_balance=Decimal(balance),
                    available_balance=None,
                    iso_currency_code="USD",
                )
            )
        await session.commit()
        assert (await session.scalars(select(AccountBalanceHistory))).all()
    rows = (await client.get(f"/api/accounts/{accounts['checking']}/balance-history")).json()
    assert [r["current_balance"] for r in rows] == ["10.00", "12.50"]
