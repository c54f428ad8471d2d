"""Responses checked against Plaid's own OpenAPI description, when it is at hand.

Set PLAID_OPENAPI_SPEC to a copy of plaid/plaid-openapi's 2020-09-14.yml (by default
shared/plaid-openapi/2020-09-14.yml beside the checkout); without it, or without PyYAML,
these tests skip: the project never depends on the file. Every required field must be present, and
every field the spec describes must have its JSON type, nullability, enum and date format.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from plaid.api import plaid_api

from plaid_emulator import create_app
from plaid_emulator.testing import run_in_thread

from .conftest import FAST, Receiver, link_item

# The checkout's sibling shared/ folder, where the team keeps reference material.
_BESIDE_CHECKOUT = (
    Path(__file__).resolve().parents[3].parent / "shared/plaid-openapi/2020-09-14.yml"
)
SPEC = Path(os.environ.get("PLAID_OPENAPI_SPEC", str(_BESIDE_CHECKOUT)))
AUTH = {"client_id": "test-client", "secret": "test-secret"}
Schema = dict[str, Any]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    if not SPEC.is_file():
        pytest.skip(f"Plaid's OpenAPI spec is not at {SPEC} (set PLAID_OPENAPI_SPEC)")
    yaml = pytest.importorskip("yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with SPEC.open() as f:
        data: dict[str, Any] = yaml.load(f, Loader=loader)
    return data


def _resolve(spec: dict[str, Any], schema: Schema) -> Schema:
    while "$ref" in schema:
        node: Any = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


def problems(spec: dict[str, Any], value: Any, schema: Schema, where: str) -> Iterator[str]:
    """What is wrong with `value` as an instance of `schema` (OpenAPI 3.0 subset)."""
    schema = _resolve(spec, schema)
    parts = [_resolve(spec, s) for s in schema.get("allOf", [])]
    if value is None:
        if not (schema.get("nullable") or any(p.get("nullable") for p in parts)):
            yield f"{where}: null where the spec does not allow it"
        return
    for part in parts:
        yield from problems(spec, value, part, where)
    kind = schema.get("type")
    if kind in _TYPES:
        ok = isinstance(value, _TYPES[kind]) and not (
            isinstance(value, bool) and kind in ("integer", "number")
        )
        if not ok:
            yield f"{where}: {type(value).__name__} where the spec says {kind}"
            return
    if "enum" in schema and value not in schema["enum"]:
        yield f"{where}: {value!r} is not one of {schema['enum']}"
    if schema.get("format") in ("date", "date-time") and isinstance(value, str):
        try:
            parse = date.fromisoformat if schema["format"] == "date" else datetime.fromisoformat
            parse(value.replace("Z", "+00:00"))
        except ValueError:
            yield f"{where}: {value!r} is not a {schema['format']}"
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                yield f"{where}.{name}: required, missing"
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                yield from problems(spec, value[name], sub, f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for n, element in enumerate(value):
            yield from problems(spec, element, schema["items"], f"{where}[{n}]")


def assert_conforms(spec: dict[str, Any], path: str, response: httpx.Response) -> None:
    answers = spec["paths"][path]["post"]["responses"]
    answer = answers["200"] if response.is_success else answers["default"]
    schema = answer["content"]["application/json"]["schema"]
    found = list(problems(spec, response.json(), schema, path))
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def http(emulator_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator_url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def dynamic_item(client: plaid_api.PlaidApi, http: httpx.Client) -> str:
    """An item whose change log has additions, modifications and removals."""
    access_token, _ = link_item(
        client,
        username="user_transactions_dynamic",
        days_requested=730,
        products=("transactions", "recurring_transactions"),
    )
    http.post("/transactions/refresh", json={**AUTH, "access_token": access_token})
    return access_token


def call(http: httpx.Client, path: str, body: dict[str, Any]) -> httpx.Response:
    return http.post(path, json={**AUTH, **body})


def test_transactions_sync(spec: dict[str, Any], http: httpx.Client, dynamic_item: str) -> None:
    body = {"access_token": dynamic_item, "count": 500, "cursor": ""}
    pages = 0
    while True:
        response = call(http, "/transactions/sync", body)
        assert_conforms(spec, "/transactions/sync", response)
        pages += 1
        page = response.json()
        if not page["has_more"]:
            break
        body["cursor"] = page["next_cursor"]
    assert pages > 1
    body["options"] = {"include_original_description": True}
    body["cursor"] = ""
    assert_conforms(spec, "/transactions/sync", call(http, "/transactions/sync", body))


def test_transactions_sync_after_changes(
    spec: dict[str, Any], http: httpx.Client, client: plaid_api.PlaidApi
) -> None:
    access_token, _ = link_item(client, username="user_transactions_dynamic")
    now = call(http, "/transactions/sync", {"access_token": access_token, "cursor": "now"})
    call(http, "/transactions/refresh", {"access_token": access_token})
    changes = call(
        http,
        "/transactions/sync",
        {"access_token": access_token, "cursor": now.json()["next_cursor"]},
    )
    assert changes.json()["added"]
    assert changes.json()["modified"]
    assert changes.json()["removed"]
    assert_conforms(spec, "/transactions/sync", changes)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/accounts/get", {}),
        ("/accounts/balance/get", {}),
        ("/item/get", {}),
        ("/transactions/refresh", {}),
        ("/transactions/recurring/get", {}),
        (
            "/transactions/recurring/get",
            {"options": {"personal_finance_category_version": "v2"}},
        ),
        (
            "/transactions/get",
            {
                "start_date": (date.today() - timedelta(days=60)).isoformat(),
                "end_date": date.today().isoformat(),
                "options": {"count": 500, "include_original_description": True},
            },
        ),
    ],
)
def test_item_endpoints(
    spec: dict[str, Any], http: httpx.Client, dynamic_item: str, path: str, body: dict[str, Any]
) -> None:
    assert_conforms(spec, path, call(http, path, {"access_token": dynamic_item, **body}))


def test_link_flow_endpoints(spec: dict[str, Any], http: httpx.Client) -> None:
    link = call(
        http,
        "/link/token/create",
        {
            "client_name": "Pattern",
            "language": "en",
            "country_codes": ["US"],
            "user": {"client_user_id": "u1"},
            "products": ["transactions"],
        },
    )
    assert_conforms(spec, "/link/token/create", link)
    created = call(
        http,
        "/sandbox/public_token/create",
        {"institution_id": "ins_109508", "initial_products": ["transactions"]},
    )
    assert_conforms(spec, "/sandbox/public_token/create", created)
    exchanged = call(
        http, "/item/public_token/exchange", {"public_token": created.json()["public_token"]}
    )
    assert_conforms(spec, "/item/public_token/exchange", exchanged)
    access_token = exchanged.json()["access_token"]
    hook = {"access_token": access_token, "webhook": "http://127.0.0.1:9/hook"}
    assert_conforms(spec, "/item/webhook/update", call(http, "/item/webhook/update", hook))
    fired = call(
        http,
        "/sandbox/item/fire_webhook",
        {"access_token": access_token, "webhook_code": "DEFAULT_UPDATE"},
    )
    assert_conforms(spec, "/sandbox/item/fire_webhook", fired)
    reset = call(http, "/sandbox/item/reset_login", {"access_token": access_token})
    assert_conforms(spec, "/sandbox/item/reset_login", reset)
    assert_conforms(spec, "/item/get", call(http, "/item/get", {"access_token": access_token}))
    removed = call(http, "/item/remove", {"access_token": access_token})
    assert_conforms(spec, "/item/remove", removed)


@pytest.mark.parametrize("metadata", [False, True])
def test_institution_endpoints(spec: dict[str, Any], http: httpx.Client, metadata: bool) -> None:
    options = {"include_optional_metadata": metadata}
    calls: list[tuple[str, dict[str, Any]]] = [
        ("/institutions/get_by_id", {"institution_id": "ins_109508"}),
        ("/institutions/get_by_id", {"institution_id": "ins_127287"}),
        ("/institutions/get", {"count": 500, "offset": 0}),
        ("/institutions/search", {"query": "platypus", "products": ["transactions"]}),
    ]
    for path, body in calls:
        response = call(http, path, {**body, "country_codes": ["US"], "options": options})
        assert response.is_success, response.text
        assert_conforms(spec, path, response)


def test_webhook_verification_key(spec: dict[str, Any]) -> None:
    app = create_app(settings=FAST)
    with run_in_thread(app) as url, httpx.Client(base_url=url) as http:
        kid = app.state.emulator.state.signing_key.kid
        for key_id, status in ((kid, 200), ("nope", 400)):
            response = call(http, "/webhook_verification_key/get", {"key_id": key_id})
            assert response.status_code == status
            assert_conforms(spec, "/webhook_verification_key/get", response)


WEBHOOK_SCHEMAS = {
    ("TRANSACTIONS", "SYNC_UPDATES_AVAILABLE"): "SyncUpdatesAvailableWebhook",
    ("TRANSACTIONS", "INITIAL_UPDATE"): "InitialUpdateWebhook",
    ("TRANSACTIONS", "HISTORICAL_UPDATE"): "HistoricalUpdateWebhook",
    ("TRANSACTIONS", "DEFAULT_UPDATE"): "DefaultUpdateWebhook",
    ("TRANSACTIONS", "TRANSACTIONS_REMOVED"): "TransactionsRemovedWebhook",
    ("TRANSACTIONS", "RECURRING_TRANSACTIONS_UPDATE"): "RecurringTransactionsUpdateWebhook",
    ("ITEM", "ERROR"): "ItemErrorWebhook",
    ("ITEM", "PENDING_EXPIRATION"): "PendingExpirationWebhook",
    ("ITEM", "PENDING_DISCONNECT"): "PendingDisconnectWebhook",
    ("ITEM", "LOGIN_REPAIRED"): "ItemLoginRepairedWebhook",
    ("ITEM", "NEW_ACCOUNTS_AVAILABLE"): "NewAccountsAvailableWebhook",
    ("ITEM", "USER_PERMISSION_REVOKED"): "UserPermissionRevokedWebhook",
    ("ITEM", "USER_ACCOUNT_REVOKED"): "UserAccountRevokedWebhook",
    ("ITEM", "WEBHOOK_UPDATE_ACKNOWLEDGED"): "WebhookUpdateAcknowledgedWebhook",
}


def test_webhook_payloads(
    spec: dict[str, Any], http: httpx.Client, client: plaid_api.PlaidApi, receiver: Receiver
) -> None:
    access_token, item_id = link_item(
        client,
        username="user_transactions_dynamic",
        webhook=receiver.url,
        products=("transactions", "recurring_transactions"),
    )
    call(http, "/transactions/refresh", {"access_token": access_token})  # ..._REMOVED
    for webhook_type, code in WEBHOOK_SCHEMAS:
        if code not in ("TRANSACTIONS_REMOVED", "ERROR", "WEBHOOK_UPDATE_ACKNOWLEDGED"):
            fire = {"access_token": access_token, "webhook_type": webhook_type}
            fire["webhook_code"] = code
            assert call(http, "/sandbox/item/fire_webhook", fire).is_success
    call(http, "/sandbox/item/reset_login", {"access_token": access_token})
    call(http, "/item/webhook/update", {"access_token": access_token, "webhook": receiver.url})
    for kind, name in WEBHOOK_SCHEMAS.items():

        def wanted(payload: dict[str, Any], kind: tuple[str, str] = kind) -> bool:
            sent = (payload["webhook_type"], payload["webhook_code"])
            return payload.get("item_id") == item_id and sent == kind

        delivery = receiver.wait_for(wanted)
        webhook_type, code = kind
        schema = {"$ref": f"#/components/schemas/{name}"}
        found = list(problems(spec, json.loads(delivery.body), schema, f"{webhook_type}/{code}"))
        assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/transactions/sync", {"access_token": "access-sandbox-nope"}, 400),
        ("/transactions/sync", {"access_token": "bad"}, 400),
        ("/transactions/sync", {"access_token": "x", "count": "abc"}, 400),
        ("/accounts/get", {}, 400),
        ("/institutions/get_by_id", {"institution_id": "ins_0", "country_codes": ["US"]}, 400),
        ("/item/public_token/exchange", {"public_token": "public-sandbox-nope"}, 400),
        ("/transactions/recurring/get", {"access_token": "access-sandbox-nope"}, 400),
    ],
)
def test_errors(
    spec: dict[str, Any], http: httpx.Client, path: str, body: dict[str, Any], status: int
) -> None:
    response = call(http, path, body)
    assert response.status_code == status
    assert_conforms(spec, path, response)


def test_recurring_streams_and_refusals(
    spec: dict[str, Any], http: httpx.Client, client: plaid_api.PlaidApi, dynamic_item: str
) -> None:
    streams = call(http, "/transactions/recurring/get", {"access_token": dynamic_item}).json()
    assert streams["inflow_streams"]
    assert streams["outflow_streams"]
    without_transactions, _ = link_item(client, products=("auth",))
    refused = call(http, "/transactions/recurring/get", {"access_token": without_transactions})
    assert refused.json()["error_code"] == "PRODUCT_NOT_ENABLED"
    assert_conforms(spec, "/transactions/recurring/get", refused)
    unknown = {"access_token": dynamic_item, "account_ids": ["nope"]}
    refused = call(http, "/transactions/recurring/get", unknown)
    assert refused.json()["error_code"] == "INVALID_ACCOUNT_ID"
    assert_conforms(spec, "/transactions/recurring/get", refused)


def test_the_checker_finds_problems(spec: dict[str, Any]) -> None:
    item_get = {"$ref": "#/components/schemas/ItemGetResponse"}
    found = list(problems(spec, {"item": {"item_id": 3}}, item_get, "r"))
    assert "r.request_id: required, missing" in found
    assert "r.item.item_id: int where the spec says string" in found
    error = {"$ref": "#/components/schemas/PlaidError"}
    found = list(problems(spec, {"error_type": "NOPE", "documentation_url": None}, error, "e"))
    assert any(p.startswith("e.error_type: 'NOPE' is not one of") for p in found)
    assert "e.documentation_url: null where the spec does not allow it" in found


# The merchant and category fields of a transaction, as Plaid's Transaction schema names
# them; the sandbox fills each (account_numbers only for a bank transfer's counterparty).
MERCHANT_FIELDS = (
    "merchant_name",
    "merchant_entity_id",
    "logo_url",
    "website",
    "counterparties",
    "personal_finance_category",
    "personal_finance_category_icon_url",
)
COUNTERPARTY_FIELDS = ("name", "type", "logo_url", "website", "entity_id", "confidence_level")
CATEGORY_FIELDS = ("primary", "detailed", "confidence_level", "version")


def test_merchants_and_categories_field_by_field(
    spec: dict[str, Any], http: httpx.Client, dynamic_item: str
) -> None:
    schemas = spec["components"]["schemas"]
    properties = {
        name: set(_resolve(spec, schemas[name]).get("properties", {}))
        | {
            p
            for part in schemas[name].get("allOf", [])
            for p in _resolve(spec, part).get("properties", {})
        }
        for name in ("Transaction", "TransactionCounterparty", "PersonalFinanceCategory")
    }
    assert set(MERCHANT_FIELDS) <= properties["Transaction"]
    assert set(COUNTERPARTY_FIELDS) <= properties["TransactionCounterparty"]
    assert set(CATEGORY_FIELDS) <= properties["PersonalFinanceCategory"]

    body = {
        "access_token": dynamic_item,
        "count": 100,
        "options": {"personal_finance_category_version": "v2"},
    }
    response = call(http, "/transactions/sync", body)
    assert_conforms(spec, "/transactions/sync", response)
    added = response.json()["added"]
    merchants = [t for t in added if t["merchant_name"]]
    assert merchants
    assert len(merchants) < len(added)  # payroll, transfers: no merchant
    for txn in merchants:
        assert all(txn[name] for name in MERCHANT_FIELDS), txn
        assert txn["name"] != txn["merchant_name"]  # the bank's string, and Plaid's clean one
        (counterparty,) = txn["counterparties"]
        assert all(counterparty[name] for name in COUNTERPARTY_FIELDS), counterparty
        assert counterparty["logo_url"] == txn["logo_url"]
        assert counterparty["entity_id"] == txn["merchant_entity_id"]
        assert txn["logo_url"].startswith("https://plaid-merchant-logos.plaid.com/")
    for txn in added:
        assert all(txn["personal_finance_category"][name] for name in CATEGORY_FIELDS)
        assert txn["personal_finance_category"]["version"] == "v2"
        assert txn["personal_finance_category"]["detailed"].startswith(
            txn["personal_finance_category"]["primary"]
        )
    # Without the option, no version (as v1 customers get).
    del body["options"]
    plain = call(http, "/transactions/sync", body).json()["added"]
    assert all("version" not in t["personal_finance_category"] for t in plain)
