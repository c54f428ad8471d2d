"""A person's own settings (theme, time zone, currency), and deleting one's own account."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import func, select

from pattern.app.factory import PatternApp
from pattern.budgets.periods import month_containing
from pattern.models import User
from tests.support.factories import make_account, make_item
from tests.support.users import STRONG_PASSWORD, sign_up, sign_up_and_log_in

DEFAULTS = {"theme": "system", "time_zone": None, "currency": None}


def today_in(zone: str) -> date:
    return datetime.now(ZoneInfo(zone)).date()


async def users(app: PatternApp) -> int:
    async with app.parts.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(User)) or 0)


async def test_preferences_start_as_defaults_and_change_one_at_a_time(
    client: httpx.AsyncClient,
) -> None:
    me = await sign_up_and_log_in(client)
    path = f"/api/users/{me['id']}/preferences"
    assert (await client.get(path)).json() == DEFAULTS

    changed = await client.patch(path, json={"theme": "dark"})
    assert changed.status_code == 200, changed.text
    assert changed.json() == {**DEFAULTS, "theme": "dark"}
    both = await client.patch(path, json={"time_zone": "Europe/Paris", "currency": "eur"})
    assert both.json() == {"theme": "dark", "time_zone": "Europe/Paris", "currency": "EUR"}
    # Stored: read again, and null clears a time zone.
    assert (await client.get(path)).json() == both.json()
    cleared = await client.patch(path, json={"time_zone": None})
    assert cleared.json() == {"theme": "dark", "time_zone": None, "currency": "EUR"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"theme": "sepia"}, "theme"),
        ({"theme": None}, "theme"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"time_zone": "posixrules"}, "time_zone"),
        ({"time_zone": "../../etc/passwd"}, "time_zone"),
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "DOLLARS"}, "currency"),
        ({"theme": "light", "currency": "ABC"}, "currency"),
        ({"colour": "blue"}, "colour"),
    ],
)
async def test_bad_preferences_are_refused_and_change_nothing(
    client: httpx.AsyncClient, body: dict[str, Any], field: str
) -> None:
    me = await sign_up_and_log_in(client)
    path = f"/api/users/{me['id']}/preferences"
    await client.patch(path, json={"theme": "dark", "time_zone": "Asia/Tokyo", "currency": "JPY"})
    before = (await client.get(path)).json()

    refused = await client.patch(path, json=body)
    assert refused.status_code == 422, refused.text
    error = refused.json()["error"]
    assert field in str(error)
    assert "Value error" not in error["message"]
    assert (await client.get(path)).json() == before


async def test_another_person_cannot_read_or_change_ones_preferences(
    client: httpx.AsyncClient, new_client: Any
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    bob = new_client()
    await sign_up_and_log_in(bob, "bob")
    path = f"/api/users/{alice['id']}/preferences"
    assert (await bob.get(path)).status_code == 404
    assert (await bob.patch(path, json={"theme": "dark"})).status_code == 404
    assert (await client.get(path)).json() == DEFAULTS


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
async def test_today_is_the_persons_own_time_zones(client: httpx.AsyncClient, zone: str) -> None:
    """The two zones are 25 hours apart: their dates always differ, so only the person's
    zone gives the day expected (the forecast's today, the budget's current month)."""
    me = await sign_up_and_log_in(client)
    await client.patch(f"/api/users/{me['id']}/preferences", json={"time_zone": zone})
    today = today_in(zone)
    # Budget months that start on Kiritimati's day of the month: Pago Pago (a day behind)
    # is then in the month before, unless that day is past the 28th.
    start_day = min(today_in("Pacific/Kiritimati").day, 28)
    await client.put(f"/api/users/{me['id']}/budgets/settings", json={"month_start_day": start_day})

    forecast = (await client.get(f"/api/users/{me['id']}/forecast")).json()
    assert forecast["today"] == today.isoformat()
    budget = (await client.get(f"/api/users/{me['id']}/budgets/current")).json()
    assert budget["current_month"] == month_containing(today, start_day).label


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
async def test_net_worth_and_insights_days_are_the_persons_own(
    client: httpx.AsyncClient, app: PatternApp, zone: str
) -> None:
    """Today's net-worth snapshot, the last day of the net-worth and balance histories, and
    insights' "this month" are the person's, whatever the server's zone."""
    me = await sign_up_and_log_in(client)
    await client.patch(f"/api/users/{me['id']}/preferences", json={"time_zone": zone})
    today = today_in(zone)
    async with app.parts.sessionmaker() as session:
        account = await make_account(session, (await make_item(session, int(me["id"]))).id)
        await session.commit()
    # Adding an asset records today's net-worth snapshot.
    created = await client.post("/api/assets", json={"description": "Bike", "value": "250.00"})
    assert created.status_code == 201, created.text

    history = (await client.get(f"/api/users/{me['id']}/net-worth/history")).json()
    assert [h["snapshot_date"] for h in history] == [today.isoformat()]
    daily = (await client.get(f"/api/users/{me['id']}/net-worth/daily")).json()
    assert daily[-1]["date"] == today.isoformat()
    balances = (await client.get(f"/api/accounts/{account.id}/daily-balances")).json()
    assert balances[-1]["date"] == today.isoformat()
    spending = (await client.get(f"/api/users/{me['id']}/insights/spending")).json()
    assert spending["start_date"] == today.replace(day=1).isoformat()
    monthly = (await client.get(f"/api/users/{me['id']}/insights/monthly?months=1")).json()
    assert monthly["months"][0]["month"] == today.strftime("%Y-%m")


