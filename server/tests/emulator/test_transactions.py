"""/transactions/* through the SDK, and big histories over plain HTTP."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any

import httpx
import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.accounts_balance_get_request import AccountsBalanceGetRequest
from plaid.model.accounts_get_request import AccountsGetRequest
from plaid.model.personal_finance_category_version import PersonalFinanceCategoryVersion
from plaid.model.transactions_get_request import TransactionsGetRequest
from plaid.model.transactions_get_request_options import TransactionsGetRequestOptions
from plaid.model.transactions_refresh_request import TransactionsRefreshRequest
from plaid.model.transactions_sync_request import TransactionsSyncRequest
from plaid.model.transactions_sync_request_options import TransactionsSyncRequestOptions
from plaid.model.transactions_sync_response import TransactionsSyncResponse

from plaid_emulator import EmulatorSettings, create_app
from plaid_emulator.testing import run_in_thread

from .conftest import link_item, make_client

AUTH = {"client_id": "test-client", "secret": "test-secret"}


def sync_all(
    base_url: str, access_token: str, cursor: str = "", count: int = 500
) -> tuple[dict[str, dict[str, Any]], list[str], str, int]:
    """Page with httpx until has_more is false; apply changes like a client would."""
    txns: dict[str, dict[str, Any]] = {}
    seen: list[str] = []
    pages = 0
    with httpx.Client(base_url=base_url, timeout=30) as http:
        while True:
            page = http.post(
                "/transactions/sync",
                json={**AUTH, "access_token": access_token, "cursor": cursor, "count": count},
            ).json()
            pages += 1
            assert len(page["added"]) + len(page["modified"]) + len(page["removed"]) <= count
            for t in page["added"] + page["modified"]:
                seen.append(t["transaction_id"])
                txns[t["transaction_id"]] = t
            for r in page["removed"]:
                txns.pop(r["transaction_id"], None)
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return txns, seen, cursor, pages


def test_sync_pages_through_sdk(client: plaid_api.PlaidApi) -> None:
    access_token, _ = link_item(client)
    first = client.transactions_sync(
        TransactionsSyncRequest(
            access_token=access_token,
            cursor="",
            count=25,
            options=TransactionsSyncRequestOptions(
                include_personal_finance_category=True, include_original_description=True
            ),
        )
    )
    assert first.has_more
    assert first.transactions_update_status.value == "HISTORICAL_UPDATE_COMPLETE"
    assert len(first.added) == 25
    txn = first.added[0]
    assert txn.personal_finance_category.primary
    assert txn.personal_finance_category.confidence_level
    assert txn.category
    assert txn.category_id
    assert txn.original_description == txn.name
    assert {a.type.value for a in first.accounts} >= {"depository", "credit", "loan"}
    second = client.transactions_sync(
        TransactionsSyncRequest(access_token=access_token, cursor=first.next_cursor, count=25)
    )
    assert {t.transaction_id for t in first.added}.isdisjoint(
        t.transaction_id for t in second.added
    )
    # The newest transactions come first, and the last couple of days are still pending.
    assert first.added[0].pending
    assert first.added[0].date >= second.added[-1].date


def test_ten_thousand_transactions_once_each_and_balances_agree(
    client: plaid_api.PlaidApi,
    emulator_url: str,
) -> None:
    access_token, _ = link_item(client, username="user_bulk_10000", days_requested=730)
    txns, seen, _, pages = sync_all(emulator_url, access_token)
    assert pages == 20
    assert len(seen) == len(set(seen)) == 10_000
    dates = sorted(t["date"] for t in txns.values())
    assert date.fromisoformat(dates[-1]) - date.fromisoformat(dates[0]) >= timedelta(days=700)
    accounts = client.accounts_get(AccountsGetRequest(access_token=access_token)).accounts
    for account in accounts:
        mine = [t for t in txns.values() if t["account_id"] == account.account_id]
        posted = round(sum(t["amount"] for t in mine if not t["pending"]) * 100)
        pending = round(sum(t["amount"] for t in mine if t["pending"]) * 100)
        balances = account.balances
        if account.type.value == "depository" and mine:
            assert round(balances.current * 100) == -posted
            assert round(balances.available * 100) == -posted - pending
        elif account.type.value == "credit":
            assert round(balances.current * 100) == posted
            assert round((balances.limit - balances.available) * 100) == posted + pending
        else:
            assert not mine


def test_pending_transactions_post_like_plaid(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    access_token, _ = link_item(client)
    txns, _, cursor, _ = sync_all(emulator_url, access_token)
    pending = {tid: t for tid, t in txns.items() if t["pending"]}
    assert pending
    client.transactions_refresh(TransactionsRefreshRequest(access_token=access_token))
    update = client.transactions_sync(
        TransactionsSyncRequest(access_token=access_token, cursor=cursor, count=100)
    )
    assert {r.transaction_id for r in update.removed} == set(pending)
    posted = {t.pending_transaction_id: t for t in update.added}
    assert set(posted) == set(pending)
    for pending_id, txn in posted.items():
        assert not txn.pending
        assert txn.transaction_id != pending_id
        assert txn.amount == pending[pending_id]["amount"]
        assert txn.name == pending[pending_id]["name"]
    assert not update.has_more
    quiet = client.transactions_sync(
        TransactionsSyncRequest(access_token=access_token, cursor=update.next_cursor)
    )
    assert (quiet.added, quiet.modified, quiet.removed) == ([], [], [])


def test_dynamic_user_changes_on_refresh(client: plaid_api.PlaidApi, emulator_url: str) -> None:
    access_token, _ = link_item(client, username="user_transactions_dynamic")
    before, _, cursor, _ = sync_all(emulator_url, access_token)
    client.transactions_refresh(TransactionsRefreshRequest(access_token=access_token))
    update = client.transactions_sync(
        TransactionsSyncRequest(access_token=access_token, cursor=cursor, count=100)
    )
    assert len(update.added) >= 3
    assert update.modified
    assert update.removed
    modified = update.modified[0]
    assert modified.amount != before[modified.transaction_id]["amount"]
    # Applying the update gives the same set as syncing from scratch.
    for t in update.added + update.modified:
        before[t.transaction_id] = t.to_dict()
    for r in update.removed:
        before.pop(r.transaction_id)
    fresh, _, _, _ = sync_all(emulator_url, access_token)
    assert set(fresh) == set(before)


def test_mutation_during_pagination(client: plaid_api.PlaidApi, emulator_url: str) -> None:
    access_token, _ = link_item(client, days_requested=730)
    first = client.transactions_sync(TransactionsSyncRequest(access_token=access_token, count=10))
    assert first.has_more
    httpx.post(emulator_url + "/emulator/items/mutate", json={"access_token": access_token})
    with pytest.raises(plaid.ApiException) as err:
        client.transactions_sync(
            TransactionsSyncRequest(access_token=access_token, cursor=first.next_cursor, count=10)
        )
    body = json.loads(err.value.body)
    assert err.value.status == 400
    assert body["error_code"] == "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION"
    assert body["error_type"] == "TRANSACTIONS_ERROR"
    # Restarting from the first cursor works and includes the new transaction.
    txns, _, _, _ = sync_all(emulator_url, access_token)
    assert len(txns) == 751


def test_invalid_cursor(client: plaid_api.PlaidApi) -> None:
    access_token, _ = link_item(client)
    with pytest.raises(plaid.ApiException) as err:
        client.transactions_sync(
            TransactionsSyncRequest(access_token=access_token, cursor="bm9wZQ==")
        )
    assert json.loads(err.value.body)["error_code"] == "INVALID_FIELD"


def test_transactions_get_window_and_paging(client: plaid_api.PlaidApi) -> None:
    access_token, _ = link_item(client)
    end = date.today()
    start = end - timedelta(days=90)
    first = client.transactions_get(
        TransactionsGetRequest(
            access_token=access_token,
            start_date=start,
            end_date=end,
            options=TransactionsGetRequestOptions(count=20, offset=0),
        )
    )
    assert 60 < first.total_transactions < 140
    assert len(first.transactions) == 20
    assert all(start <= t.date <= end for t in first.transactions)
    assert [t.date for t in first.transactions] == sorted(
        (t.date for t in first.transactions), reverse=True
    )
    second = client.transactions_get(
        TransactionsGetRequest(
            access_token=access_token,
            start_date=start,
            end_date=end,
            options=TransactionsGetRequestOptions(count=20, offset=20),
        )
    )
    assert {t.transaction_id for t in first.transactions}.isdisjoint(
        t.transaction_id for t in second.transactions
    )
    checking = first.accounts[0].account_id
    only = client.transactions_get(
        TransactionsGetRequest(
            access_token=access_token,
            start_date=start,
            end_date=end,
            options=TransactionsGetRequestOptions(count=20, account_ids=[checking]),
        )
    )
    assert only.total_transactions < first.total_transactions
    assert all(t.account_id == checking for t in only.transactions)
    assert [a.account_id for a in only.accounts] == [checking]


def test_balance_get_and_unknown_account(client: plaid_api.PlaidApi) -> None:
    access_token, _ = link_item(client)
    from plaid.model.accounts_balance_get_request_options import AccountsBalanceGetRequestOptions

    accounts = client.accounts_balance_get(
        AccountsBalanceGetRequest(access_token=access_token)
    ).accounts
    assert [a.mask for a in accounts][:4] == ["0000", "1111", "2222", "3333"]
    with pytest.raises(plaid.ApiException) as err:
        client.accounts_balance_get(
            AccountsBalanceGetRequest(
                access_token=access_token,
                options=AccountsBalanceGetRequestOptions(account_ids=["nope"]),
            )
        )
    assert json.loads(err.value.body)["error_code"] == "INVALID_ACCOUNT_ID"


def _sync_until(
    client: plaid_api.PlaidApi, request: TransactionsSyncRequest, status: str
) -> TransactionsSyncResponse:
    """Plaid's answer once it reports `status` (polled: a busy machine is slow to get there)."""
    deadline = time.monotonic() + 20
    while True:
        answer = client.transactions_sync(request)
        if answer.transactions_update_status.value == status or time.monotonic() > deadline:
            return answer
        time.sleep(0.1)


