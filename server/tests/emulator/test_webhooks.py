"""Signed webhooks: verification as Plaid documents it, retries and the sandbox triggers."""

from __future__ import annotations

import hashlib
import json
import time

import httpx
import jwt
import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.accounts_get_request import AccountsGetRequest
from plaid.model.item_get_request import ItemGetRequest
from plaid.model.sandbox_item_fire_webhook_request import SandboxItemFireWebhookRequest
from plaid.model.sandbox_item_reset_login_request import SandboxItemResetLoginRequest
from plaid.model.webhook_verification_key_get_request import WebhookVerificationKeyGetRequest

from .conftest import Delivery, Receiver, link_item


def verify(client: plaid_api.PlaidApi, delivery: Delivery, body: bytes) -> dict[str, object]:
    """Plaid's documented receiver algorithm."""
    token = delivery.headers["plaid-verification"]
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "ES256"
    assert header["typ"] == "JWT"
    key = client.webhook_verification_key_get(
        WebhookVerificationKeyGetRequest(key_id=header["kid"])
    ).key.to_dict()
    assert key["crv"] == "P-256"
    assert key["use"] == "sig"
    assert key["expired_at"] is None
    public_key = jwt.PyJWK(key, algorithm="ES256")
    claims: dict[str, object] = jwt.decode(token, public_key, algorithms=["ES256"])
    assert time.time() - float(str(claims["iat"])) < 300
    if claims["request_body_sha256"] != hashlib.sha256(body).hexdigest():
        raise ValueError("body does not match signature")
    return claims


def test_item_creation_webhooks_verify(client: plaid_api.PlaidApi, receiver: Receiver) -> None:
    _, item_id = link_item(client, webhook=receiver.url)
    delivery = receiver.wait_for(
        lambda p: (
            p["item_id"] == item_id
            and p["webhook_code"] == "SYNC_UPDATES_AVAILABLE"
            and p["historical_update_complete"]
        )
    )
    payload = json.loads(delivery.body)
    assert payload == {
        "webhook_type": "TRANSACTIONS",
        "webhook_code": "SYNC_UPDATES_AVAILABLE",
        "item_id": item_id,
        "initial_update_complete": True,
        "historical_update_complete": True,
        "environment": "sandbox",
    }
    verify(client, delivery, delivery.body)
    with pytest.raises(ValueError, match="does not match"):
        verify(client, delivery, delivery.body.replace(b"true", b"false", 1))


def test_unknown_key_id(client: plaid_api.PlaidApi) -> None:
    with pytest.raises(plaid.ApiException) as err:
        client.webhook_verification_key_get(WebhookVerificationKeyGetRequest(key_id="nope"))
    assert json.loads(err.value.body)["error_code"] == "INVALID_WEBHOOK_VERIFICATION_KEY_ID"


def test_reset_login(client: plaid_api.PlaidApi, receiver: Receiver) -> None:
    access_token, item_id = link_item(client, webhook=receiver.url)
    assert client.sandbox_item_reset_login(
        SandboxItemResetLoginRequest(access_token=access_token)
    ).reset_login
    delivery = receiver.wait_for(lambda p: p["item_id"] == item_id and p["webhook_code"] == "ERROR")
    assert json.loads(delivery.body)["error"]["error_code"] == "ITEM_LOGIN_REQUIRED"
    item = client.item_get(ItemGetRequest(access_token=access_token)).item
    assert item.error.error_code == "ITEM_LOGIN_REQUIRED"
    with pytest.raises(plaid.ApiException) as err:
        client.accounts_get(AccountsGetRequest(access_token=access_token))
    body = json.loads(err.value.body)
    assert (err.value.status, body["error_type"], body["error_code"]) == (
        400,
        "ITEM_ERROR",
        "ITEM_LOGIN_REQUIRED",
    )


@pytest.mark.parametrize(
    ("webhook_type", "code", "field"),
    [
        ("ITEM", "PENDING_EXPIRATION", "consent_expiration_time"),
        ("ITEM", "PENDING_DISCONNECT", "disconnect_time"),
        ("ITEM", "USER_PERMISSION_REVOKED", "error"),
        ("ITEM", "NEW_ACCOUNTS_AVAILABLE", "error"),
        ("TRANSACTIONS", "DEFAULT_UPDATE", "new_transactions"),
    ],
)
def test_fire_webhook(
    client: plaid_api.PlaidApi, receiver: Receiver, webhook_type: str, code: str, field: str
) -> None:
    from plaid.model.webhook_type import WebhookType

    access_token, item_id = link_item(client, webhook=receiver.url)
    fired = client.sandbox_item_fire_webhook(
        SandboxItemFireWebhookRequest(
            access_token=access_token, webhook_type=WebhookType(webhook_type), webhook_code=code
        )
    )
    assert fired.webhook_fired
    delivery = receiver.wait_for(lambda p: p["item_id"] == item_id and p["webhook_code"] == code)
    assert field in json.loads(delivery.body)


