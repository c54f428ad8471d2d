"""New accounts at a linked bank: NEW_ACCOUNTS_AVAILABLE, then update-mode Link with
account selection, as Plaid does it; and what Plaid refuses (a test per rule)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from plaid.api import plaid_api
from plaid.model.accounts_get_request import AccountsGetRequest
from plaid.model.link_token_create_request_update import LinkTokenCreateRequestUpdate

from .conftest import Receiver, link_item
from .test_link import link_token
from .test_transactions import AUTH, sync_all


def open_account(emulator_url: str, access_token: str, **extra: Any) -> str:
    answer = httpx.post(
        emulator_url + "/emulator/items/add_account",
        json={"access_token": access_token, **extra},
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["account_id"])


def account_ids(client: plaid_api.PlaidApi, access_token: str) -> set[str]:
    accounts = client.accounts_get(AccountsGetRequest(access_token=access_token)).accounts
    return {a.account_id for a in accounts}


def complete(emulator_url: str, token: str, **extra: Any) -> httpx.Response:
    return httpx.post(
        emulator_url + "/link/session/complete",
        json={"link_token": token, "username": "user_good", "password": "pass_good", **extra},
    )


def selecting_token(client: plaid_api.PlaidApi, access_token: str) -> str:
    return link_token(
        client,
        access_token=access_token,
        update=LinkTokenCreateRequestUpdate(account_selection_enabled=True),
    )


def test_a_new_account_is_announced_and_joins_only_when_selected(
    client: plaid_api.PlaidApi, emulator_url: str, receiver: Receiver
) -> None:
    access_token, item_id = link_item(client, webhook=receiver.url)
    before = account_ids(client, access_token)
    _, _, cursor, _ = sync_all(emulator_url, access_token)
    new_id = open_account(emulator_url, access_token, name="Holiday Savings", transactions=4)
    receiver.wait_for(
        lambda p: (
            p["item_id"] == item_id
            and (p["webhook_type"], p["webhook_code"]) == ("ITEM", "NEW_ACCOUNTS_AVAILABLE")
        )
    )
    # Not part of the item until the person shares it.
    assert account_ids(client, access_token) == before
    token = selecting_token(client, access_token)
    session = httpx.get(emulator_url + "/link/session", params={"link_token": token}).json()
    assert session["mode"] == "update"
    assert session["account_selection"] is True
    offered = {a["id"]: a["new"] for a in session["accounts"]}
    assert offered[new_id] is True
    assert all(not offered[a] for a in before)

    done = complete(emulator_url, token, account_ids=[*before, new_id])
    assert done.status_code == 200, done.text
    assert new_id in {a["id"] for a in done.json()["metadata"]["accounts"]}
    assert account_ids(client, access_token) == {*before, new_id}
    receiver.wait_for(
        lambda p: p["item_id"] == item_id and p["webhook_code"] == "SYNC_UPDATES_AVAILABLE"
    )
    update, _, _, _ = sync_all(emulator_url, access_token, cursor)
    on_new = [t for t in update.values() if t["account_id"] == new_id]
    assert len(on_new) == 4


def test_an_account_not_selected_stays_out(client: plaid_api.PlaidApi, emulator_url: str) -> None:
    access_token, _ = link_item(client)
    before = account_ids(client, access_token)
    open_account(emulator_url, access_token)
    done = complete(emulator_url, selecting_token(client, access_token), account_ids=list(before))
    assert done.status_code == 200, done.text
    assert account_ids(client, access_token) == before


def test_account_selection_needs_update_mode(client: plaid_api.PlaidApi) -> None:
    """Plaid refuses update.account_selection_enabled on a link token for a new item."""
    answer = httpx.post(
        str(client.api_client.configuration.host) + "/link/token/create",
        json={
            **AUTH,
            "client_name": "Pattern",
            "language": "en",
            "country_codes": ["US"],
            "user": {"client_user_id": "u1"},
            "products": ["transactions"],
            "update": {"account_selection_enabled": True},
        },
    )
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "INVALID_FIELD"
    assert "update mode" in answer.json()["error_message"]


def test_accounts_cannot_be_selected_without_account_selection(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    """Plain update mode (a login repair) shows no account selection at a non-OAuth bank."""
    access_token, _ = link_item(client)
    new_id = open_account(emulator_url, access_token)
    token = link_token(client, access_token=access_token)
    session = httpx.get(emulator_url + "/link/session", params={"link_token": token}).json()
    assert (session["account_selection"], session["accounts"]) == (False, None)
    done = complete(emulator_url, token, account_ids=[new_id])
    assert done.status_code == 400
    assert done.json()["error"]["error_code"] == "INVALID_FIELD"
    assert new_id not in account_ids(client, access_token)


def test_an_oauth_bank_always_offers_account_selection(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    access_token, _ = link_item(client, institution_id="ins_127287")
    new_id = open_account(emulator_url, access_token)
    done = complete(
        emulator_url, link_token(client, access_token=access_token), account_ids=[new_id]
    )
    assert done.status_code == 200, done.text
    assert new_id in account_ids(client, access_token)


@pytest.mark.parametrize("selected", [["not-an-account"], "everything", [1]])
def test_selecting_unknown_accounts_is_refused(
    client: plaid_api.PlaidApi, emulator_url: str, selected: object
) -> None:
    access_token, _ = link_item(client)
    open_account(emulator_url, access_token)
    before = account_ids(client, access_token)
    done = complete(emulator_url, selecting_token(client, access_token), account_ids=selected)
    assert done.status_code == 400
    assert done.json()["error"]["error_code"] in {"INVALID_ACCOUNT_ID", "INVALID_FIELD"}
    assert account_ids(client, access_token) == before


@pytest.mark.parametrize(
    "body",
    [{"name": ""}, {"subtype": "credit card"}, {"transactions": 0}, {"transactions": 101}],
)
def test_the_add_account_control_refuses_bad_input(
    client: plaid_api.PlaidApi, emulator_url: str, body: dict[str, object]
) -> None:
    access_token, _ = link_item(client)
    answer = httpx.post(
        emulator_url + "/emulator/items/add_account", json={"access_token": access_token, **body}
    )
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "INVALID_FIELD"