def test_update_status_progresses_and_product_not_ready() -> None:
    # Windows wide enough that the first call comes before the initial update even on a
    # busy machine (it took more than 0.4 s there once).
    slow = create_app(
        settings=EmulatorSettings(initial_update_seconds=1.5, historical_update_seconds=3.0)
    )
    with run_in_thread(slow) as url:
        client = make_client(url)
        access_token, _ = link_item(client, days_requested=730)
        sync = TransactionsSyncRequest(access_token=access_token)
        not_ready = client.transactions_sync(sync)
        assert not_ready.transactions_update_status.value == "NOT_READY"
        assert not_ready.next_cursor == ""
        assert not_ready.added == []
        with pytest.raises(plaid.ApiException) as err:
            client.transactions_get(
                TransactionsGetRequest(
                    access_token=access_token,
                    start_date=date.today() - timedelta(days=30),
                    end_date=date.today(),
                )
            )
        assert json.loads(err.value.body)["error_code"] == "PRODUCT_NOT_READY"
        initial = _sync_until(
            client,
            TransactionsSyncRequest(access_token=access_token, count=500),
            "INITIAL_UPDATE_COMPLETE",
        )
        assert initial.transactions_update_status.value == "INITIAL_UPDATE_COMPLETE"
        assert not initial.has_more
        assert all(t.date >= date.today() - timedelta(days=31) for t in initial.added)
        historical = _sync_until(
            client,
            TransactionsSyncRequest(
                access_token=access_token, cursor=initial.next_cursor, count=500
            ),
            "HISTORICAL_UPDATE_COMPLETE",
        )
        assert historical.transactions_update_status.value == "HISTORICAL_UPDATE_COMPLETE"
        assert len(initial.added) + len(historical.added) + 0 >= 500


