"""Linking a bank: Plaid names the institution, and no failed link leaves an item at Plaid."""

from __future__ import annotations

import json
from typing import Any

import plaid
import pytest
from plaid.model.item_get_request import ItemGetRequest

from pattern.items.service import DUPLICATE
from tests.support.logs import as_logged, capture_product_logs
from tests.support.plaid_stack import Stack, add_bank, link_through_emulator, signed_up

pytestmark = pytest.mark.reliability

FIRST_PLATYPUS = ("ins_109508", "First Platypus Bank")
OTHER_BANK = "ins_109509"


def record_exchanges(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The access tokens of the app's exchanges from now on: those it may have to remove."""
    tokens: list[str] = []
    client = stack.app.parts.plaid
    exchange = client.exchange_public_token

    async def recording(public_token: str, *, user_id: int) -> dict[str, Any]:
        answer = await exchange(public_token, user_id=user_id)
        tokens.append(answer["access_token"])
        return answer

    monkeypatch.setattr(client, "exchange_public_token", recording)
    return tokens


def removed_at_plaid(stack: Stack, access_token: str) -> bool:
    try:
        stack.plaid().item_get(ItemGetRequest(access_token=access_token))
    except plaid.ApiException as exc:
        return json.loads(exc.body)["error_code"] in {"ITEM_NOT_FOUND", "INVALID_ACCESS_TOKEN"}
    return False


async def test_the_institution_and_its_name_come_from_plaid_not_the_client(stack: Stack) -> None:
    """A client claims another bank and a made-up name: the item gets Plaid's institution"""
    async with stack.client() as http:
        await signed_up(http, "alice")
        link = await link_through_emulator(http, stack)  # at First Platypus Bank
        response = await http.post(
            "/api/items",
            json={
                "public_token": link["public_token"],
                "institution_id": OTHER_BANK,
                "institution_name": "Definitely Not Platypus",
            },
        )
    assert response.status_code == 201, response.text
    item = response.json()
    assert (item["plaid_institution_id"], item["institution_name"]) == FIRST_PLATYPUS
    stored = stack.run(stack.items_in_db())
    assert [(i.plaid_institution_id, i.institution_name) for i in stored] == [FIRST_PLATYPUS]


async def test_a_lying_client_cannot_link_a_second_item_at_one_institution(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second item at a linked bank, claiming another bank: 409, the extra removed at Plaid"""
    async with stack.client() as http:
        await signed_up(http, "alice")
        first, _ = await add_bank(http, stack)
        assert first.status_code == 201, first.text
        exchanged = record_exchanges(stack, monkeypatch)
        link = await link_through_emulator(http, stack)  # First Platypus Bank again
        lying = await http.post(
            "/api/items", json={"public_token": link["public_token"], "institution_id": OTHER_BANK}
        )
        assert lying.status_code == 409, lying.text
        assert lying.json()["error"] == {"code": "duplicate_item", "message": DUPLICATE}
        # An honest client naming a linked bank is refused before any exchange.
        honest, _ = await add_bank(http, stack)
        assert honest.status_code == 409
    assert len(exchanged) == 1
    assert removed_at_plaid(stack, exchanged[0])
    assert [i.id for i in stack.run(stack.items_in_db())] == [first.json()["id"]]


REFUSE_SQLITE = (
    # A function the database does not know: the insert fails as an OperationalError
    # (SQLite's RAISE() would be an IntegrityError, which the link takes for a duplicate).
    "CREATE TRIGGER refuse_items BEFORE INSERT ON items BEGIN SELECT disk_is_full(); END"
)
REFUSE_POSTGRES = (
    # With the failing row in its DETAIL, as PostgreSQL's own constraint errors have it.
    """
    CREATE FUNCTION refuse_items() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'could not extend file: No space left on device'
            USING ERRCODE = 'disk_full', DETAIL = 'Failing row contains ' || NEW::text || '.';
    END $$
    """,
)
TRIGGER_POSTGRES = {
    "insert": "CREATE TRIGGER refuse_items BEFORE INSERT ON items "
    "FOR EACH ROW EXECUTE FUNCTION refuse_items()",
    "commit": "CREATE CONSTRAINT TRIGGER refuse_items AFTER INSERT ON items "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_items()",
}


async def refuse_new_items(stack: Stack, when: str) -> None:
    async with stack.app.parts.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            await connection.exec_driver_sql(REFUSE_SQLITE)
        else:
            await connection.exec_driver_sql(REFUSE_POSTGRES[0])
            await connection.exec_driver_sql(TRIGGER_POSTGRES[when])


@pytest.mark.parametrize("when", ["insert", "commit"])
async def test_a_failure_after_the_exchange_removes_the_item_at_plaid(
    stack: Stack, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, when: str
) -> None:
    """The database refuses the item after the exchange: 500, item removed at Plaid, no value logged

    At its insert, or at the commit (PostgreSQL); nothing is stored, and neither the access
    token, nor its encrypted form, nor the failing row reaches the log."""
    if when == "commit" and stack.app.parts.engine.dialect.name == "sqlite":
        pytest.skip("SQLite has no deferred triggers")
    capture_product_logs(caplog)
    async with stack.client() as http:
        await signed_up(http, "alice")
        exchanged = record_exchanges(stack, monkeypatch)
        stack.run(refuse_new_items(stack, when))
        response, _ = await add_bank(http, stack)
    assert response.status_code == 500, response.text
    assert response.json()["error"] == {
        "code": "internal_error",
        "message": "Internal server error.",
    }
    assert len(exchanged) == 1
    assert removed_at_plaid(stack, exchanged[0])
    assert stack.run(stack.items_in_db()) == []
    for log_format in ("text", "json"):
        logged = as_logged(caplog, log_format)
        assert "unhandled error" in logged
        assert exchanged[0] not in logged
        assert "gAAAAA" not in logged  # the start of every encrypted token
        assert "Failing row" not in logged
        assert "[parameters:" not in logged  # SQLAlchemy's list of a statement's values