def test_fire_webhook_without_url(client: plaid_api.PlaidApi) -> None:
    access_token, _ = link_item(client)
    with pytest.raises(plaid.ApiException) as err:
        client.sandbox_item_fire_webhook(
            SandboxItemFireWebhookRequest(access_token=access_token, webhook_code="DEFAULT_UPDATE")
        )
    assert json.loads(err.value.body)["error_type"] == "SANDBOX_ERROR"


def test_failed_delivery_is_retried(client: plaid_api.PlaidApi, receiver: Receiver) -> None:
    access_token, item_id = link_item(client, webhook=receiver.url)
    receiver.wait_for(
        lambda p: p["item_id"] == item_id and bool(p.get("historical_update_complete"))
    )
    with receiver.lock:
        receiver.fail_next = 2
    client.sandbox_item_fire_webhook(
        SandboxItemFireWebhookRequest(access_token=access_token, webhook_code="LOGIN_REPAIRED")
    )
    receiver.wait_for(lambda p: p["item_id"] == item_id and p["webhook_code"] == "LOGIN_REPAIRED")
    assert receiver.fail_next == 0


def settled_counts(emulator_url: str) -> dict[str, int]:
    deadline = time.monotonic() + 5
    while (counts := httpx.get(f"{emulator_url}/emulator/webhooks").json())["in_flight"]:
        assert time.monotonic() < deadline, counts
        time.sleep(0.02)
    result: dict[str, int] = counts
    return result


def test_deliveries_are_counted(
    client: plaid_api.PlaidApi, receiver: Receiver, emulator_url: str
) -> None:
    access_token, item_id = link_item(client, webhook=receiver.url)
    receiver.wait_for(
        lambda p: p["item_id"] == item_id and bool(p.get("historical_update_complete"))
    )
    before = settled_counts(emulator_url)
    for _ in range(5):
        client.sandbox_item_fire_webhook(
            SandboxItemFireWebhookRequest(access_token=access_token, webhook_code="LOGIN_REPAIRED")
        )
    after = settled_counts(emulator_url)
    assert after["sent"] - before["sent"] == 5
    assert after["delivered"] - before["delivered"] == 5
    assert after["dropped"] == before["dropped"]


SDK_WEBHOOK_MODELS = {
    ("TRANSACTIONS", "SYNC_UPDATES_AVAILABLE"): "sync_updates_available_webhook",
    ("TRANSACTIONS", "INITIAL_UPDATE"): "initial_update_webhook",
    ("TRANSACTIONS", "HISTORICAL_UPDATE"): "historical_update_webhook",
    ("TRANSACTIONS", "DEFAULT_UPDATE"): "default_update_webhook",
    ("TRANSACTIONS", "TRANSACTIONS_REMOVED"): "transactions_removed_webhook",
    ("ITEM", "ERROR"): "item_error_webhook",
    ("ITEM", "PENDING_EXPIRATION"): "pending_expiration_webhook",
    ("ITEM", "PENDING_DISCONNECT"): "pending_disconnect_webhook",
    ("ITEM", "LOGIN_REPAIRED"): "item_login_repaired_webhook",
    ("ITEM", "NEW_ACCOUNTS_AVAILABLE"): "new_accounts_available_webhook",
    ("ITEM", "USER_PERMISSION_REVOKED"): "user_permission_revoked_webhook",
    ("ITEM", "WEBHOOK_UPDATE_ACKNOWLEDGED"): "webhook_update_acknowledged_webhook",
    ("ITEM", "USER_ACCOUNT_REVOKED"): "user_account_revoked_webhook",
    ("TRANSACTIONS", "RECURRING_TRANSACTIONS_UPDATE"): "recurring_transactions_update_webhook",
}


def test_every_delivered_payload_matches_the_sdk_models(receiver: Receiver) -> None:
    import importlib

    from plaid.model_utils import validate_and_convert_types

    config = plaid.Configuration()
    with receiver.lock:
        payloads = [json.loads(d.body) for d in receiver.deliveries]
    assert payloads
    for payload in payloads:
        module_name = SDK_WEBHOOK_MODELS[(payload["webhook_type"], payload["webhook_code"])]
        module = importlib.import_module(f"plaid.model.{module_name}")
        class_name = "".join(part.title() for part in module_name.split("_"))
        model = getattr(module, class_name)
        validate_and_convert_types(
            payload, (model,), ["received_data"], True, True, configuration=config
        )