async def test_deleting_ones_own_account_needs_ones_password(
    client: httpx.AsyncClient, app: PatternApp
) -> None:
    await sign_up(client, "root")  # the administrator stays
    me = await sign_up_and_log_in(client, "alice")
    path = f"/api/users/{me['id']}"

    assert (await client.delete(path)).status_code == 403
    wrong = await client.request("DELETE", path, json={"password": "not-my-password-1"})
    assert wrong.status_code == 403
    assert wrong.json()["error"]["code"] == "wrong_password"
    assert "not-my-password-1" not in wrong.text
    assert await users(app) == 2
    assert (await client.get("/api/sessions/me")).status_code == 200

    deleted = await client.request("DELETE", path, json={"password": STRONG_PASSWORD})
    assert deleted.status_code == 204
    assert await users(app) == 1
    assert (await client.get("/api/sessions/me")).status_code == 401


async def test_an_administrator_deletes_another_without_a_password(
    client: httpx.AsyncClient, app: PatternApp, new_client: Any
) -> None:
    await sign_up_and_log_in(client, "root")
    bob = await sign_up(new_client(), "bob")
    assert (await client.delete(f"/api/users/{bob['id']}")).status_code == 204
    assert await users(app) == 1


async def test_figures_are_in_the_persons_currency_when_an_account_holds_it(
    client: httpx.AsyncClient, app: PatternApp
) -> None:
    """Without ?currency=, insights, budgets and cash flow count in the person's chosen
    currency if one of their accounts holds it, else in the one most accounts hold."""
    me = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(me["id"]))
        for code in ("USD", "USD", "EUR"):
            await make_account(session, item.id, iso_currency_code=code)
        await session.commit()
    users = f"/api/users/{me['id']}"

    async def shown_in() -> list[str]:
        spending = (await client.get(f"{users}/insights/spending")).json()
        budget = (await client.get(f"{users}/budgets/current")).json()
        flow = (await client.get(f"{users}/cash-flow")).json()
        return [spending["currency"], budget["currency"], flow["currency"]]

    assert await shown_in() == ["USD"] * 3
    await client.patch(f"{users}/preferences", json={"currency": "EUR"})
    assert await shown_in() == ["EUR"] * 3
    await client.patch(f"{users}/preferences", json={"currency": "JPY"})  # no account holds it
    assert await shown_in() == ["USD"] * 3
