"""Hostile requests get Plaid's error object and status, never a 500 or a dropped connection."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from plaid_emulator import create_app
from plaid_emulator.signing import SigningKey
from plaid_emulator.testing import run_in_thread
from plaid_emulator.webhooks import WebhookSender

from .conftest import FAST

AUTH = {"client_id": "cid", "secret": "right"}
TOKEN = "<access token>"
OTHER_CURSOR = "<cursor of another item>"
SYNC = "/transactions/sync"
GET = "/transactions/get"


@dataclass
class Target:
    http: httpx.Client
    access_token: str
    other_cursor: str


@pytest.fixture(scope="module")
def target() -> Iterator[Target]:
    app = create_app(accepted_credentials=[("cid", "right")], settings=FAST)
    with run_in_thread(app) as url, httpx.Client(base_url=url, timeout=30) as http:

        def new_item() -> str:
            created = http.post(
                "/sandbox/public_token/create",
                json={**AUTH, "institution_id": "ins_109508", "initial_products": ["transactions"]},
            ).json()
            exchange = {**AUTH, "public_token": created["public_token"]}
            exchanged = http.post("/item/public_token/exchange", json=exchange).json()
            return str(exchanged["access_token"])

        access_token = new_item()
        other = http.post(SYNC, json={**AUTH, "access_token": new_item(), "count": 1}).json()
        yield Target(http, access_token, other["next_cursor"])


RAW = [
    (b"not json", "INVALID_BODY"),
    (b"", "INVALID_BODY"),
    (b"[1, 2]", "INVALID_BODY"),
    (b"null", "INVALID_BODY"),
    (b'"a string"', "INVALID_BODY"),
    (b"\xff\xfe\x00", "INVALID_BODY"),
    (b"[" * 100_000 + b"]" * 100_000, "INVALID_BODY"),
    (b'{"client_id": "cid", "secret": "right","access_token": "x","count": NaN}', "INVALID_FIELD"),
    (b'{"client_id": "cid", "secret": "right", "\\ud800": 1}', "INVALID_FIELD"),
    (b'{"client_id": "\\ud800", "secret": "right"}', "INVALID_API_KEYS"),
]


@pytest.mark.parametrize(("raw", "code"), RAW)
def test_raw_bodies(target: Target, raw: bytes, code: str) -> None:
    response = target.http.post(SYNC, content=raw, headers={"Content-Type": "application/json"})
    assert_plaid_error(response, 400, code)


JSON_CASES: list[tuple[str, dict[str, Any], str]] = [
    (SYNC, {"count": "abc"}, "INVALID_FIELD"),
    (SYNC, {"count": 0}, "INVALID_FIELD"),
    (SYNC, {"count": 501}, "INVALID_FIELD"),
    (SYNC, {"count": -1}, "INVALID_FIELD"),
    (SYNC, {"count": 10**40}, "INVALID_FIELD"),
    (SYNC, {"count": 2.5}, "INVALID_FIELD"),
    (SYNC, {"count": True}, "INVALID_FIELD"),
    (SYNC, {"count": None}, "INVALID_FIELD"),
    (SYNC, {"access_token": None}, "INVALID_FIELD"),
    (SYNC, {"access_token": ["x"]}, "INVALID_FIELD"),
    (SYNC, {"access_token": "access-" + "é🙂" * 50_000}, "ITEM_NOT_FOUND"),
    (SYNC, {"access_token": "sandbox-nope"}, "INVALID_ACCESS_TOKEN"),
    (SYNC, {"surprise": {"nested": [1]}}, "UNKNOWN_FIELDS"),
    (SYNC, {"cursor": 5}, "INVALID_FIELD"),
    (SYNC, {"cursor": "garbage!!"}, "INVALID_FIELD"),
    (SYNC, {"cursor": "eyJpIjoxfQ=="}, "INVALID_FIELD"),  # base64 of {"i":1}
    (SYNC, {"cursor": "é🙂" * 10_000}, "INVALID_FIELD"),
    (SYNC, {"cursor": OTHER_CURSOR}, "INVALID_FIELD"),
    (SYNC, {"options": "x"}, "INVALID_FIELD"),
    (SYNC, {"options": {"account_id": "nope"}}, "INVALID_ACCOUNT_ID"),
    (SYNC, {"options": {"include_original_description": "yes"}}, "INVALID_FIELD"),
    (SYNC, {"options": {"days_requested": 10**30}}, "INVALID_FIELD"),
    ("/accounts/get", {"options": {"account_ids": [None]}}, "INVALID_FIELD"),
    ("/accounts/get", {"options": {"account_ids": ["é🙂"]}}, "INVALID_ACCOUNT_ID"),
    (GET, {"start_date": "2024-13-01", "end_date": "2024-01-01"}, "INVALID_FIELD"),
    (GET, {"start_date": "2024-02-01", "end_date": "2024-01-01"}, "INVALID_FIELD"),
    (GET, {"start_date": 5, "end_date": "2024-01-01"}, "INVALID_FIELD"),
    (GET, {"start_date": "2024-01-01", "end_date": "2024-01-02", "options": {"count": 0}}, ""),
    ("/item/remove", {"reason_note": "x" * 600}, "INVALID_FIELD"),
    ("/item/webhook/update", {"webhook": 5}, "INVALID_FIELD"),
]


@pytest.mark.parametrize(("path", "body", "code"), JSON_CASES)
def test_wrong_values(target: Target, path: str, body: dict[str, Any], code: str) -> None:
    sent = {**AUTH, "access_token": target.access_token, **body}
    sent = {k: target.other_cursor if v == OTHER_CURSOR else v for k, v in sent.items()}
    response = target.http.post(path, json=sent)
    assert_plaid_error(response, 400, code or "INVALID_FIELD")


def test_extreme_but_valid_values_answer(target: Target) -> None:
    body = {**AUTH, "access_token": target.access_token}
    wide = {**body, "start_date": "0001-01-01", "end_date": "9999-12-31"}
    assert target.http.post(GET, json=wide).status_code == 200
    far = {**wide, "options": {"offset": 10**30}}
    assert target.http.post(GET, json=far).json()["transactions"] == []
    assert target.http.post(SYNC, json={**body, "cursor": None}).status_code == 200
    lookup = {**AUTH, "institution_id": "ins_🙂", "country_codes": ["US"]}
    response = target.http.post("/institutions/get_by_id", json=lookup)
    assert_plaid_error(response, 400, "INVALID_INSTITUTION")


@pytest.mark.parametrize(
    "fault",
    [
        {"path": "*", "delay_seconds": 1e308},
        {"path": "*", "delay_seconds": -1},
        {"path": "*", "http_status": 99},
        {"path": "*", "http_status": 1000},
        {"path": "*", "error_code": "X", "http_status": "500"},
        {"path": "*", "http_status": 500, "count": 0},
        {"path": "no-slash", "http_status": 500},
    ],
)
def test_bad_faults_are_refused(target: Target, fault: dict[str, Any]) -> None:
    assert_plaid_error(target.http.post("/emulator/faults", json=fault), 400, "INVALID_FIELD")
    assert target.http.get("/emulator/faults").json()["faults"] == []


def test_credentials_in_any_script(target: Target) -> None:
    body = {"client_id": "cïd", "secret": "🙂", "access_token": target.access_token}
    assert_plaid_error(target.http.post("/item/get", json=body), 400, "INVALID_API_KEYS")
    headers = {b"PLAID-CLIENT-ID": "\xe9".encode("latin-1"), b"PLAID-SECRET": b"\xff"}
    response = target.http.post("/item/get", json={"access_token": "x"}, headers=headers)
    assert_plaid_error(response, 400, "INVALID_API_KEYS")


def assert_plaid_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text[:300]
    body = json.loads(response.content)
    assert body["error_code"] == code, body
    assert body["error_type"] in ("INVALID_REQUEST", "INVALID_INPUT", "ITEM_ERROR")
    assert isinstance(body["request_id"], str)
    assert body["request_id"]


@pytest.mark.parametrize("url", ["not a url", "http://exa\x00mple.com/hook", "ftp://x/"])
def test_unusable_webhook_urls_are_dropped_quietly(url: str) -> None:
    sender = WebhookSender(FAST, SigningKey.generate)

    delivery = sender._deliver(url, b"{}", "ITEM/ERROR")
    asyncio.run(delivery)  # logs and gives up instead of raising
