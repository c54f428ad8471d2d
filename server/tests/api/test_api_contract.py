"""One JSON casing both ways: request keys are snake_case, as every response's are."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from pattern.app.openapi import openapi_schema
from tests.support.users import STRONG_PASSWORD, sign_up_and_log_in

# What is checked here is HTTP and validation, the same on either database.
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")

# (method, path, a body with one camelCase key)
CAMEL_CASE_BODIES: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/api/assets", {"description": "Car", "value": "1.00", "isoCurrencyCode": "EUR"}),
    ("POST", "/api/users/{user}/rules", {"matchName": "uber", "set_name": "Taxi"}),
    ("PUT", "/api/users/{user}/rules/order", {"ruleIds": []}),
    ("POST", "/api/link-token", {"itemId": 1}),
    ("POST", "/api/invites", {"expiresInDays": 3}),
    (
        "PUT",
        "/api/users/{user}/password",
        {"currentPassword": STRONG_PASSWORD, "new_password": "battery-staple-77"},
    ),
]


@pytest.mark.parametrize(("method", "path", "body"), CAMEL_CASE_BODIES)
async def test_a_camel_case_key_is_an_unknown_field(
    client: httpx.AsyncClient, method: str, path: str, body: dict[str, Any]
) -> None:
    user = await sign_up_and_log_in(client)
    response = await client.request(method, path.format(user=user["id"]), json=body)
    assert response.status_code == 422, response.text
    camel = next(key for key in body if not SNAKE_CASE.fullmatch(key))
    assert f"{camel}: Extra inputs are not permitted" in response.json()["error"]["message"]
    assert (await client.get(f"/api/users/{user['id']}/assets")).json() == []
    assert (await client.get(f"/api/users/{user['id']}/rules")).json() == []


def names_in(schema: Any) -> list[str]:
    """Every property name in a piece of a JSON schema."""
    if isinstance(schema, list):
        return [name for part in schema for name in names_in(part)]
    if not isinstance(schema, dict):
        return []
    names = list(schema.get("properties", {}))
    return names + [name for value in schema.values() for name in names_in(value)]


async def test_every_key_and_query_parameter_in_the_schema_is_snake_case(
    app: PatternApp,
) -> None:
    schema = app.api.openapi()
    parameters = [
        parameter["name"]
        for path in schema["paths"].values()
        for operation in path.values()
        for parameter in operation.get("parameters", [])
    ]
    keys = names_in(schema["components"]["schemas"])
    # It looked in the right places.
    assert "rule_ids" in keys
    assert "start_date" in parameters
    assert [name for name in parameters + keys if not SNAKE_CASE.fullmatch(name)] == []


async def test_the_schema_command_writes_what_the_server_serves(
    app: PatternApp, client: httpx.AsyncClient
) -> None:
    """python -m pattern.app.openapi (the client's types come from it) builds the schema from
    the routes alone; it must be the running server's."""
    served = (await client.get("/api/openapi.json")).json()
    assert served == openapi_schema()
    assert served == app.api.openapi()
