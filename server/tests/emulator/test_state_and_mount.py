"""Persistence across restarts and serving under a mount prefix."""

from __future__ import annotations

import json
from pathlib import Path

from plaid.model.accounts_get_request import AccountsGetRequest
from plaid.model.transactions_sync_request import TransactionsSyncRequest
from starlette.applications import Starlette
from starlette.routing import Mount

from plaid_emulator import create_app
from plaid_emulator.testing import run_in_thread

from .conftest import FAST, link_item, make_client


def test_restart_keeps_items_tokens_and_cursors(tmp_path: Path) -> None:
    state_file = tmp_path / "state.json"
    with run_in_thread(create_app(state_file=state_file, settings=FAST)) as url:
        client = make_client(url)
        access_token, _ = link_item(client)
        first = client.transactions_sync(
            TransactionsSyncRequest(access_token=access_token, count=5)
        )
        accounts = client.accounts_get(AccountsGetRequest(access_token=access_token)).to_dict()
    saved = json.loads(state_file.read_text())
    # Transactions are regenerated from the seed, never stored.
    assert "transaction_id" not in state_file.read_text()
    assert all(item["seed"] is not None for item in saved["items"].values())
    with run_in_thread(create_app(state_file=state_file, settings=FAST)) as url:
        client = make_client(url)
        again = client.accounts_get(AccountsGetRequest(access_token=access_token)).to_dict()
        assert again["accounts"] == accounts["accounts"]
        second = client.transactions_sync(
            TransactionsSyncRequest(access_token=access_token, cursor=first.next_cursor, count=5)
        )
        assert {t.transaction_id for t in first.added}.isdisjoint(
            t.transaction_id for t in second.added
        )


def test_works_under_a_mount_prefix() -> None:
    host = Starlette(routes=[Mount("/plaid-emulator", app=create_app(settings=FAST))])
    with run_in_thread(host) as url:
        client = make_client(url + "/plaid-emulator")
        access_token, _ = link_item(client)
        synced = client.transactions_sync(
            TransactionsSyncRequest(access_token=access_token, count=3)
        )
        assert len(synced.added) == 3
