"""/transactions/refresh: its webhooks, and what Plaid refuses (a test per rule)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.sandbox_item_reset_login_request import SandboxItemResetLoginRequest
from plaid.model.transactions_refresh_request import TransactionsRefreshRequest

from .conftest import Receiver, link_item
from .test_transactions import AUTH


def refresh(client: plaid_api.PlaidApi, access_token: str) -> None:
    client.transactions_refresh(TransactionsRefreshRequest(access_token=access_token))


def refused(client: plaid_api.PlaidApi, access_token: str) -> dict[str, str]:
    with pytest.raises(plaid.ApiException) as caught:
        refresh(client, access_token)
    assert caught.value.status == 400
    body: dict[str, str] = json.loads(caught.value.body)
    return body


@pytest.fixture
def without_add_on(emulator_url: str) -> Iterator[None]:
    off = httpx.post(emulator_url + "/emulator/products", json={"transactions_refresh": False})
    assert off.json()["transactions_refresh"] is False
    yield
    httpx.post(emulator_url + "/emulator/products", json={"transactions_refresh": True})


def test_a_refresh_that_finds_changes_sends_sync_updates_available(
    client: plaid_api.PlaidApi, receiver: Receiver
) -> None:
    access_token, item_id = link_item(
        client, username="user_transactions_dynamic", webhook=receiver.url
    )
    refresh(client, access_token)
    for code in ("SYNC_UPDATES_AVAILABLE", "DEFAULT_UPDATE", "TRANSACTIONS_REMOVED"):

        def sent(payload: dict[str, Any], code: str = code) -> bool:
            return bool(
                payload["item_id"] == item_id
                and payload["webhook_code"] == code
                and payload["webhook_type"] == "TRANSACTIONS"
            )

        receiver.wait_for(sent)


def test_without_the_add_on_refresh_is_refused_as_plaid_refuses_it(
    client: plaid_api.PlaidApi, without_add_on: None
) -> None:
    access_token, _ = link_item(client)
    body = refused(client, access_token)
    assert (body["error_type"], body["error_code"]) == ("INVALID_INPUT", "INVALID_PRODUCT")
    assert "transactions_refresh" in body["error_message"]


def test_the_add_on_can_be_turned_back_on(client: plaid_api.PlaidApi, emulator_url: str) -> None:
    access_token, _ = link_item(client)
    httpx.post(emulator_url + "/emulator/products", json={"transactions_refresh": False})
    refused(client, access_token)
    back = httpx.post(emulator_url + "/emulator/products", json={"transactions_refresh": True})
    assert back.json()["transactions_refresh"] is True
    refresh(client, access_token)


def test_an_item_without_transactions_cannot_be_refreshed(emulator_url: str) -> None:
    created = httpx.post(
        emulator_url + "/sandbox/public_token/create",
        json={**AUTH, "institution_id": "ins_109508", "initial_products": ["auth"]},
    ).json()
    exchanged = httpx.post(
        emulator_url + "/item/public_token/exchange",
        json={**AUTH, "public_token": created["public_token"]},
    ).json()
    answer = httpx.post(
        emulator_url + "/transactions/refresh",
        json={**AUTH, "access_token": exchanged["access_token"]},
    )
    assert answer.status_code == 400
    assert (answer.json()["error_type"], answer.json()["error_code"]) == (
        "ITEM_ERROR",
        "PRODUCT_NOT_ENABLED",
    )


def test_an_item_needing_a_login_cannot_be_refreshed(client: plaid_api.PlaidApi) -> None:
    access_token, _ = link_item(client)
    client.sandbox_item_reset_login(SandboxItemResetLoginRequest(access_token=access_token))
    assert refused(client, access_token)["error_code"] == "ITEM_LOGIN_REQUIRED"


@pytest.mark.parametrize(
    "body", [{"transactions_refresh": "no"}, {"auth": False}, {"transactions_refresh": 0}]
)
def test_the_products_control_refuses_what_it_does_not_know(
    emulator_url: str, body: dict[str, object]
) -> None:
    answer = httpx.post(emulator_url + "/emulator/products", json=body)
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "INVALID_FIELD"
