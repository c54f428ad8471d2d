"""Editing many transactions at once: the ones picked, or every one a search matches."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import STRONG_PASSWORD, log_in, sign_up_and_log_in

NAMES = ("Uber 0615", "Uber 0702", "Lyft 33", "Groceries")


@pytest.fixture
async def rides(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        account = await make_account(session, item.id)
        ids = {
            name: (
                await make_transaction(
                    session,
                    account.id,
                    name=name,
                    amount=Decimal("10.00"),
                    date=date(2024, 3, day),
                    category="TRANSPORTATION" if day < 4 else "FOOD_AND_DRINK",
                    tags="work" if name == "Lyft 33" else None,
                )
            ).id
            for day, name in enumerate(NAMES, start=1)
        }
        await session.commit()
    return {"user": user["id"], "ids": ids}


async def rows(client: httpx.AsyncClient, user: int, **params: Any) -> dict[str, dict[str, Any]]:
    response = await client.get(f"/api/users/{user}/transactions", params=params)
    assert response.status_code == 200, response.text
    return {row["name"]: row for row in response.json()}


async def bulk(
    client: httpx.AsyncClient, user: int, body: dict[str, Any], **params: Any
) -> httpx.Response:
    return await client.post(f"/api/users/{user}/transactions/bulk-edit", params=params, json=body)


async def test_the_picked_ones_get_a_category_kept_as_an_edit(
    client: httpx.AsyncClient, rides: dict[str, Any]
) -> None:
    user, ids = rides["user"], rides["ids"]
    picked = [ids["Uber 0615"], ids["Lyft 33"]]
    answer = await bulk(client, user, {"ids": picked, "changes": {"category": "TRAVEL"}})
    assert answer.json() == {"updated": 2}
    found = await rows(client, user)
    assert {name: row["category"] for name, row in found.items()} == {
        "Uber 0615": "TRAVEL",
        "Uber 0702": "TRANSPORTATION",
        "Lyft 33": "TRAVEL",
        "Groceries": "FOOD_AND_DRINK",
    }
    assert found["Uber 0615"]["manually_updated"] is True
    assert found["Uber 0702"]["manually_updated"] is False


async def test_every_match_of_a_search_is_tagged_then_hidden(
    client: httpx.AsyncClient, rides: dict[str, Any]
) -> None:
    user = rides["user"]
    tagged = await bulk(
        client, user, {"changes": {"add_tags": ["Taxi", "work"]}}, q="OR(uber lyft)"
    )
    assert tagged.json() == {"updated": 3}
    found = await rows(client, user)
    assert found["Uber 0615"]["tags"] == ["Taxi", "work"]
    assert found["Lyft 33"]["tags"] == ["work", "Taxi"]  # kept once, in order
    assert found["Groceries"]["tags"] == []
    removed = await bulk(client, user, {"changes": {"remove_tags": ["WORK"]}}, q="tag:taxi")
    assert removed.json() == {"updated": 3}
    assert (await rows(client, user))["Lyft 33"]["tags"] == ["Taxi"]

    spending = f"/api/users/{user}/insights/spending"
    before = (await client.get(spending, params={"month": "2024-03"})).json()["total"]
    hidden = await bulk(client, user, {"changes": {"hidden": True}}, category="TRANSPORTATION")
    assert hidden.json() == {"updated": 3}
    assert set(await rows(client, user)) == {"Groceries"}
    after = (await client.get(spending, params={"month": "2024-03"})).json()["total"]
    assert (before, after) == ("40.00", "10.00")
    # The hidden list, shown again.
    shown = await bulk(client, user, {"changes": {"hidden": False}}, hidden="true")
    assert shown.json() == {"updated": 3}
    assert len(await rows(client, user)) == 4


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"changes": {}}, "changes"),
        ({"changes": {"hidden": None}}, "changes"),
        ({"changes": {"add_tags": ["two words"]}}, "changes.add_tags.0"),
        ({"changes": {"category": "x" * 256}}, "changes.category"),
        ({"changes": {"colour": "red"}}, "changes.colour"),
        ({"ids": [], "changes": {"hidden": True}}, "ids"),
        ({"ids": list(range(1, 10_002)), "changes": {"hidden": True}}, "ids"),
        ({"ids": [0], "changes": {"hidden": True}}, "ids.0"),
    ],
)
async def test_a_wrong_edit_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, rides: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    user = rides["user"]
    before = await rows(client, user)
    answer = await bulk(client, user, body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["field"] == field
    assert await rows(client, user) == before


async def test_another_persons_transactions_are_out_of_reach(
    client: httpx.AsyncClient, rides: dict[str, Any]
) -> None:
    theirs = list(rides["ids"].values())
    await client.delete("/api/sessions")
    mallory = await sign_up_and_log_in(client, username="mallory")
    mine = await bulk(client, mallory["id"], {"ids": theirs, "changes": {"hidden": True}})
    assert mine.json() == {"updated": 0}
    theirs_path = await bulk(client, rides["user"], {"changes": {"hidden": True}})
    assert theirs_path.status_code == 404
    await client.delete("/api/sessions")
    await log_in(client, "alice", STRONG_PASSWORD)
    assert len(await rows(client, rides["user"])) == 4  # none hidden
