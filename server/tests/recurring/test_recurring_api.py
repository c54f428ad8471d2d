"""GET /api/users/{id}/recurring over stored transactions, and what the person says of a
stream, on both databases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from pattern.recurring.detection import add_months
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in

TODAY = date.today()


def months_back(day: int, count: int) -> list[date]:
    """`count` monthly dates on `day`, the last one within the past month."""
    last = add_months(TODAY, 0 if TODAY.day > day else -1, day=day)
    return [add_months(last, -k, day=day) for k in reversed(range(count))]


@pytest.fixture
async def seeded(client: httpx.AsyncClient, app: PatternApp, new_client: Any) -> dict[str, Any]:
    alice = await sign_up_and_log_in(client)
    bob_client = new_client()
    bob = await sign_up_and_log_in(bob_client, "bob")
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(alice["id"]), institution_name="First Bank")
        checking = await make_account(session, item.id, name="Checking")
        card = await make_account(session, item.id, name="Card", type="credit")
        bobs = await make_account(session, (await make_item(session, int(bob["id"]))).id)

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

        await pay(card.id, "Netflix", months_back(8, 6), "15.49", category="ENTERTAINMENT")
        await pay(checking.id, "Netflix", months_back(20, 4), "15.49", category="ENTERTAINMENT")
        await pay(
            checking.id, "City Power", months_back(12, 6), "90.00", category="RENT_AND_UTILITIES"
        )
        paydays = [TODAY - timedelta(days=3 + 14 * k) for k in range(8)]
        await pay(checking.id, "Acme Payroll", paydays, "-2000.00", category="INCOME")
        await pay(checking.id, "Old Gym", months_back(1, 8)[:-4], "40.00", category="PERSONAL_CARE")
        # Not counted: hidden rows and transfers never make a stream.
        await pay(checking.id, "Hidden Club", months_back(2, 5), "9.00", hidden=True)
        await pay(checking.id, "To savings", months_back(3, 5), "100.00", category="TRANSFER_OUT")
        await pay(bobs.id, "Bob's Spotify", months_back(6, 5), "11.99", category="ENTERTAINMENT")
        await session.commit()
    return {
        "alice": alice["id"],
        "bob": bob["id"],
        "bob_client": bob_client,
        "checking": checking.id,
        "card": card.id,
    }


async def recurring(client: httpx.AsyncClient, user_id: int) -> dict[str, Any]:
    response = await client.get(f"/api/users/{user_id}/recurring")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def by_name(body: dict[str, Any]) -> dict[tuple[str, int], dict[str, Any]]:
    return {(s["merchant_name"], s["account_id"]): s for s in body["streams"]}


async def test_streams_totals_and_what_is_due(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    body = await recurring(client, seeded["alice"])
    streams = by_name(body)
    assert set(streams) == {
        ("Netflix", seeded["card"]),
        ("Netflix", seeded["checking"]),
        ("City Power", seeded["checking"]),
        ("Acme Payroll", seeded["checking"]),
        ("Old Gym", seeded["checking"]),
    }
    netflix = streams["Netflix", seeded["card"]]
    assert (netflix["kind"], netflix["frequency"], netflix["account_name"]) == (
        "subscription",
        "MONTHLY",
        "Card",
    )
    assert netflix["institution_name"] == "First Bank"
    assert streams["City Power", seeded["checking"]]["kind"] == "bill"
    pay = streams["Acme Payroll", seeded["checking"]]
    assert (pay["kind"], pay["frequency"], pay["direction"]) == ("income", "BIWEEKLY", "inflow")
    gym = streams["Old Gym", seeded["checking"]]
    assert (gym["is_active"], gym["status"]) == (False, "TOMBSTONED")
    # Active ones count: two Netflix a month; biweekly pay is 26 a year.
    assert Decimal(body["subscriptions_monthly"]) == Decimal("30.98")
    assert Decimal(body["bills_monthly"]) == Decimal("90.00")
    assert Decimal(body["income_monthly"]) == Decimal("4333.33")
    # Due in the next 30 days: each active stream at least once, soonest first.
    due = body["upcoming"]
    assert [u["date"] for u in due] == sorted(u["date"] for u in due)
    assert {u["description"] for u in due} == {"Netflix", "City Power", "Acme Payroll"}
    assert all(TODAY.isoformat() <= u["date"] <= (TODAY + timedelta(30)).isoformat() for u in due)
    assert sum(u["description"] == "Acme Payroll" for u in due) in (2, 3)


async def test_a_stream_said_not_recurring_or_of_another_amount(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    user = seeded["alice"]
    streams = by_name(await recurring(client, user))
    netflix = streams["Netflix", seeded["checking"]]["stream_id"]
    power = streams["City Power", seeded["checking"]]["stream_id"]
    said = await client.put(f"/api/users/{user}/recurring/{netflix}", json={"not_recurring": True})
    assert said.status_code == 204, said.text
    said = await client.put(f"/api/users/{user}/recurring/{power}", json={"expected_amount": "120"})
    assert said.status_code == 204, said.text

    body = await recurring(client, user)
    streams = by_name(body)
    assert streams["Netflix", seeded["checking"]]["not_recurring"] is True
    assert body["streams"][-1]["stream_id"] == netflix  # not-recurring ones come last
    assert Decimal(body["subscriptions_monthly"]) == Decimal("15.49")
    assert Decimal(streams["City Power", seeded["checking"]]["expected_amount"]) == 120
    assert Decimal(body["bills_monthly"]) == Decimal("120.00")
    assert all(u["stream_id"] != netflix for u in body["upcoming"])

    # Said again: back to recurring, with the last amount.
    for stream in (netflix, power):
        await client.put(f"/api/users/{user}/recurring/{stream}", json={})
    body = await recurring(client, user)
    assert Decimal(body["subscriptions_monthly"]) == Decimal("30.98")
    assert Decimal(body["bills_monthly"]) == Decimal("90.00")


@pytest.mark.parametrize(
    ("stream_id", "body", "status"),
    [
        ("f" * 24, {}, 404),  # no such stream
        ("not-an-id", {}, 422),
        (None, {"expected_amount": "-5"}, 422),
        (None, {"expected_amount": "1.234"}, 422),
        (None, {"not_recurring": "maybe"}, 422),
        (None, {"notRecurring": True}, 422),
    ],
)
async def test_bad_overrides_are_refused_and_change_nothing(
    client: httpx.AsyncClient,
    seeded: dict[str, Any],
    stream_id: str | None,
    body: dict[str, Any],
    status: int,
) -> None:
    user = seeded["alice"]
    before = await recurring(client, user)
    stream_id = stream_id or before["streams"][0]["stream_id"]
    response = await client.put(f"/api/users/{user}/recurring/{stream_id}", json=body)
    assert response.status_code == status, response.text
    assert await recurring(client, user) == before


async def test_another_persons_streams_are_theirs_alone(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    mine = await recurring(client, seeded["alice"])
    assert "Bob's Spotify" not in {s["merchant_name"] for s in mine["streams"]}
    bob = seeded["bob_client"]
    assert [s["merchant_name"] for s in (await recurring(bob, seeded["bob"]))["streams"]] == [
        "Bob's Spotify"
    ]
    assert (await bob.get(f"/api/users/{seeded['alice']}/recurring")).status_code == 404
    stream = mine["streams"][0]["stream_id"]
    put = await bob.put(f"/api/users/{seeded['alice']}/recurring/{stream}", json={})
    assert put.status_code == 404
