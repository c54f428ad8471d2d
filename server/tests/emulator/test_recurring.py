"""/transactions/recurring/get and RECURRING_TRANSACTIONS_UPDATE through the SDK."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.personal_finance_category_version import PersonalFinanceCategoryVersion
from plaid.model.products import Products
from plaid.model.sandbox_item_fire_webhook_request import SandboxItemFireWebhookRequest
from plaid.model.transactions_recurring_get_request import TransactionsRecurringGetRequest
from plaid.model.transactions_recurring_get_request_options import (
    TransactionsRecurringGetRequestOptions,
)
from plaid.model.webhook_type import WebhookType

from plaid_emulator import EmulatorSettings, create_app
from plaid_emulator.testing import run_in_thread

from .conftest import Receiver, link_item, make_client
from .test_link import link_token
from .test_transactions import sync_all

BOTH = ("transactions", "recurring_transactions")


def recurring(client: plaid_api.PlaidApi, access_token: str, **extra: Any) -> dict[str, Any]:
    answer: dict[str, Any] = client.transactions_recurring_get(
        TransactionsRecurringGetRequest(access_token=access_token, **extra)
    ).to_dict()
    return answer


def refused(client: plaid_api.PlaidApi, access_token: str, **extra: Any) -> dict[str, Any]:
    with pytest.raises(plaid.ApiException) as err:
        client.transactions_recurring_get(
            TransactionsRecurringGetRequest(access_token=access_token, **extra)
        )
    assert err.value.status == 400
    body: dict[str, Any] = json.loads(err.value.body)
    return body


def truth(emulator_url: str, item_id: str) -> dict[str, Any]:
    result: dict[str, Any] = httpx.post(
        emulator_url + "/emulator/items/truth", json={"item_id": item_id}
    ).json()
    return result


def test_streams_match_the_ground_truth_and_the_synced_rows(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    access_token, item_id = link_item(client, days_requested=730, products=BOTH)
    answer = recurring(client, access_token)
    streams = answer["inflow_streams"] + answer["outflow_streams"]
    expected = {s["stream_id"]: s for s in truth(emulator_url, item_id)["streams"]}
    assert {s["stream_id"] for s in streams} == expected.keys()
    rows, _, _, _ = sync_all(emulator_url, access_token)
    for direction in ("inflow", "outflow"):
        for stream in answer[f"{direction}_streams"]:
            known = expected[stream["stream_id"]]
            assert known["direction"] == direction
            assert stream["transaction_ids"] == known["transaction_ids"]
            members = [rows[t] for t in stream["transaction_ids"]]
            assert all(m["account_id"] == stream["account_id"] for m in members)
            assert all((m["amount"] < 0) == (direction == "inflow") for m in members)
            assert stream["first_date"] == date.fromisoformat(members[0]["date"])
            assert stream["last_date"] == date.fromisoformat(members[-1]["date"])
            assert stream["last_amount"]["amount"] == members[-1]["amount"]
            mean = sum(m["amount"] for m in members) / len(members)
            assert stream["average_amount"]["amount"] == pytest.approx(mean, abs=0.006)
            assert stream["last_amount"]["iso_currency_code"] == "USD"
            assert (
                stream["personal_finance_category"]["detailed"]
                == (members[0]["personal_finance_category"]["detailed"])
            )
            assert stream["category"] == members[0]["category"]
            assert stream["is_user_modified"] is False
            if stream["is_active"]:
                assert stream["predicted_next_date"] > stream["last_date"]
    inflows = {s["merchant_name"] for s in answer["inflow_streams"]}
    assert "Gusto" in inflows
    payroll = next(s for s in answer["inflow_streams"] if s["merchant_name"] == "Gusto")
    assert str(payroll["frequency"]) in {"BIWEEKLY", "SEMI_MONTHLY"}
    hulu = next(s for s in answer["outflow_streams"] if s["merchant_name"] == "Hulu")
    assert str(hulu["status"]) == "TOMBSTONED"
    assert hulu["is_active"] is False
    assert answer["updated_datetime"]


def test_account_ids_narrow_the_streams_and_unknown_ones_are_refused(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    access_token, item_id = link_item(client, products=BOTH)
    every = recurring(client, access_token)
    streams = every["inflow_streams"] + every["outflow_streams"]
    checking = next(s["account_id"] for s in streams if s["merchant_name"] == "Gusto")
    narrowed = recurring(client, access_token, account_ids=[checking])
    kept = narrowed["inflow_streams"] + narrowed["outflow_streams"]
    assert {s["account_id"] for s in kept} == {checking}
    assert len(kept) == sum(1 for s in streams if s["account_id"] == checking)
    assert len(kept) < len(streams)
    error = refused(client, access_token, account_ids=[checking, "not-an-account"])
    assert error["error_code"] == "INVALID_ACCOUNT_ID"
    assert error["error_type"] == "INVALID_INPUT"


def test_personal_finance_category_version_is_echoed(client: plaid_api.PlaidApi) -> None:
    access_token, _ = link_item(client, products=BOTH)
    options = TransactionsRecurringGetRequestOptions(
        personal_finance_category_version=PersonalFinanceCategoryVersion("v2")
    )
    answer = recurring(client, access_token, options=options)
    assert str(answer["personal_finance_category_version"]) == "v2"
    stream = answer["outflow_streams"][0]
    assert str(stream["personal_finance_category"]["version"]) == "v2"
    plain = recurring(client, access_token)
    assert "personal_finance_category_version" not in plain
    assert "version" not in plain["outflow_streams"][0]["personal_finance_category"]


def test_an_item_with_transactions_has_the_add_on(client: plaid_api.PlaidApi) -> None:
    """As Plaid documents it: an add-on to Transactions, no product of its own in Link."""
    access_token, _ = link_item(client, products=("transactions",))
    assert recurring(client, access_token)["outflow_streams"]


def test_an_item_without_transactions_is_refused(client: plaid_api.PlaidApi) -> None:
    access_token, _ = link_item(client, products=("auth",))
    error = refused(client, access_token)
    assert error["error_code"] == "PRODUCT_NOT_ENABLED"
    assert error["error_type"] == "ITEM_ERROR"


@pytest.mark.parametrize(
    "field", ["products", "required_if_supported_products", "optional_products"]
)
def test_the_product_is_taken_from_any_product_list_of_the_link_token(
    client: plaid_api.PlaidApi, emulator_url: str, field: str
) -> None:
    lists: dict[str, list[Products]] = {"products": [Products("transactions")]}
    lists[field] = [*lists.get(field, []), Products("recurring_transactions")]
    access_token = _linked_through_link(client, emulator_url, link_token(client, **lists))
    assert recurring(client, access_token)["outflow_streams"]


def test_a_consented_product_is_enough(client: plaid_api.PlaidApi, emulator_url: str) -> None:
    token = link_token(
        client,
        products=[Products("transactions")],
        additional_consented_products=[Products("recurring_transactions")],
    )
    access_token = _linked_through_link(client, emulator_url, token)
    assert recurring(client, access_token)["outflow_streams"]


def _linked_through_link(client: plaid_api.PlaidApi, emulator_url: str, token: str) -> str:
    from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest

    done = httpx.post(
        emulator_url + "/link/session/complete",
        json={
            "link_token": token,
            "institution_id": "ins_109508",
            "username": "user_good",
            "password": "pass_good",
        },
    )
    assert done.status_code == 200, done.text
    exchanged = client.item_public_token_exchange(
        ItemPublicTokenExchangeRequest(public_token=done.json()["public_token"])
    )
    access_token: str = exchanged.access_token
    return access_token


@pytest.fixture
def without_add_on(emulator_url: str) -> Iterator[None]:
    off = httpx.post(emulator_url + "/emulator/products", json={"recurring_transactions": False})
    assert off.json()["recurring_transactions"] is False
    yield
    httpx.post(emulator_url + "/emulator/products", json={"recurring_transactions": True})


@pytest.mark.usefixtures("without_add_on")
def test_a_client_without_the_add_on_gets_invalid_product(client: plaid_api.PlaidApi) -> None:
    access_token, _ = link_item(client, products=BOTH)
    error = refused(client, access_token)
    assert error["error_code"] == "INVALID_PRODUCT"
    assert error["error_type"] == "INVALID_INPUT"
    assert "recurring_transactions" in error["error_message"]


def test_not_ready_until_the_whole_history_is_in() -> None:
    slow = EmulatorSettings(initial_update_seconds=0, historical_update_seconds=2)
    with run_in_thread(create_app(settings=slow)) as url:
        client = make_client(url)
        access_token, _ = link_item(client, products=BOTH)
        assert refused(client, access_token)["error_code"] == "PRODUCT_NOT_READY"
        time.sleep(2.1)
        assert recurring(client, access_token)["inflow_streams"]


def _recurring_update(item_id: str) -> Any:
    return lambda p: (
        p["item_id"] == item_id and p["webhook_code"] == "RECURRING_TRANSACTIONS_UPDATE"
    )


def _all_within(
    receiver: Receiver, wanted: Any, count: int, timeout: float = 5
) -> list[dict[str, Any]]:
    """The payloads `wanted` accepts, once there are `count` of them (or the time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        with receiver.lock:
            found = [p for p in (json.loads(d.body) for d in receiver.deliveries) if wanted(p)]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_the_update_webhook_follows_the_history_for_items_with_transactions(
    client: plaid_api.PlaidApi, receiver: Receiver
) -> None:
    access_token, item_id = link_item(client, webhook=receiver.url, products=BOTH)
    payload = json.loads(receiver.wait_for(_recurring_update(item_id)).body)
    assert payload["webhook_type"] == "TRANSACTIONS"
    assert payload["environment"] == "sandbox"
    answer = recurring(client, access_token)
    with_streams = {s["account_id"] for s in answer["inflow_streams"] + answer["outflow_streams"]}
    assert set(payload["account_ids"]) == with_streams
    _, plain_id = link_item(client, webhook=receiver.url, products=("auth",))
    receiver.wait_for(
        lambda p: p["item_id"] == plain_id and p["webhook_code"] == "HISTORICAL_UPDATE"
    )
    with pytest.raises(AssertionError):
        receiver.wait_for(_recurring_update(plain_id), timeout=0.5)


def test_a_new_occurrence_updates_the_stream_and_sends_the_webhook(
    client: plaid_api.PlaidApi, emulator_url: str, receiver: Receiver
) -> None:
    access_token, item_id = link_item(client, webhook=receiver.url, products=BOTH)
    receiver.wait_for(_recurring_update(item_id))
    before = recurring(client, access_token)
    netflix = next(s for s in before["outflow_streams"] if s["merchant_name"] == "Netflix")
    added = httpx.post(
        emulator_url + "/emulator/items/mutate",
        json={"item_id": item_id, "stream_id": netflix["stream_id"]},
    ).json()
    after = recurring(client, access_token)
    grown = next(s for s in after["outflow_streams"] if s["stream_id"] == netflix["stream_id"])
    assert grown["transaction_ids"] == [*netflix["transaction_ids"], added["transaction_id"]]
    assert grown["last_date"] >= netflix["last_date"]
    assert grown["last_amount"]["amount"] == netflix["last_amount"]["amount"]
    assert after["updated_datetime"] > before["updated_datetime"]
    deliveries = _all_within(receiver, _recurring_update(item_id), 2)
    assert len(deliveries) == 2
    rows, _, _, _ = sync_all(emulator_url, access_token)
    assert rows[added["transaction_id"]]["merchant_name"] == "Netflix"
    bad = httpx.post(
        emulator_url + "/emulator/items/mutate", json={"item_id": item_id, "stream_id": "nope"}
    )
    assert bad.status_code == 400


def test_firing_the_webhook_needs_the_product(
    client: plaid_api.PlaidApi, receiver: Receiver
) -> None:
    plain, _ = link_item(client, webhook=receiver.url, products=("auth",))
    with pytest.raises(plaid.ApiException) as err:
        client.sandbox_item_fire_webhook(
            SandboxItemFireWebhookRequest(
                access_token=plain,
                webhook_type=WebhookType("TRANSACTIONS"),
                webhook_code="RECURRING_TRANSACTIONS_UPDATE",
            )
        )
    assert json.loads(err.value.body)["error_code"] == "SANDBOX_PRODUCT_NOT_ENABLED"
    access_token, item_id = link_item(client, webhook=receiver.url, products=BOTH)
    receiver.wait_for(_recurring_update(item_id))
    fired = client.sandbox_item_fire_webhook(
        SandboxItemFireWebhookRequest(
            access_token=access_token, webhook_code="RECURRING_TRANSACTIONS_UPDATE"
        )
    )
    assert fired.webhook_fired
