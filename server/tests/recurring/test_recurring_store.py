"""The stored streams: there after a link without a read, refreshed in the background after
a person's edit (the read meanwhile answers with the stored ones), overrides kept."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from pattern.app.factory import PatternApp
from pattern.models import RecurringStream, User
from pattern.recurring.detection import add_months
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.plaid_stack import Stack, add_bank, signed_up
from tests.support.users import sign_up_and_log_in

TODAY = date.today()


def months_back(day: int, count: int) -> list[date]:
    last = add_months(TODAY, 0 if TODAY.day > day else -1, day=day)
    return [add_months(last, -k, day=day) for k in reversed(range(count))]


class Told:
    """The events the refresher sends, by person."""

    def __init__(self) -> None:
        self.events: list[tuple[int, str]] = []

    async def emit_to_user(self, user_id: int, event: str, data: Any = None) -> None:
        self.events.append((user_id, event))


@pytest.fixture
async def alice(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]), institution_name="First Bank")
        checking = await make_account(session, item.id, name="Checking")
        rows: dict[str, list[int]] = {}
        for name, day, amount, category in (
            ("Netflix", 8, "15.49", "ENTERTAINMENT"),
            ("City Power", 12, "90.00", "RENT_AND_UTILITIES"),
        ):
            for when in months_back(day, 6):
                made = await make_transaction(
                    session,
                    checking.id,
                    name=name,
                    merchant_name=name,
                    amount=Decimal(amount),
                    date=when,
                    category=category,
                )
                rows.setdefault(name, []).append(made.id)
        await session.commit()
    return {"id": user["id"], "rows": rows}


async def streams(client: httpx.AsyncClient, user_id: int) -> dict[str, dict[str, Any]]:
    response = await client.get(f"/api/users/{user_id}/recurring")
    assert response.status_code == 200, response.text
    return {s["merchant_name"]: s for s in response.json()["streams"]}


async def test_an_edit_shows_after_the_background_refresh_and_overrides_stay(
    client: httpx.AsyncClient, app: PatternApp, alice: dict[str, Any]
) -> None:
    told = Told()
    app.parts.recurring._events = told
    user = alice["id"]
    first = await streams(client, user)
    assert set(first) == {"Netflix", "City Power"}
    assert {s["source"] for s in first.values()} == {"detected"}
    power = first["City Power"]["stream_id"]
    said = await client.put(f"/api/users/{user}/recurring/{power}", json={"expected_amount": "120"})
    assert said.status_code == 204, said.text

    # The person hides Netflix's payments: no longer a stream of theirs.
    for row in alice["rows"]["Netflix"]:
        hidden = await client.patch(f"/api/transactions/{row}", json={"hidden": True})
        assert hidden.status_code == 200, hidden.text
    # The read right after answers with the stored streams, and has them refreshed.
    assert set(await streams(client, user)) == {"Netflix", "City Power"}
    await app.parts.wait_idle()
    assert told.events == [(user, "RECURRING_UPDATED")]

    after = await streams(client, user)
    assert set(after) == {"City Power"}
    assert after["City Power"]["stream_id"] == power
    assert Decimal(after["City Power"]["expected_amount"]) == 120
    # Nothing changed since: no further refresh.
    await app.parts.wait_idle()
    assert len(told.events) == 1


async def test_the_forecast_reads_the_stored_streams(
    client: httpx.AsyncClient, app: PatternApp, alice: dict[str, Any]
) -> None:
    user = alice["id"]
    await streams(client, user)
    forecast = (await client.get(f"/api/users/{user}/forecast")).json()
    due = {d["description"] for day in forecast["accounts"][0]["days"] for d in day["due"]}
    assert due == {"Netflix", "City Power"}


async def test_a_linked_banks_streams_are_stored_without_a_read(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        created, _ = await add_bank(http, stack)
        assert created.status_code == 201, created.text
        stack.settle()

        async def stored() -> tuple[list[RecurringStream], User | None]:
            async with stack.app.parts.sessionmaker() as session:
                rows = await session.scalars(
                    select(RecurringStream).where(RecurringStream.user_id == user["id"])
                )
                return list(rows), await session.get(User, user["id"])

        rows, person = stack.run(stored())
        assert len(rows) >= 5
        assert person is not None
        assert person.recurring_version is not None
        assert all(0 < r.data_version <= person.data_version for r in rows)
        shown = (await http.get(f"/api/users/{user['id']}/recurring")).json()["streams"]
        assert {s["stream_id"] for s in shown} == {r.stream_id for r in rows}


async def test_a_renamed_stream_keeps_its_id_and_what_the_person_said(
    client: httpx.AsyncClient, app: PatternApp
) -> None:
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        checking = await make_account(session, item.id)
        for number, when in enumerate(months_back(5, 6)):
            # The bank's description only (no merchant from Plaid), a number in each.
            await make_transaction(
                session,
                checking.id,
                name=f"IRONWORKS GYM #{1000 + number}",
                amount=Decimal("42.00"),
                date=when,
                category="PERSONAL_CARE",
            )
        await session.commit()
    first = (await client.get(f"/api/users/{user['id']}/recurring")).json()["streams"]
    assert len(first) == 1
    gym = first[0]["stream_id"]
    said = await client.put(
        f"/api/users/{user['id']}/recurring/{gym}", json={"not_recurring": True}
    )
    assert said.status_code == 204, said.text

    rule = await client.post(
        f"/api/users/{user['id']}/rules", json={"match_name": "IRONWORKS", "set_name": "Gym"}
    )
    assert rule.status_code == 201, rule.text
    applied = await client.post(f"/api/users/{user['id']}/rules/apply")
    assert applied.json()["changed"] == 6
    await client.get(f"/api/users/{user['id']}/recurring")  # finds them old: refreshed
    await app.parts.wait_idle()

    after = (await client.get(f"/api/users/{user['id']}/recurring")).json()["streams"]
    assert [(s["stream_id"], s["description"], s["not_recurring"]) for s in after] == [
        (gym, "Gym", True)
    ]
