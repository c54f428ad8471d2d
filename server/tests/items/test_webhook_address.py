"""Items follow the server to a new address: started again with another PUBLIC_URL, the
server moves its items' webhooks there (/item/webhook/update), and Plaid's next webhook
reaches it. Before, they went on to the old address and nothing synced on its own."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from plaid.model.item_get_request import ItemGetRequest
from plaid.model.transactions_refresh_request import TransactionsRefreshRequest
from sqlalchemy import update
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pattern.items import webhooks
from pattern.kit.crypto import TokenCipher
from pattern.models import Item
from plaid_emulator.testing import serve_in_thread
from tests.support.factories import make_item
from tests.support.plaid_stack import (
    Stack,
    add_bank,
    plaid_client,
    running_stack,
    signed_up,
    stored_ids,
)
from tests.support.processes import server_env, server_process
from tests.support.users import STRONG_PASSWORD


def item_webhook(emulator_url: str, access_token: str) -> str | None:
    item = plaid_client(emulator_url).item_get(ItemGetRequest(access_token=access_token)).item
    webhook: str | None = item.get("webhook")
    return webhook


async def wait_for(check: Callable[[], object], what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        await asyncio.sleep(0.2)


async def total(http: httpx.AsyncClient, user_id: int) -> int:
    response = await http.get(f"/api/users/{user_id}/transactions", params={"limit": 1})
    return int(response.headers["X-Total-Count"])


async def test_a_new_public_url_moves_the_items_webhooks(
    database_url: str, emulator_url: str, tmp_path: Path
) -> None:
    key = Fernet.generate_key().decode()
    # Linked by the app at its first address (in this process: only the second start, the
    # one that must move the webhooks, needs to be a server process of its own).
    with running_stack(
        database_url, tmp_path / "data", emulator_url, token_encryption_key=key
    ) as first:
        async with first.client() as http:
            user = await signed_up(http, "alice")
            response, _ = await add_bank(http, emulator_url, username="user_transactions_dynamic")
            assert response.status_code == 201, response.text
        first.settle()
    _, encrypted = await stored_ids(database_url)
    access_token = TokenCipher(key).decrypt(encrypted)
    assert item_webhook(emulator_url, access_token) == f"{first.url}/api/webhooks/plaid"

    second = server_env(database_url, tmp_path / "data", emulator_url, TOKEN_ENCRYPTION_KEY=key)
    assert second["PUBLIC_URL"] != first.url
    moved = f"{second['PUBLIC_URL']}/api/webhooks/plaid"
    with server_process(second, tmp_path):
        await wait_for(lambda: item_webhook(emulator_url, access_token) == moved, "the move")
        async with httpx.AsyncClient(base_url=second["PUBLIC_URL"], timeout=30) as http:
            credentials = {"username": "alice", "password": STRONG_PASSWORD}
            assert (await http.post("/api/sessions", json=credentials)).status_code == 200
            before = await total(http, user["id"])
            # The bank has news: Plaid's SYNC_UPDATES_AVAILABLE goes to the new address.
            plaid_client(emulator_url).transactions_refresh(
                TransactionsRefreshRequest(access_token=access_token)
            )
            deadline = time.monotonic() + 20
            while await total(http, user["id"]) == before:
                assert time.monotonic() < deadline, "the refresh's webhook synced nothing"
                await asyncio.sleep(0.2)


async def test_items_already_pointing_here_cost_no_plaid_call(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
    stack.settle()
    context = stack.app.parts
    here = f"{stack.url}/api/webhooks/plaid"

    async def set_address(url: str | None) -> None:
        async with context.sessionmaker() as session, session.begin():
            await session.execute(update(Item).where(Item.id == item_id).values(webhook_url=url))

    async def add_unreadable_item() -> None:  # a token stored under an older key
        async with context.sessionmaker() as session, session.begin():
            await make_item(session, user["id"], plaid_access_token_encrypted="gAAAA-old-key")

    # Linked here: nothing to move, and Plaid is not asked.
    address = context.webhook_address
    assert stack.run(address.point_webhooks_here()) == 0
    stack.run(set_address(None))  # linked before the server kept the address
    stack.run(add_unreadable_item())
    assert stack.run(address.point_webhooks_here()) == 1  # the other one is skipped, logged
    assert stack.run(address.point_webhooks_here()) == 0
    assert item_webhook(stack.emulator_url, stack.access_token(item_id)) == here


async def test_a_restarted_ngrok_tunnel_is_followed(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ngrok names a new public URL when it restarts: the items move to it within a check."""
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
    stack.settle()
    tunnel = {"public_url": "https://first.ngrok.example"}

    async def tunnels(_: Request) -> JSONResponse:
        return JSONResponse({"tunnels": [{"public_url": "http://plain.example"}, tunnel]})

    monkeypatch.setattr(webhooks, "NGROK_CHECK_SECONDS", 0.2)
    with serve_in_thread(Starlette(routes=[Route("/api/tunnels", tunnels)])) as ngrok:
        context = stack.app.parts
        context.settings.public_url = ""  # webhooks reach this server through ngrok only
        context.settings.ngrok_api_url = ngrok.url

        async def start() -> None:
            context.background.spawn(context.webhook_address.follow())

        stack.run(start())
        access_token = stack.access_token(item_id)

        def moved_to(address: str) -> Callable[[], bool]:
            url = f"{address}/api/webhooks/plaid"
            return lambda: item_webhook(stack.emulator_url, access_token) == url

        for address in ("https://first.ngrok.example", "https://second.ngrok.example"):
            tunnel["public_url"] = address
            await wait_for(moved_to(address), address)
