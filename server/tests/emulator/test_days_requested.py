"""How much history an item has: Plaid's transactions.days_requested, as Plaid honours it."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.link_token_transactions import LinkTokenTransactions
from plaid.model.products import Products

from .conftest import link_item
from .test_link import link_token
from .test_transactions import AUTH, sync_all


def history_days(emulator_url: str, access_token: str) -> int:
    """Days from the oldest transaction to today."""
    txns, _, _, _ = sync_all(emulator_url, access_token)
    oldest = min(date.fromisoformat(t["date"]) for t in txns.values())
    return (date.today() - oldest).days


def complete_link(emulator_url: str, token: str, **extra: Any) -> dict[str, Any]:
    done = httpx.post(
        emulator_url + "/link/session/complete",
        json={
            "link_token": token,
            "institution_id": "ins_109508",
            "username": "user_good",
            "password": "pass_good",
            **extra,
        },
    )
    assert done.status_code == 200, done.text
    result: dict[str, Any] = done.json()
    return result


def exchange(emulator_url: str, public_token: str) -> str:
    answer = httpx.post(
        emulator_url + "/item/public_token/exchange",
        json={**AUTH, "public_token": public_token},
    ).json()
    return str(answer["access_token"])


def test_without_days_requested_an_item_has_90_days(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    access_token, _ = link_item(client)
    assert 88 <= history_days(emulator_url, access_token) <= 90


@pytest.mark.parametrize("days", [30, 730])
def test_a_sandbox_item_has_the_days_it_asks_for(
    client: plaid_api.PlaidApi, emulator_url: str, days: int
) -> None:
    access_token, _ = link_item(client, days_requested=days)
    assert days - 3 <= history_days(emulator_url, access_token) <= days


def test_the_link_tokens_days_requested_is_fixed_at_the_first_link(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    token = link_token(
        client,
        products=[Products("transactions")],
        transactions=LinkTokenTransactions(days_requested=400),
    )
    access_token = exchange(emulator_url, complete_link(emulator_url, token)["public_token"])
    assert 397 <= history_days(emulator_url, access_token) <= 400
    # Update mode asking for more changes nothing: Plaid fixes it for the item's life.
    update = link_token(
        client, access_token=access_token, transactions=LinkTokenTransactions(days_requested=730)
    )
    complete_link(emulator_url, update)
    assert 397 <= history_days(emulator_url, access_token) <= 400


def raw_link_token(emulator_url: str, transactions: object) -> httpx.Response:
    return httpx.post(
        emulator_url + "/link/token/create",
        json={
            **AUTH,
            "client_name": "Pattern",
            "language": "en",
            "country_codes": ["US"],
            "user": {"client_user_id": "u1"},
            "products": ["transactions"],
            "transactions": transactions,
        },
    )


@pytest.mark.parametrize("days", [731, 0, -1, 90.5, "730"])
def test_a_link_token_asking_outside_1_to_730_days_is_refused(
    emulator_url: str, days: object
) -> None:
    """Plaid's schema says 1..730: more is refused (INVALID_FIELD), not clamped."""
    answer = raw_link_token(emulator_url, {"days_requested": days})
    assert answer.status_code == 400
    assert answer.json()["error_type"] == "INVALID_REQUEST"
    assert answer.json()["error_code"] == "INVALID_FIELD"
    assert "days_requested" in answer.json()["error_message"]


def test_a_sandbox_item_asking_for_more_than_730_days_is_refused(emulator_url: str) -> None:
    answer = httpx.post(
        emulator_url + "/sandbox/public_token/create",
        json={
            **AUTH,
            "institution_id": "ins_109508",
            "initial_products": ["transactions"],
            "options": {"transactions": {"days_requested": 731}},
        },
    )
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "INVALID_FIELD"


def test_the_sdk_refuses_more_than_730_days_before_sending() -> None:
    with pytest.raises(plaid.ApiValueError):
        LinkTokenTransactions(days_requested=731)


def test_the_largest_history_link_takes_every_day(emulator_url: str) -> None:
    token = raw_link_token(emulator_url, {"days_requested": 730}).json()["link_token"]
    access_token = exchange(emulator_url, complete_link(emulator_url, token)["public_token"])
    assert 727 <= history_days(emulator_url, access_token) <= 730
