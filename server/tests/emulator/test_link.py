"""The Link stand-in: completing sessions in new and update mode."""

from __future__ import annotations

import json
import time

import httpx
from plaid.api import plaid_api
from plaid.model.accounts_get_request import AccountsGetRequest
from plaid.model.country_code import CountryCode
from plaid.model.item_get_request import ItemGetRequest
from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest
from plaid.model.link_token_create_request import LinkTokenCreateRequest
from plaid.model.link_token_create_request_user import LinkTokenCreateRequestUser
from plaid.model.products import Products
from plaid.model.sandbox_item_fire_webhook_request import SandboxItemFireWebhookRequest
from plaid.model.sandbox_item_reset_login_request import SandboxItemResetLoginRequest
from plaid.model.webhook_type import WebhookType

from .conftest import Receiver, link_item


def link_token(client: plaid_api.PlaidApi, **extra: object) -> str:
    request = LinkTokenCreateRequest(
        client_name="Pattern",
        language="en",
        country_codes=[CountryCode("US")],
        user=LinkTokenCreateRequestUser(client_user_id="u1"),
        **extra,
    )
    token: str = client.link_token_create(request).link_token
    return token


def test_new_item_through_link(
    client: plaid_api.PlaidApi, emulator_url: str, receiver: Receiver
) -> None:
    token = link_token(client, products=[Products("transactions")], webhook=receiver.url)
    session = httpx.get(emulator_url + "/link/session", params={"link_token": token}).json()
    assert session["mode"] == "new"
    ids = {i["institution_id"]: i for i in session["institutions"]}
    assert ids["ins_127287"]["oauth"] is True
    assert "ins_109508" in ids
    done = httpx.post(
        emulator_url + "/link/session/complete",
        json={
            "link_token": token,
            "institution_id": "ins_109508",
            "username": "user_good",
            "password": "pass_good",
        },
    )
    assert done.status_code == 200
    result = done.json()
    metadata = result["metadata"]
    assert metadata["institution"] == {
        "name": "First Platypus Bank",
        "institution_id": "ins_109508",
    }
    assert {"id", "name", "mask", "type", "subtype"} <= metadata["accounts"][0].keys()
    assert metadata["link_session_id"]
    exchanged = client.item_public_token_exchange(
        ItemPublicTokenExchangeRequest(public_token=result["public_token"])
    )
    accounts = client.accounts_get(AccountsGetRequest(access_token=exchanged.access_token))
    assert {a.account_id for a in accounts.accounts} >= {a["id"] for a in metadata["accounts"]}
    receiver.wait_for(lambda p: p["item_id"] == exchanged.item_id)


def test_bad_credentials_exit_like_link(client: plaid_api.PlaidApi, emulator_url: str) -> None:
    token = link_token(client, products=[Products("transactions")])
    done = httpx.post(
        emulator_url + "/link/session/complete",
        json={
            "link_token": token,
            "institution_id": "ins_109508",
            "username": "user_good",
            "password": "wrong",
        },
    )
    assert done.status_code == 400
    assert done.json()["error"]["error_code"] == "INVALID_CREDENTIALS"
    assert done.json()["metadata"]["institution"]["institution_id"] == "ins_109508"
    expired = httpx.get(emulator_url + "/link/session", params={"link_token": "link-x"})
    assert expired.status_code == 400


def test_update_mode_repairs_item(
    client: plaid_api.PlaidApi, emulator_url: str, receiver: Receiver
) -> None:
    access_token, item_id = link_item(client, webhook=receiver.url)
    client.sandbox_item_reset_login(SandboxItemResetLoginRequest(access_token=access_token))
    token = link_token(client, access_token=access_token)
    session = httpx.get(emulator_url + "/link/session", params={"link_token": token}).json()
    assert session["mode"] == "update"
    assert session["item"]["error"]["error_code"] == "ITEM_LOGIN_REQUIRED"
    done = httpx.post(
        emulator_url + "/link/session/complete",
        json={"link_token": token, "username": "user_good", "password": "pass_good"},
    )
    assert done.status_code == 200
    assert client.item_get(ItemGetRequest(access_token=access_token)).item.error is None
    # As Plaid: no LOGIN_REPAIRED for a repair made in the app's own Link (only for one made
    # elsewhere). A webhook fired after the repair arrives; none came for the repair.
    client.sandbox_item_fire_webhook(
        SandboxItemFireWebhookRequest(
            access_token=access_token,
            webhook_type=WebhookType("TRANSACTIONS"),
            webhook_code="DEFAULT_UPDATE",
        )
    )
    receiver.wait_for(lambda p: p["item_id"] == item_id and p["webhook_code"] == "DEFAULT_UPDATE")
    time.sleep(0.3)
    with receiver.lock:
        payloads = [json.loads(d.body) for d in receiver.deliveries]
    assert not [
        p for p in payloads if p["item_id"] == item_id and p["webhook_code"] == "LOGIN_REPAIRED"
    ]
