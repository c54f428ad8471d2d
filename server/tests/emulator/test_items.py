"""Link tokens, token exchange, /item/* and request validation through the SDK."""

from __future__ import annotations

import json

import httpx
import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.country_code import CountryCode
from plaid.model.item_get_request import ItemGetRequest
from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest
from plaid.model.item_remove_request import ItemRemoveRequest
from plaid.model.item_webhook_update_request import ItemWebhookUpdateRequest
from plaid.model.link_token_create_request import LinkTokenCreateRequest
from plaid.model.link_token_create_request_user import LinkTokenCreateRequestUser
from plaid.model.products import Products
from plaid.model.sandbox_public_token_create_request import SandboxPublicTokenCreateRequest

from plaid_emulator import create_app
from plaid_emulator.testing import run_in_thread

from .conftest import FAST, Receiver, link_item, make_client

PLAID_ERROR_KEYS = {
    "error_type",
    "error_code",
    "error_message",
    "display_message",
    "request_id",
    "causes",
    "status",
    "documentation_url",
    "suggested_action",
}


def plaid_error(exc: plaid.ApiException) -> dict[str, object]:
    body: dict[str, object] = json.loads(exc.body)
    assert PLAID_ERROR_KEYS <= body.keys()
    return body


def test_link_token_create_new_and_update_mode(client: plaid_api.PlaidApi) -> None:
    new = client.link_token_create(
        LinkTokenCreateRequest(
            client_name="Pattern",
            language="en",
            country_codes=[CountryCode("US")],
            user=LinkTokenCreateRequestUser(client_user_id="u1"),
            products=[Products("transactions")],
            webhook="https://example.com/hook",
            redirect_uri="https://example.com/oauth",
        )
    )
    assert new.link_token.startswith("link-sandbox-")
    assert new.expiration.tzinfo is not None
    access_token, _ = link_item(client)
    update = client.link_token_create(
        LinkTokenCreateRequest(
            client_name="Pattern",
            language="en",
            country_codes=[CountryCode("US")],
            user=LinkTokenCreateRequestUser(client_user_id="u1"),
            access_token=access_token,
        )
    )
    assert update.expiration < new.expiration


def test_exchange_is_single_use(client: plaid_api.PlaidApi) -> None:
    public = client.sandbox_public_token_create(
        SandboxPublicTokenCreateRequest(
            institution_id="ins_109508", initial_products=[Products("transactions")]
        )
    ).public_token
    exchanged = client.item_public_token_exchange(
        ItemPublicTokenExchangeRequest(public_token=public)
    )
    assert exchanged.access_token.startswith("access-sandbox-")
    with pytest.raises(plaid.ApiException) as err:
        client.item_public_token_exchange(ItemPublicTokenExchangeRequest(public_token=public))
    assert err.value.status == 400
    assert plaid_error(err.value)["error_code"] == "INVALID_PUBLIC_TOKEN"


def test_wrong_sandbox_password_is_invalid_credentials(client: plaid_api.PlaidApi) -> None:
    from plaid.model.sandbox_public_token_create_request_options import (
        SandboxPublicTokenCreateRequestOptions,
    )

    with pytest.raises(plaid.ApiException) as err:
        client.sandbox_public_token_create(
            SandboxPublicTokenCreateRequest(
                institution_id="ins_109508",
                initial_products=[Products("transactions")],
                options=SandboxPublicTokenCreateRequestOptions(
                    override_username="user_good", override_password="nope"
                ),
            )
        )
    body = plaid_error(err.value)
    assert (body["error_type"], body["error_code"]) == ("ITEM_ERROR", "INVALID_CREDENTIALS")


def test_item_get_and_remove(client: plaid_api.PlaidApi) -> None:
    access_token, item_id = link_item(client, webhook="https://example.com/hook")
    item = client.item_get(ItemGetRequest(access_token=access_token)).item
    assert item.item_id == item_id
    assert item.institution_id == "ins_109508"
    assert item.institution_name == "First Platypus Bank"
    assert item.error is None
    assert item.webhook == "https://example.com/hook"
    client.item_remove(ItemRemoveRequest(access_token=access_token))
    with pytest.raises(plaid.ApiException) as err:
        client.item_remove(ItemRemoveRequest(access_token=access_token))
    assert plaid_error(err.value)["error_code"] == "ITEM_NOT_FOUND"


def test_bad_access_token_format(client: plaid_api.PlaidApi) -> None:
    with pytest.raises(plaid.ApiException) as err:
        client.item_get(ItemGetRequest(access_token="nonsense"))
    assert plaid_error(err.value)["error_code"] == "INVALID_ACCESS_TOKEN"


def test_webhook_update_acknowledged(client: plaid_api.PlaidApi, receiver: Receiver) -> None:
    access_token, item_id = link_item(client)
    response = client.item_webhook_update(
        ItemWebhookUpdateRequest(access_token=access_token, webhook=receiver.url)
    )
    assert response.item.webhook == receiver.url
    receiver.wait_for(
        lambda p: (
            p["webhook_code"] == "WEBHOOK_UPDATE_ACKNOWLEDGED"
            and p["item_id"] == item_id
            and p["new_webhook_url"] == receiver.url
        )
    )


def test_invalid_api_keys(emulator_url: str) -> None:
    guarded = create_app(accepted_credentials=[("cid", "right")], settings=FAST)
    with run_in_thread(guarded) as url:
        with pytest.raises(plaid.ApiException) as err:
            link_item(make_client(url, "cid", "wrong"))
        body = plaid_error(err.value)
        assert err.value.status == 400
        assert (body["error_type"], body["error_code"]) == ("INVALID_INPUT", "INVALID_API_KEYS")
        link_item(make_client(url, "cid", "right"))
        # Credentials may also come in the JSON body.
        ok = httpx.post(
            url + "/institutions/get_by_id",
            json={
                "client_id": "cid",
                "secret": "right",
                "institution_id": "ins_109508",
                "country_codes": ["US"],
            },
        )
        assert ok.status_code == 200
    missing = httpx.post(emulator_url + "/item/get", json={"access_token": "access-sandbox-x"})
    assert missing.json()["error_code"] == "INVALID_API_KEYS"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", "INVALID_BODY"),
        (b"[1, 2]", "INVALID_BODY"),
        (b'{"client_id": "a", "secret": "b"}', "MISSING_FIELDS"),
        (
            b'{"client_id": "a", "secret": "b", "access_token": "x", "surprise": 1}',
            "UNKNOWN_FIELDS",
        ),
        (b'{"client_id": "a", "secret": "b", "access_token": "x", "count": "5"}', "INVALID_FIELD"),
        (b'{"client_id": "a", "secret": "b", "access_token": "x", "count": 501}', "INVALID_FIELD"),
    ],
)
def test_malformed_requests(emulator_url: str, body: bytes, code: str) -> None:
    response = httpx.post(
        emulator_url + "/transactions/sync",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error_type"] == "INVALID_REQUEST"
    assert response.json()["error_code"] == code


def test_unknown_path_and_method(emulator_url: str) -> None:
    response = httpx.post(emulator_url + "/no/such/endpoint", json={})
    assert response.status_code == 404
    assert PLAID_ERROR_KEYS <= response.json().keys()
    assert httpx.get(emulator_url + "/item/get").status_code == 405
