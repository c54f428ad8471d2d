"""An item whose webhooks don't reach the server still gets its whole history: while Plaid
says NOT_READY or INITIAL_UPDATE_COMPLETE the server asks again, with backoff, and tells
the person how far it is (SYNC_PROGRESS)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from plaid.model.item_get_request import ItemGetRequest
from plaid.model.products import Products
from plaid.model.sandbox_public_token_create_request import SandboxPublicTokenCreateRequest
from sqlalchemy import select

from pattern.auth.cookies import ACCESS_COOKIE
from pattern.models import Transaction
from plaid_emulator import EmulatorSettings
from plaid_emulator import create_app as create_emulator
from plaid_emulator.testing import run_in_thread
from tests.support.plaid_stack import (
    Stack,
    emulator_transactions_at,
    plaid_client,
    running_stack,
    signed_up,
)
from tests.support.sockets import person_socket

pytestmark = pytest.mark.reliability

# As Plaid: nothing for a while after the link, then 30 days, then the rest.
SLOW_HISTORY = EmulatorSettings(
    initial_update_seconds=3, historical_update_seconds=8, webhook_retry_base_seconds=0.05
)


@pytest.fixture
def slow_emulator_url() -> Iterator[str]:
    with run_in_thread(create_emulator(settings=SLOW_HISTORY)) as url:
        yield url


async def _unreachable(url: str) -> bool:
    return False


@pytest.fixture
def unreachable_emulator_url() -> Iterator[str]:
    """Plaid, for a server its webhooks cannot reach: /item/webhook/update refuses the
    server's address (as Plaid refuses a URL it cannot use)."""
    settings = replace(SLOW_HISTORY, webhook_allowed=_unreachable)
    with run_in_thread(create_emulator(settings=settings)) as url:
        yield url


def public_token_without_webhook(emulator_url: str) -> str:
    created = plaid_client(emulator_url).sandbox_public_token_create(
        SandboxPublicTokenCreateRequest(
            institution_id="ins_109508", initial_products=[Products("transactions")]
        )
    )
    return str(created.public_token)


async def test_an_item_whose_webhooks_do_not_reach_us_gets_its_whole_history(
    database_url: str, unreachable_emulator_url: str, tmp_path: Path
) -> None:
    emulator_url = unreachable_emulator_url
    with running_stack(database_url, tmp_path / "data", emulator_url) as stack:
        progress: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        async with stack.client() as http:
            user = await signed_up(http, "alice")
            sio = await person_socket(
                stack.server.url, http.cookies[ACCESS_COOKIE], {"SYNC_PROGRESS": progress.put}
            )
            try:
                started = time.monotonic()
                linked = await http.post(
                    "/api/items",
                    json={"public_token": public_token_without_webhook(emulator_url)},
                )
                assert linked.status_code == 201, linked.text
                item_id = linked.json()["id"]
                seen: list[dict[str, Any]] = []
                while not seen or seen[-1]["status"] != "HISTORICAL_UPDATE_COMPLETE":
                    seen.append(await asyncio.wait_for(progress.get(), 60))
                assert time.monotonic() - started < 60
            finally:
                await sio.disconnect()
            [item] = (await http.get(f"/api/users/{user['id']}/items")).json()
        assert item["transactions_update_status"] == "HISTORICAL_UPDATE_COMPLETE"
        assert item["transactions_so_far"] is None  # nothing more to come
        access_token = stack.access_token(item_id)
        whole = emulator_transactions_at(emulator_url, access_token)
        assert {event["item_id"] for event in seen} == {item_id}
        statuses = [event["status"] for event in seen]
        assert statuses[0] == "NOT_READY"
        assert "INITIAL_UPDATE_COMPLETE" in statuses
        # The last 30 days first, then the rest: the person sees the count grow.
        initial = [e["transactions"] for e in seen if e["status"] == "INITIAL_UPDATE_COMPLETE"]
        assert 0 < initial[0] < len(whole)
        assert seen[-1]["transactions"] == len(whole)
        assert len(stack.run(stored_transactions(stack))) == len(whole)


async def stored_transactions(stack: Stack) -> list[str]:
    async with stack.app.parts.sessionmaker() as session:
        return list(await session.scalars(select(Transaction.plaid_transaction_id)))


async def test_an_item_made_without_our_webhook_is_moved_to_it(
    database_url: str, slow_emulator_url: str, tmp_path: Path
) -> None:
    with running_stack(database_url, tmp_path / "data", slow_emulator_url) as stack:
        async with stack.client() as http:
            await signed_up(http, "alice")
            linked = await http.post(
                "/api/items",
                json={"public_token": public_token_without_webhook(slow_emulator_url)},
            )
            assert linked.status_code == 201, linked.text
        access_token = stack.access_token(linked.json()["id"])
        item = plaid_client(slow_emulator_url).item_get(ItemGetRequest(access_token=access_token))
        assert item.item.webhook == f"{stack.app.parts.settings.public_url}/api/webhooks/plaid"
