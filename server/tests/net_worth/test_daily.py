"""Net worth on every day since the first transaction: worked back from today's balances
and the transactions, by type, a day's snapshot preferred (docs/adr/0024)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import httpx
import pytest

from pattern.app.factory import PatternApp
from pattern.kit import clock
from pattern.models import AccountBalanceHistory, NetWorthSnapshot
from pattern.models.base import utcnow
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in


@pytest.fixture
async def user_id(client: httpx.AsyncClient, app: PatternApp) -> int:
    """A checking account of $1,000 and a card owing $410 today; a paycheck of $50 today,
    $100 spent from checking and $60 on the card yesterday, a pending $30 ignored (today's
    balance leaves it out), and an excluded loan."""
    user = await sign_up_and_log_in(client)
    today = clock.today()
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        checking = await make_account(session, item.id, current_balance=Decimal("1000.00"))
        card = await make_account(
            session, item.id, type="credit", current_balance=Decimal("410.00")
        )
        loan = await make_account(
            session,
            item.id,
            type="loan",
            current_balance=Decimal("9999.00"),
            excluded_from_net_worth=True,
        )
        for account, amount, days_ago, pending in [
            (checking, "-50.00", 0, False),
            (checking, "100.00", 1, False),
            (checking, "30.00", 0, True),
            (card, "60.00", 1, False),
            (loan, "-500.00", 1, False),
        ]:
            await make_transaction(
                session,
                account.id,
                user_id=user["id"],
                amount=Decimal(amount),
                date=today - timedelta(days=days_ago),
                pending=pending,
            )
        await session.commit()
    for description, value, kind in [("House", "5000.00", "property"), ("IOU", "-200", "other")]:
        made = await client.post(
            "/api/assets", json={"description": description, "value": value, "kind": kind}
        )
        assert made.status_code == 201, made.text
    return int(user["id"])


async def test_each_day_is_worked_back_from_today(client: httpx.AsyncClient, user_id: int) -> None:
    days = (await client.get(f"/api/users/{user_id}/net-worth/daily")).json()
    today = clock.today()
    # From the day before the first transaction, the balances it started from.
    assert [d["date"] for d in days] == [(today - timedelta(days=n)).isoformat() for n in (2, 1, 0)]
    parts = [
        {k: d[k] for k in ("cash", "investments", "assets", "credit", "loans", "net_worth")}
        for d in days
    ]
    assert parts == [
        {
            "cash": "1050.00",
            "investments": "0.00",
            "assets": "5000.00",
            "credit": "350.00",
            "loans": "200.00",
            "net_worth": "5500.00",
        },
        {
            "cash": "950.00",
            "investments": "0.00",
            "assets": "5000.00",
            "credit": "410.00",
            "loans": "200.00",
            "net_worth": "5340.00",
        },
        {
            "cash": "1000.00",
            "investments": "0.00",
            "assets": "5000.00",
            "credit": "410.00",
            "loans": "200.00",
            "net_worth": "5390.00",
        },
    ]
    now = (await client.get(f"/api/users/{user_id}/net-worth")).json()[0]
    assert days[-1]["net_worth"] == now["net_worth"]
    assert [d["from_snapshot"] for d in days] == [False, False, True]


async def test_a_days_snapshot_is_preferred(
    client: httpx.AsyncClient, app: PatternApp, user_id: int
) -> None:
    day = clock.today() - timedelta(days=2)
    async with app.parts.sessionmaker() as session:
        session.add(
            NetWorthSnapshot(
                user_id=user_id,
                snapshot_date=day,
                iso_currency_code="USD",
                assets=Decimal("7000.00"),
                liabilities=Decimal("766.00"),
                net_worth=Decimal("6234.00"),
            )
        )
        await session.commit()
    days = (await client.get(f"/api/users/{user_id}/net-worth/daily")).json()
    first = days[0]
    assert (first["date"], first["net_worth"], first["from_snapshot"]) == (
        day.isoformat(),
        "6234.00",
        True,
    )
    # The parts are still the worked-out ones: the snapshot has no breakdown.
    assert first["cash"] == "1050.00"


async def test_with_nothing_linked_there_is_nothing(client: httpx.AsyncClient) -> None:
    user = await sign_up_and_log_in(client, "newcomer")
    assert (await client.get(f"/api/users/{user['id']}/net-worth/daily")).json() == []


async def test_an_assets_kind_is_kept_and_checked(client: httpx.AsyncClient, user_id: int) -> None:
    listed = (await client.get(f"/api/users/{user_id}/assets")).json()
    assert [a["kind"] for a in listed] == ["property", "other"]
    house = listed[0]
    body = {"description": "Car", "value": "8000.00", "kind": "vehicle"}
    changed = await client.put(f"/api/assets/{house['id']}", json=body)
    assert changed.json()["kind"] == "vehicle"
    refused = await client.put(f"/api/assets/{house['id']}", json=body | {"kind": "yacht"})
    assert refused.status_code == 422
    assert "kind" in refused.json()["error"]["message"]
    listed = (await client.get(f"/api/users/{user_id}/assets")).json()
    assert (listed[0]["description"], listed[0]["kind"]) == ("Car", "vehicle")


async def test_an_accounts_balance_each_day_a_recorded_one_preferred(
    client: httpx.AsyncClient, app: PatternApp, user_id: int
) -> None:
    accounts = (await client.get(f"/api/users/{user_id}/accounts")).json()
    checking, card = (next(a for a in accounts if a["type"] == t) for t in ("depository", "credit"))
    today = clock.today()
    day = today - timedelta(days=2)
    two_days_ago = utcnow().replace(year=day.year, month=day.month, day=day.day, hour=12)
    async with app.parts.sessionmaker() as session:
        session.add(
            AccountBalanceHistory(
                account_id=card["id"],
                recorded_at=two_days_ago,
                current_balance=Decimal("399.99"),
                available_balance=None,
                iso_currency_code="USD",
            )
        )
        await session.commit()

    async def days(account_id: int) -> list[tuple[str, str, bool]]:
        found = (await client.get(f"/api/accounts/{account_id}/daily-balances")).json()
        return [(d["date"], d["balance"], d["recorded"]) for d in found]

    dates = [(today - timedelta(days=n)).isoformat() for n in (2, 1, 0)]
    assert await days(checking["id"]) == list(
        zip(dates, ["1050.00", "950.00", "1000.00"], [False] * 3, strict=True)
    )
    # The card owed $350 two days ago by its transactions; a sync saw $399.99 that day.
    assert await days(card["id"]) == [
        (dates[0], "399.99", True),
        (dates[1], "410.00", False),
        (dates[2], "410.00", False),
    ]
