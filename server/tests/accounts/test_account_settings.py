"""A person's own name for an account, hiding it, and leaving it out of net worth."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in


@pytest.fixture
async def owned(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        checking = await make_account(
            session, item.id, name="Plaid Checking", current_balance=Decimal("1000.00")
        )
        card = await make_account(
            session,
            item.id,
            name="Plaid Credit Card",
            type="credit",
            subtype="credit card",
            current_balance=Decimal("410.00"),
            credit_limit=Decimal("2000.00"),
        )
        await session.commit()
    return {"user_id": user["id"], "checking": checking.id, "card": card.id}


async def worth(client: httpx.AsyncClient, user_id: int) -> str:
    found: str = (await client.get(f"/api/users/{user_id}/net-worth")).json()[0]["net_worth"]
    return found


async def test_a_renamed_account_keeps_plaids_name(
    client: httpx.AsyncClient, owned: dict[str, Any]
) -> None:
    path = f"/api/accounts/{owned['checking']}"
    renamed = await client.patch(path, json={"display_name": "  Bills  "})
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["display_name"] == "Bills"
    assert renamed.json()["name"] == "Plaid Checking"
    cleared = await client.patch(path, json={"display_name": ""})
    assert cleared.json()["display_name"] is None


async def test_the_persons_name_is_the_one_transactions_show_and_search(
    client: httpx.AsyncClient, app: PatternApp, owned: dict[str, Any]
) -> None:
    async with app.parts.sessionmaker() as session:
        await make_transaction(session, owned["checking"], name="Rent")
        await session.commit()
    await client.patch(f"/api/accounts/{owned['checking']}", json={"display_name": "Bills"})
    listed = f"/api/users/{owned['user_id']}/transactions"
    rows = (await client.get(listed)).json()
    assert [row["account_name"] for row in rows] == ["Bills"]
    assert len((await client.get(listed, params={"q": "bills"})).json()) == 1
    csv_text = (await client.get(f"{listed}.csv")).text
    assert ",Bills," in csv_text


async def test_a_hidden_account_is_listed_only_when_asked(
    client: httpx.AsyncClient, owned: dict[str, Any]
) -> None:
    user_id = owned["user_id"]
    hidden = await client.patch(f"/api/accounts/{owned['card']}", json={"hidden": True})
    assert hidden.json()["hidden"] is True
    listed = (await client.get(f"/api/users/{user_id}/accounts")).json()
    assert [a["id"] for a in listed] == [owned["checking"]]
    every = (
        await client.get(f"/api/users/{user_id}/accounts", params={"include_hidden": "true"})
    ).json()
    assert {a["id"] for a in every} == {owned["checking"], owned["card"]}
    # Hidden is not excluded: the card still counts in net worth.
    assert await worth(client, user_id) == "590.00"


async def test_an_excluded_account_leaves_net_worth_and_todays_snapshot(
    client: httpx.AsyncClient, owned: dict[str, Any]
) -> None:
    user_id = owned["user_id"]
    assert await worth(client, user_id) == "590.00"
    excluded = await client.patch(
        f"/api/accounts/{owned['card']}", json={"excluded_from_net_worth": True}
    )
    assert excluded.json()["excluded_from_net_worth"] is True
    assert await worth(client, user_id) == "1000.00"
    history = (await client.get(f"/api/users/{user_id}/net-worth/history")).json()
    assert history[-1]["net_worth"] == "1000.00"
    await client.patch(f"/api/accounts/{owned['card']}", json={"excluded_from_net_worth": False})
    assert await worth(client, user_id) == "590.00"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"display_name": "x" * 256}, "display_name"),
        ({"hidden": None}, "hidden"),
        ({"hidden": "perhaps"}, "hidden"),
        ({"excluded_from_net_worth": []}, "excluded_from_net_worth"),
        ({"display_name": "Bills", "name": "Plaid's"}, "name"),
    ],
)
async def test_bad_settings_are_422_and_change_nothing(
    client: httpx.AsyncClient, owned: dict[str, Any], body: dict[str, Any], fragment: str
) -> None:
    response = await client.patch(f"/api/accounts/{owned['checking']}", json=body)
    assert response.status_code == 422, response.text
    assert fragment in response.json()["error"]["message"]
    listed = (await client.get(f"/api/users/{owned['user_id']}/accounts")).json()
    checking = next(a for a in listed if a["id"] == owned["checking"])
    assert (checking["display_name"], checking["hidden"]) == (None, False)
    assert checking["excluded_from_net_worth"] is False


async def test_someone_elses_account_is_not_found(
    client: httpx.AsyncClient, owned: dict[str, Any], new_client: Any
) -> None:
    other = new_client()
    await sign_up_and_log_in(other, "mallory")
    response = await other.patch(f"/api/accounts/{owned['checking']}", json={"hidden": True})
    assert response.status_code == 404
    listed = (await client.get(f"/api/users/{owned['user_id']}/accounts")).json()
    assert all(not a["hidden"] for a in listed)
