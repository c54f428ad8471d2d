"""Fault injection and reset under /emulator/."""

from __future__ import annotations

import json
import time
from dataclasses import replace

import httpx
import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.item_get_request import ItemGetRequest
from plaid.model.transactions_sync_request import TransactionsSyncRequest

from plaid_emulator import create_app
from plaid_emulator.testing import run_in_thread

from .conftest import FAST, link_item, make_client


def arm(base_url: str, **fault: object) -> None:
    response = httpx.post(base_url + "/emulator/faults", json=fault)
    assert response.status_code == 200, response.text


def test_plaid_error_for_next_calls(client: plaid_api.PlaidApi, emulator_url: str) -> None:
    access_token, _ = link_item(client)
    arm(
        emulator_url,
        path="/transactions/sync",
        count=2,
        error_type="RATE_LIMIT_EXCEEDED",
        error_code="TRANSACTIONS_SYNC_LIMIT",
        http_status=429,
    )
    request = TransactionsSyncRequest(access_token=access_token, count=1)
    for _ in range(2):
        with pytest.raises(plaid.ApiException) as err:
            client.transactions_sync(request)
        assert err.value.status == 429
        assert json.loads(err.value.body)["error_code"] == "TRANSACTIONS_SYNC_LIMIT"
    assert len(client.transactions_sync(request).added) == 1


def test_a_fault_after_some_calls_lands_mid_pagination(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    access_token, _ = link_item(client)
    arm(emulator_url, path="/transactions/sync", after=2, http_status=503)
    cursor = ""
    for _ in range(2):
        page = client.transactions_sync(
            TransactionsSyncRequest(access_token=access_token, cursor=cursor, count=5)
        )
        cursor = page.next_cursor
    with pytest.raises(plaid.ApiException) as err:
        client.transactions_sync(
            TransactionsSyncRequest(access_token=access_token, cursor=cursor, count=5)
        )
    assert err.value.status == 503
    again = client.transactions_sync(
        TransactionsSyncRequest(access_token=access_token, cursor=cursor, count=5)
    )
    assert len(again.added) == 5


def test_bare_status_and_delay(client: plaid_api.PlaidApi, emulator_url: str) -> None:
    access_token, _ = link_item(client)
    arm(emulator_url, path="/item/get", http_status=502)
    with pytest.raises(plaid.ApiException) as err:
        client.item_get(ItemGetRequest(access_token=access_token))
    assert err.value.status == 502
    arm(emulator_url, path="/item/get", delay_seconds=0.3)
    started = time.monotonic()
    client.item_get(ItemGetRequest(access_token=access_token))
    assert time.monotonic() - started >= 0.3


def test_list_clear_and_bad_fault(emulator_url: str) -> None:
    arm(emulator_url, path="/accounts/get", count=3, http_status=500)
    listed = httpx.get(emulator_url + "/emulator/faults").json()["faults"]
    assert any(f["path"] == "/accounts/get" and f["remaining"] == 3 for f in listed)
    httpx.delete(emulator_url + "/emulator/faults")
    assert httpx.get(emulator_url + "/emulator/faults").json()["faults"] == []
    bad = httpx.post(emulator_url + "/emulator/faults", json={"path": "/x"})
    assert bad.status_code == 400


def test_reset_forgets_items() -> None:
    with run_in_thread(create_app(settings=FAST)) as url:
        client = make_client(url)
        access_token, _ = link_item(client)
        assert httpx.post(url + "/emulator/reset").json() == {"reset": True}
        with pytest.raises(plaid.ApiException) as err:
            client.item_get(ItemGetRequest(access_token=access_token))
        assert json.loads(err.value.body)["error_code"] == "ITEM_NOT_FOUND"


def test_with_an_admin_secret_the_controls_need_it() -> None:
    with run_in_thread(create_app(settings=replace(FAST, admin_secret="s3cret"))) as url:
        client = make_client(url)
        access_token, _ = link_item(client)
        for headers in ({}, {"X-Emulator-Admin-Secret": "s3cre"}):
            refused = httpx.post(url + "/emulator/reset", headers=headers)
            assert refused.status_code == 401
            assert refused.json()["error_code"] == "INVALID_API_KEYS"
        client.item_get(ItemGetRequest(access_token=access_token))  # not reset
        reset = httpx.post(url + "/emulator/reset", headers={"X-Emulator-Admin-Secret": "s3cret"})
        assert reset.json() == {"reset": True}
