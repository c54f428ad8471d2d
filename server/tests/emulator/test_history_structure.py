"""Generated histories hold pay, bills, subscriptions and transfers, and the control API's
ground truth names exactly the rows /transactions/sync returns for them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from plaid.api import plaid_api

from plaid_emulator.synthetic import plan

from .conftest import link_item
from .test_transactions import sync_all


def synced(emulator_url: str, access_token: str) -> dict[str, dict[str, Any]]:
    """Every transaction of the item from /transactions/sync (over plain HTTP: the SDK's
    models take seconds to build a two-year history)."""
    rows, _, _, _ = sync_all(emulator_url, access_token)
    return rows


def truth(emulator_url: str, **body: str) -> dict[str, Any]:
    answer = httpx.post(emulator_url + "/emulator/items/truth", json=body)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


@pytest.mark.parametrize("days", [730, 90])
def test_every_transfer_pair_is_two_accounts_opposite_amounts_days_apart(
    client: plaid_api.PlaidApi, emulator_url: str, days: int
) -> None:
    access_token, item_id = link_item(client, days_requested=days)
    rows = synced(emulator_url, access_token)
    pairs = truth(emulator_url, item_id=item_id)["transfers"]
    assert {p["kind"] for p in pairs} == {"transfer", "credit_card_payment"}
    for pair in pairs:
        out, into = rows[pair["outflow_transaction_id"]], rows[pair["inflow_transaction_id"]]
        assert out["amount"] > 0
        assert into["amount"] == -out["amount"]
        assert out["account_id"] != into["account_id"]
        lag = (_day(into["date"]) - _day(out["date"])).days
        assert 0 <= lag <= 3
        detailed = {
            out["personal_finance_category"]["detailed"],
            into["personal_finance_category"]["detailed"],
        }
        if pair["kind"] == "credit_card_payment":
            assert detailed == {"LOAN_PAYMENTS_CREDIT_CARD_PAYMENT"}
        else:
            assert out["personal_finance_category"]["primary"] == "TRANSFER_OUT"
            assert into["personal_finance_category"]["primary"] == "TRANSFER_IN"
    # Monthly: about one of each kind a month.
    assert len(pairs) >= 2 * (days // 31) - 2


def test_streams_name_rows_of_their_direction_account_and_merchant(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    access_token, item_id = link_item(client, days_requested=730)
    rows = synced(emulator_url, access_token)
    streams = truth(emulator_url, access_token=access_token)["streams"]
    kinds = {s["kind"] for s in streams}
    assert {"payroll", "rent", "utility", "subscription"} <= kinds
    for stream in streams:
        members = [rows[t] for t in stream["transaction_ids"]]
        assert len(members) >= 2
        assert all(m["account_id"] == stream["account_id"] for m in members)
        assert all(m["merchant_name"] == stream["merchant_name"] for m in members)
        sign = -1 if stream["direction"] == "inflow" else 1
        assert all(m["amount"] * sign > 0 for m in members)
        dates = [_day(m["date"]) for m in members]
        assert dates == sorted(dates)
        assert stream["last_amount"] == members[-1]["amount"]
    by_kind = {s["kind"]: s for s in streams}
    assert by_kind["payroll"]["direction"] == "inflow"
    assert by_kind["payroll"]["frequency"] in {"BIWEEKLY", "SEMI_MONTHLY"}
    assert by_kind["rent"]["direction"] == "outflow"
    # Utilities vary month to month; a cancelled subscription stops; a price goes up; one
    # subscription is charged on two accounts.
    pge = next(s for s in streams if s["merchant_name"] == "PG&E")
    assert len({rows[t]["amount"] for t in pge["transaction_ids"]}) > 6
    stopped = [s for s in streams if not s["is_active"]]
    # Hulu was cancelled. In a sparse history a stream missing its last slots may look
    # stopped too; Hulu always does.
    assert "Hulu" in [s["merchant_name"] for s in stopped]
    assert stopped[0]["status"] == "TOMBSTONED"
    assert stopped[0]["predicted_next_date"] is None
    spotify = next(s for s in streams if s["merchant_name"] == "Spotify")
    amounts = [rows[t]["amount"] for t in spotify["transaction_ids"]]
    assert amounts[0] < amounts[-1]
    assert amounts == sorted(amounts)
    netflix = {s["account_id"] for s in streams if s["merchant_name"] == "Netflix"}
    assert len(netflix) == 2
    assert all(s["status"] == "MATURE" for s in streams if s["is_active"])


def test_sparse_bulk_histories_keep_their_size_and_have_no_planned_structure(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    for size in (1, 37, 2000):
        access_token, item_id = link_item(client, username=f"user_bulk_{size}")
        rows = synced(emulator_url, access_token)
        assert len(rows) == size
        found = truth(emulator_url, item_id=item_id)
        if size < 90:
            assert found == {"item_id": item_id, "transfers": [], "streams": []}
        else:  # 2000 over 90 days: dense enough to carry the plan
            assert found["streams"]
            assert found["transfers"]
            ids = {t for s in found["streams"] for t in s["transaction_ids"]}
            assert ids <= rows.keys()


def test_truth_refuses_an_unknown_item(emulator_url: str) -> None:
    answer = httpx.post(emulator_url + "/emulator/items/truth", json={"item_id": "nope"})
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "ITEM_NOT_FOUND"


def test_the_truth_holds_after_the_dynamic_user_changes_its_history(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    access_token, item_id = link_item(client, username="user_transactions_dynamic")
    before = truth(emulator_url, item_id=item_id)
    for _ in range(5):  # each refresh modifies one recent transaction and removes another
        refreshed = httpx.post(emulator_url + "/emulator/items/refresh", json={"item_id": item_id})
        assert refreshed.json()["changes"] > 0
    after = truth(emulator_url, item_id=item_id)
    assert after["transfers"] == before["transfers"]
    rows = synced(emulator_url, access_token)
    for pair in after["transfers"]:
        out = rows[pair["outflow_transaction_id"]]
        assert rows[pair["inflow_transaction_id"]]["amount"] == -out["amount"]
    for stream in after["streams"]:
        assert set(stream["transaction_ids"]) <= rows.keys()


@pytest.mark.parametrize("seed", range(40))
def test_each_stream_keeps_its_months_in_a_two_year_history(seed: int) -> None:
    """Streams planned earlier fill the slots around their days; a later one moves to a
    free day of the month rather than lose most months (Netflix on checking was once
    planned with 3 rows of 24, and no one could see it was monthly)."""
    anchor = date(2026, 1, 1) + timedelta(days=seed * 9)
    planned = plan.plan(seed, 750, anchor, 730)
    least = {"BIWEEKLY": 48, "SEMI_MONTHLY": 44, "MONTHLY": 21}
    for stream in planned.streams:
        if stream.active:
            assert len(stream.indices) >= least[stream.frequency], stream.key
