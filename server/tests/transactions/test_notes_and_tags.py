"""A person's notes and tags on transactions: kept, searched, exported, refused when wrong."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in


@pytest.fixture
async def three(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        account = await make_account(session, item.id)
        ids = [
            (
                await make_transaction(
                    session, account.id, name=name, amount=Decimal("10"), date=date(2024, 3, day)
                )
            ).id
            for day, name in ((1, "Hotel Lisboa"), (2, "Train to Porto"), (3, "Groceries"))
        ]
        await session.commit()
    return {"user": user["id"], "ids": ids}


async def names(client: httpx.AsyncClient, user: int, q: str) -> set[str]:
    response = await client.get(f"/api/users/{user}/transactions", params={"q": q})
    assert response.status_code == 200, response.text
    return {row["name"] for row in response.json()}


async def test_a_note_and_tags_are_kept_and_shown(
    client: httpx.AsyncClient, three: dict[str, Any]
) -> None:
    path = f"/api/transactions/{three['ids'][0]}"
    edited = await client.patch(
        path, json={"note": "  Paid for Ana too \n", "tags": ["Vacation", "tax-2024", "vacation"]}
    )
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert body["note"] == "Paid for Ana too"
    assert body["tags"] == ["Vacation", "tax-2024"]  # each once, in the person's order
    assert body["manually_updated"] is False  # Plaid's values are untouched
    listed = (await client.get(f"/api/users/{three['user']}/transactions")).json()
    assert {row["id"]: row["tags"] for row in listed}[three["ids"][0]] == ["Vacation", "tax-2024"]
    assert {row["id"]: row["tags"] for row in listed}[three["ids"][1]] == []
    # Revert puts back Plaid's values; the note and tags are the person's and stay.
    reverted = (await client.post(f"{path}/revert")).json()
    assert (reverted["note"], reverted["tags"]) == ("Paid for Ana too", ["Vacation", "tax-2024"])
    cleared = (await client.patch(path, json={"note": " ", "tags": []})).json()
    assert (cleared["note"], cleared["tags"]) == (None, [])


async def test_tags_and_notes_are_searched(
    client: httpx.AsyncClient, three: dict[str, Any]
) -> None:
    hotel, train, _ = three["ids"]
    await client.patch(f"/api/transactions/{hotel}", json={"tags": ["Vacation"]})
    await client.patch(
        f"/api/transactions/{train}", json={"tags": ["vacations"], "note": "Seat 42, window"}
    )
    user = three["user"]
    assert await names(client, user, "tag:vacation") == {"Hotel Lisboa"}  # whole tags only
    assert await names(client, user, "TAG:VACATIONS") == {"Train to Porto"}
    assert await names(client, user, "NOT(tag:vacation)") == {"Train to Porto", "Groceries"}
    assert await names(client, user, "OR(tag:vacation tag:vacations)") == {
        "Hotel Lisboa",
        "Train to Porto",
    }
    assert await names(client, user, "window") == {"Train to Porto"}  # a word of the note
    assert await names(client, user, '"seat 42"') == {"Train to Porto"}
    assert await names(client, user, "tag:%") == set()  # a wildcard is a character here


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"tags": ["two words"]}, "tags.0"),
        ({"tags": ["a,b"]}, "tags.0"),
        ({"tags": [""]}, "tags.0"),
        ({"tags": ["x" * 41]}, "tags.0"),
        ({"tags": [f"t{n}" for n in range(21)]}, "tags"),
        ({"tags": None}, None),
        ({"note": "n" * 2001}, "note"),
    ],
)
async def test_a_wrong_tag_or_note_is_422_and_changes_nothing(
    client: httpx.AsyncClient, three: dict[str, Any], body: dict[str, Any], field: str | None
) -> None:
    path = f"/api/transactions/{three['ids'][0]}"
    await client.patch(path, json={"tags": ["kept"], "note": "kept"})
    response = await client.patch(path, json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"].get("field") == field
    listed = (await client.get(f"/api/users/{three['user']}/transactions")).json()
    assert {row["id"]: (row["tags"], row["note"]) for row in listed}[three["ids"][0]] == (
        ["kept"],
        "kept",
    )


async def test_the_export_has_the_tags_and_the_note(
    client: httpx.AsyncClient, three: dict[str, Any]
) -> None:
    hotel = three["ids"][0]
    await client.patch(
        f"/api/transactions/{hotel}", json={"tags": ["Vacation", "work"], "note": "=1+1"}
    )
    response = await client.get(f"/api/users/{three['user']}/transactions.csv")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(response.text))}
    assert rows["Hotel Lisboa"]["tags"] == "Vacation work"
    assert rows["Hotel Lisboa"]["note"] == "'=1+1"  # never a live spreadsheet formula
    assert (rows["Groceries"]["tags"], rows["Groceries"]["note"]) == ("", "")
