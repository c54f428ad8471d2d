"""Input the databases cannot take answers 422 on both, writes nothing, logs one line."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from pattern.app.factory import PatternApp
from pattern.models import Base
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.logs import as_logged, capture_product_logs
from tests.support.users import sign_up_and_log_in

pytestmark = pytest.mark.reliability

NUL = "\x00"
TRANSACTIONS = "/api/users/{user}/transactions"

# (method, path, request arguments, the name the message must give)
REFUSED: list[tuple[str, str, dict[str, Any], str]] = [
    # NUL, which PostgreSQL cannot store in text: in bodies, keys, queries and paths.
    ("POST", "/api/sessions", {"json": {"username": f"a{NUL}", "password": "x"}}, "username"),
    ("POST", "/api/assets", {"json": {"description": f"car{NUL}", "value": "1.00"}}, "description"),
    ("PUT", "/api/assets/{asset}", {"json": {"description": NUL, "value": "1.00"}}, "description"),
    ("PATCH", "/api/transactions/{tx}", {"json": {"name": f"coffee{NUL}"}}, "name"),
    ("PATCH", "/api/transactions/{tx}", {"json": {"category": NUL}}, "category"),
    (
        "POST",
        "/api/users/{user}/rules",
        {"json": {"match_name": f"uber{NUL}", "set_name": "Taxi"}},
        "match_name",
    ),
    (
        "POST",
        "/api/users/{user}/rules/preview",
        {"json": {"match_merchant": f"Cafe{NUL}", "set_name": "Coffee"}},
        "match_merchant",
    ),
    ("POST", "/api/link-event", {"json": {"type": "exit", "status": f"x{NUL}"}}, "status"),
    (
        "POST",
        "/api/items",
        {"json": {"public_token": f"public-{NUL}", "institution_id": "ins_109508"}},
        "public_token",
    ),
    ("POST", "/api/assets", {"json": {f"value{NUL}": "1", "description": "a"}}, "value\\u0000"),
    ("GET", TRANSACTIONS, {"params": {"q": f"coffee{NUL}"}}, "q"),
    ("GET", TRANSACTIONS, {"params": {"category": f"Travel{NUL}"}}, "category"),
    ("GET", "/api/users/{user}/insights/trends", {"params": {"category": NUL}}, "category"),
    (
        "GET",
        "/api/users/{user}/insights/spending",
        {"params": {"currency": f"USD{NUL}"}},
        "currency",
    ),
    ("GET", "/api/institutions/ins_109508%00", {}, "path"),
    # Numbers and months beyond what the databases (or Python's dates) hold.
    ("GET", TRANSACTIONS, {"params": {"offset": str(2**63)}}, "offset"),
    ("GET", "/api/items/{item}/transactions", {"params": {"offset": str(2**63)}}, "offset"),
    ("GET", TRANSACTIONS, {"params": {"q": "1e999999999"}}, "q"),
    ("GET", TRANSACTIONS, {"params": {"q": "OR(tea 12345678901234567)"}}, "q"),
    ("GET", TRANSACTIONS, {"params": {"min_amount": "1e999999999"}}, "min_amount"),
    ("GET", TRANSACTIONS, {"params": {"max_amount": "-1e30"}}, "max_amount"),
    ("GET", TRANSACTIONS, {"params": {"month": "9999-12"}}, "month"),
    ("GET", TRANSACTIONS, {"params": {"month": "0000-01"}}, "month"),
    ("GET", TRANSACTIONS, {"params": {"q": "9999-12"}}, "q"),
    ("GET", TRANSACTIONS, {"params": {"q": "coffee dec 9999"}}, "q"),
    ("GET", TRANSACTIONS, {"params": {"q": "NOT(0000-01)"}}, "q"),
    ("GET", "/api/users/{user}/insights/spending", {"params": {"month": "9999-12"}}, "month"),
    ("GET", "/api/users/{user}/insights/spending", {"params": {"month": "0000-01"}}, "month"),
    # What no person's finances hold: a slip of the keyboard, refused rather than stored.
    ("PATCH", "/api/transactions/{tx}", {"json": {"date": "2099-01-01"}}, "date"),
    ("PATCH", "/api/transactions/{tx}", {"json": {"date": "1899-12-31"}}, "date"),
    ("POST", "/api/assets", {"json": {"description": "Yacht", "value": "99999999999999"}}, "value"),
    ("PUT", "/api/assets/{asset}", {"json": {"description": "Car", "value": "12.345"}}, "value"),
    (
        "POST",
        "/api/users/{user}/manual-accounts",
        {"json": {"name": f"Jar{NUL}", "type": "depository"}},
        "name",
    ),
    (
        "POST",
        "/api/users/{user}/manual-accounts",
        {"json": {"name": "Jar", "type": "depository", "current_balance": "1e14"}},
        "current_balance",
    ),
    (
        "POST",
        "/api/accounts/{account}/transactions",
        {"json": {"date": "2099-01-01", "name": "Later", "amount": "1.00"}},
        "date",
    ),
    (
        "POST",
        "/api/accounts/{account}/transactions",
        {"json": {"date": "2026-01-01", "name": "Coffee", "amount": "99999999999999"}},
        "amount",
    ),
    (
        "POST",
        "/api/accounts/{account}/transactions",
        {"json": {"date": "2026-01-01", "name": "", "amount": "1.00"}},
        "name",
    ),
    ("PATCH", "/api/transactions/{tx}", {"json": {"amount": "0.001"}}, "amount"),
    ("PATCH", "/api/accounts/{account}", {"json": {"current_balance": "1.001"}}, "current_balance"),
    (
        "POST",
        "/api/users/{user}/rules",
        {"json": {"max_amount": "99999999999999", "set_name": "Big"}},
        "max_amount",
    ),
    # Ids beyond the tables' 32-bit keys (found by the fuzzer: they were 500s).
    (
        "POST",
        "/api/users/{user}/transfers",
        {"json": {"transaction_ids": [1, 2**31]}},
        "transaction_ids",
    ),
    ("POST", "/api/items/sandbox/item/reset_login", {"json": {"item_id": 2**70}}, "item_id"),
    ("POST", "/api/link-token", {"json": {"item_id": 2**40}}, "item_id"),
    (
        "POST",
        "/api/users/{user}/transfers",
        {"json": {"transaction_ids": [0, 1]}},
        "transaction_ids",
    ),
]


@pytest.fixture
async def ids(client: httpx.AsyncClient, app: PatternApp) -> dict[str, int]:
    """A logged-in person with an item, an account, a transaction and an asset."""
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        account = await make_account(session, item.id)
        tx = await make_transaction(session, account.id)
        await session.commit()
    asset = await client.post("/api/assets", json={"description": "Car", "value": "9000.00"})
    return {
        "user": user["id"],
        "item": item.id,
        "account": account.id,
        "tx": tx.id,
        "asset": asset.json()["id"],
    }


async def everything_stored(app: PatternApp) -> dict[str, list[tuple[Any, ...]]]:
    async with app.parts.sessionmaker() as session:
        return {
            table.name: sorted(map(tuple, (await session.execute(select(table))).all()), key=repr)
            for table in Base.metadata.sorted_tables
        }


@pytest.mark.parametrize(("method", "path", "arguments", "name"), REFUSED)
async def test_input_the_databases_cannot_take_is_422(
    client: httpx.AsyncClient,
    app: PatternApp,
    ids: dict[str, int],
    caplog: pytest.LogCaptureFixture,
    method: str,
    path: str,
    arguments: dict[str, Any],
    name: str,
) -> None:
    """NUL text, offsets of 2**63, huge amounts, impossible months: 422, no write, one log line

    The body names the parameter; the log holds the request line only (no traceback, no
    SQL); every row of every table is as before."""
    before = await everything_stored(app)
    capture_product_logs(caplog)
    response = await client.request(method, path.format(**ids), **arguments)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert name in error["field"]  # for programs; the message says what is wrong in words
    assert "Value error" not in error["message"]  # for people, not Python's
    assert await everything_stored(app) == before
    logged = as_logged(caplog)
    assert [record.name for record in caplog.records] == ["pattern.requests"], logged
    assert NUL not in logged
    assert len(logged) < 300


@pytest.mark.parametrize("path", ["/api/transactions/{id}", "/api/items/{id}", "/api/assets/{id}"])
async def test_ids_beyond_the_keys_name_nothing(
    client: httpx.AsyncClient, ids: dict[str, int], path: str
) -> None:
    """The tables' keys are 32-bit on PostgreSQL: a bigger id is no row, not a 500."""
    for too_big in (2**31, 2**63):
        response = await client.get(path.format(id=too_big))
        assert response.status_code == 404, (too_big, response.text)