def test_big_history_balances_do_not_block_other_calls(
    client: plaid_api.PlaidApi, emulator_url: str
) -> None:
    """Totalling 80,000 transactions takes most of a second; it runs off the event loop
    (which may be the host app's), so a cheap call meanwhile answers at once."""
    access_token, _ = link_item(client, username="user_bulk_80000")
    with ThreadPoolExecutor(1) as pool, httpx.Client(base_url=emulator_url, timeout=30) as http:
        slow = pool.submit(http.post, "/accounts/get", json={**AUTH, "access_token": access_token})
        time.sleep(0.1)  # the slow call is in the emulator by now
        quick = http.post(
            "/institutions/get_by_id",
            json={**AUTH, "institution_id": "ins_109508", "country_codes": ["US"]},
        )
        overtaken = not slow.done()
        accounts = slow.result().json()["accounts"]
    assert quick.status_code == 200
    assert overtaken
    assert accounts[0]["balances"]["current"] is not None


@pytest.mark.parametrize("path", ["/transactions/sync", "/transactions/get"])
def test_taxonomy_versions_are_plaids_two(
    client: plaid_api.PlaidApi, emulator_url: str, path: str
) -> None:
    access_token, _ = link_item(client)
    body: dict[str, Any] = {**AUTH, "access_token": access_token}
    if path == "/transactions/get":
        body |= {"start_date": "2020-01-01", "end_date": date.today().isoformat()}
    for version in ("v3", "V2", 2):
        body["options"] = {"personal_finance_category_version": version}
        refused = httpx.post(f"{emulator_url}{path}", json=body, timeout=30)
        assert refused.status_code == 400
        assert refused.json()["error_code"] == "INVALID_FIELD"


def test_the_sdk_gets_the_v2_taxonomy_and_merchant_fields(client: plaid_api.PlaidApi) -> None:
    # Each item's history is drawn from a random seed: 90 days hold no Walmart purchase
    # about one time in ten, two years of them practically never.
    access_token, _ = link_item(client, days_requested=730)
    added, cursor, more = [], "", True
    while more:
        page = client.transactions_sync(
            TransactionsSyncRequest(
                access_token=access_token,
                cursor=cursor,
                count=500,
                options=TransactionsSyncRequestOptions(
                    personal_finance_category_version=PersonalFinanceCategoryVersion("v2")
                ),
            )
        )
        added += page.added
        cursor, more = page.next_cursor, page.has_more
    assert {t.personal_finance_category.version.value for t in added} == {"v2"}
    walmart = next(t for t in added if t.merchant_name == "Walmart")
    assert walmart.name.startswith("WM SUPERCENTER")
    assert walmart.website == "walmart.com"
    assert walmart.logo_url
    assert walmart.counterparties[0].type.value == "merchant"
