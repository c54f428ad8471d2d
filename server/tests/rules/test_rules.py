"""Rules: CRUD, order and first match, applying to existing transactions, manual edits win."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in

SEED = [
    ("UBER 063015 SF**POOL**", "Travel", "Taxi"),
    ("Uber Eats", "Food and Drink", "Restaurants"),
    ("Lyft", "Travel", "Taxi"),
    ("Netflix", "Service", "Subscription"),
    ("Edited Uber", "Travel", "Taxi"),
]


@pytest.fixture
async def seeded(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        account = await make_account(session, item.id)
        ids = {}
        for name, category, subcategory in SEED:
            tx = await make_transaction(
                session,
                account.id,
                name=name,
                category=category,
                subcategory=subcategory,
                amount=Decimal("9.99"),
            )
            ids[name] = tx.id
        await session.commit()
    # A manual edit, which every rule must leave alone.
    await client.patch(f"/api/transactions/{ids['Edited Uber']}", json={"category": "Personal"})
    return {"user": user, "ids": ids, "rules": f"/api/users/{user['id']}/rules"}


async def by_name(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> dict[str, tuple[str, str, str]]:
    rows = (await client.get(f"/api/users/{seeded['user']['id']}/transactions")).json()
    return {r["original_name"]: (r["name"], r["category"], r["subcategory"]) for r in rows}


async def test_first_matching_rule_wins_and_apply_counts_changes(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    rules = seeded["rules"]
    first = await client.post(
        rules,
        json={"match_name": "uber", "match_category": "food and drink", "set_category": "Takeaway"},
    )
    assert first.status_code == 201, first.text
    second = await client.post(
        rules, json={"match_name": "UBER", "set_name": "Uber ride", "set_subcategory": "Rideshare"}
    )
    third = await client.post(rules, json={"match_subcategory": "taxi", "set_subcategory": "Cab"})
    assert [first.json()["position"], second.json()["position"], third.json()["position"]] == [
        0,
        1,
        2,
    ]

    applied = await client.post(f"{rules}/apply")
    assert applied.json() == {"changed": 3}
    after = await by_name(client, seeded)
    assert after["Uber Eats"] == ("Uber Eats", "Takeaway", "Restaurants")  # rule 1 only
    assert after["UBER 063015 SF**POOL**"] == ("Uber ride", "Travel", "Rideshare")  # rule 2 first
    assert after["Lyft"] == ("Lyft", "Travel", "Cab")
    assert after["Netflix"] == ("Netflix", "Service", "Subscription")
    assert after["Edited Uber"] == ("Edited Uber", "Personal", "Taxi")  # the manual edit wins
    assert (await client.post(f"{rules}/apply")).json() == {"changed": 0}

    # Reordering changes which rule wins; deleting one undoes its effect on the next apply.
    ids = [first.json()["id"], second.json()["id"], third.json()["id"]]
    reordered = await client.put(f"{rules}/order", json={"rule_ids": [ids[2], ids[0], ids[1]]})
    assert [r["id"] for r in reordered.json()] == [ids[2], ids[0], ids[1]]
    assert (await client.post(f"{rules}/apply")).json() == {"changed": 1}
    assert (await by_name(client, seeded))["UBER 063015 SF**POOL**"] == (
        "UBER 063015 SF**POOL**",
        "Travel",
        "Cab",
    )
    for rule_id in ids:
        assert (await client.delete(f"/api/rules/{rule_id}")).status_code == 204
    assert (await client.post(f"{rules}/apply")).json() == {"changed": 3}
    assert (await by_name(client, seeded))["Lyft"] == ("Lyft", "Travel", "Taxi")


async def test_rules_can_be_listed_and_changed(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    rules = seeded["rules"]
    created = (
        await client.post(rules, json={"match_name": "netflix", "set_category": "Fun"})
    ).json()
    changed = await client.put(
        f"/api/rules/{created['id']}", json={"match_name": "netflix", "set_category": "Streaming"}
    )
    assert changed.json()["set_category"] == "Streaming"
    listed = (await client.get(rules)).json()
    assert [(r["match_name"], r["set_category"]) for r in listed] == [("netflix", "Streaming")]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"set_category": "X"}, "something to match"),
        ({"match_name": "  ", "set_category": "X"}, "something to match"),
        ({"match_name": "uber"}, "something to set"),
        ({"match_name": "uber", "set_name": "x", "position": -1}, "position"),
        ({"match_name": "uber", "set_name": "x", "colour": "red"}, "colour"),
        ({"match_name": 5, "set_name": "x"}, "match_name"),
    ],
)
async def test_bad_rules_are_refused(
    client: httpx.AsyncClient, seeded: dict[str, Any], body: dict[str, Any], fragment: str
) -> None:
    response = await client.post(seeded["rules"], json=body)
    assert response.status_code == 422
    assert fragment in response.json()["error"]["message"]
    assert (await client.get(seeded["rules"])).json() == []


async def test_reorder_must_name_every_rule_once(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    rule = (await client.post(seeded["rules"], json={"match_name": "a", "set_name": "b"})).json()
    for ids in ([], [rule["id"], rule["id"]], [rule["id"] + 1]):
        response = await client.put(f"{seeded['rules']}/order", json={"rule_ids": ids})
        assert response.status_code == 422


async def test_others_rules_are_404(
    client: httpx.AsyncClient, seeded: dict[str, Any], new_client: Any
) -> None:
    rule = (await client.post(seeded["rules"], json={"match_name": "a", "set_name": "b"})).json()
    other = new_client()
    await sign_up_and_log_in(other, "mallory")
    assert (await other.get(seeded["rules"])).status_code == 404
    assert (
        await other.post(seeded["rules"], json={"match_name": "a", "set_name": "b"})
    ).status_code == 404
    assert (await other.post(f"{seeded['rules']}/apply")).status_code == 404
    assert (
        await other.put(f"/api/rules/{rule['id']}", json={"match_name": "x", "set_name": "y"})
    ).status_code == 404
    assert (await other.delete(f"/api/rules/{rule['id']}")).status_code == 404
    assert len((await client.get(seeded["rules"])).json()) == 1
