"""The emulator mounted in the server (`make start`) is reachable by anyone who reaches the
server: it serves that server only. Its test controls need a secret, it takes the server's
own credentials, sends webhooks only to the server, and keeps items to a bounded size."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import plaid
import pytest
from plaid.model.country_code import CountryCode
from plaid.model.item_get_request import ItemGetRequest
from plaid.model.item_webhook_update_request import ItemWebhookUpdateRequest
from plaid.model.link_token_create_request import LinkTokenCreateRequest
from plaid.model.link_token_create_request_user import LinkTokenCreateRequestUser
from plaid.model.products import Products
from plaid.model.sandbox_item_fire_webhook_request import SandboxItemFireWebhookRequest
from plaid.model.sandbox_public_token_create_request import SandboxPublicTokenCreateRequest
from plaid.model.sandbox_public_token_create_request_options import (
    SandboxPublicTokenCreateRequestOptions,
)

from tests.support.plaid_stack import (
    Stack,
    add_bank,
    emulator_of,
    emulator_transactions,
    link_through_emulator,
    plaid_client,
    running_stack,
    signed_up,
)
from tests.support.webhooks import webhook_catcher

pytestmark = pytest.mark.reliability

# Every control, with a body that would change something were it obeyed.
CONTROLS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("POST", "/emulator/faults", {"path": "*", "count": 1000, "delay_seconds": 20}),
    ("GET", "/emulator/faults", None),
    ("DELETE", "/emulator/faults", None),
    ("POST", "/emulator/reset", None),
    ("POST", "/emulator/items/mutate", {"item_id": "ITEM"}),
    ("POST", "/emulator/items/refresh", {"item_id": "ITEM"}),
    ("POST", "/emulator/items/post_pending", {"item_id": "ITEM"}),
    ("GET", "/emulator/webhooks", None),
    (
        "POST",
        "/emulator/webhooks/fire",
        {"access_tokens": ["TOKEN"], "webhook_code": "PENDING_EXPIRATION"},
    ),
]


@pytest.fixture
def mounted(database_url: str, tmp_path: Path) -> Iterator[Stack]:
    """The app with its own emulator mounted (as `make start`), its controls' secret set."""
    with running_stack(database_url, tmp_path / "data", emulator_url="") as stack:
        yield stack


async def linked_item(stack: Stack, http: httpx.AsyncClient) -> tuple[int, str, str]:
    """Alice links a bank: the item's id here, its access token and Plaid item id."""
    await signed_up(http, "alice")
    response, _ = await add_bank(http, stack, username="user_transactions_dynamic")
    assert response.status_code == 201, response.text
    await asyncio.sleep(1.2)  # the history comes in a second (webhooks INITIAL, HISTORICAL)
    stack.settle()
    item_id = response.json()["id"]
    (item,) = stack.run(stack.items_in_db())
    return item_id, stack.access_token(item_id), item.plaid_item_id


def plaid_error(exc: pytest.ExceptionInfo[plaid.ApiException]) -> tuple[int, str]:
    return int(exc.value.status), json.loads(exc.value.body)["error_code"]


async def test_each_control_without_the_secret_is_refused_and_changes_nothing(
    mounted: Stack,
) -> None:
    """Each /emulator/ control of the mounted emulator without its secret: 401, no change.

    With no secret or a wrong one (fault injection, reset, mutations, webhook storms): the
    item, its transactions, the armed faults and the webhooks sent are as they were."""
    stack = mounted
    async with stack.client() as http:
        item_id, access_token, plaid_item_id = await linked_item(stack, http)
        before = emulator_transactions(stack, access_token)
        async with stack.emulator() as admin:
            sent = (await admin.get("/emulator/webhooks")).json()["sent"]
        async with httpx.AsyncClient(base_url=stack.emulator_url) as anyone:
            for headers in ({}, {"X-Emulator-Admin-Secret": "guess"}):
                for method, path, body in CONTROLS:
                    text = json.dumps(body or {})
                    text = text.replace("ITEM", plaid_item_id).replace("TOKEN", access_token)
                    response = await anyone.request(method, path, content=text, headers=headers)
                    assert response.status_code == 401, (path, response.text)
                    assert response.json()["error_code"] == "INVALID_API_KEYS"
        await asyncio.sleep(0.3)  # a webhook fired would be on its way
        async with stack.emulator() as admin:
            assert (await admin.get("/emulator/faults")).json() == {"faults": []}
            assert (await admin.get("/emulator/webhooks")).json()["sent"] == sent
        assert emulator_transactions(stack, access_token) == before
        report = (await http.post(f"/api/items/{item_id}/sync")).json()
        assert report["status"] == "SYNC_HAPPENED", report
        assert (await http.get(f"/api/items/{item_id}")).json()["status"] == "good"


async def test_without_a_secret_the_controls_do_not_exist(
    database_url: str, tmp_path: Path
) -> None:
    """The mounted emulator's controls with PLAID_EMULATOR_ADMIN_SECRET empty: all 404."""
    with running_stack(
        database_url, tmp_path / "data", emulator_url="", plaid_emulator_admin_secret=""
    ) as stack:
        async with httpx.AsyncClient(base_url=stack.emulator_url) as anyone:
            for method, path, body in CONTROLS:
                response = await anyone.request(method, path, json=body)
                assert response.status_code == 404, (path, response.text)
                assert response.json()["error_code"] == "NOT_FOUND"


async def test_webhook_urls_elsewhere_are_refused_three_ways_and_never_posted_to(
    mounted: Stack,
) -> None:
    """Webhook URLs elsewhere, three ways into the mounted emulator: 400, nothing POSTed there.

    Given to /link/token/create, /sandbox/public_token/create or /item/webhook/update (blind
    SSRF): 400 INVALID_FIELD each; and an item pointing elsewhere (an older state file)
    gets its webhooks dropped: a listener there receives nothing."""
    stack = mounted
    plaid_api = stack.plaid()
    async with stack.client() as http:
        item_id, access_token, _ = await linked_item(stack, http)
    own = f"{stack.url}/api/webhooks/plaid"
    with webhook_catcher() as catcher:
        with pytest.raises(plaid.ApiException) as refused:
            plaid_api.link_token_create(
                LinkTokenCreateRequest(
                    client_name="Pattern",
                    language="en",
                    country_codes=[CountryCode("US")],
                    user=LinkTokenCreateRequestUser(client_user_id="1"),
                    products=[Products("transactions")],
                    webhook=catcher.url,
                )
            )
        assert plaid_error(refused) == (400, "INVALID_FIELD")
        with pytest.raises(plaid.ApiException) as refused:
            plaid_api.sandbox_public_token_create(
                SandboxPublicTokenCreateRequest(
                    institution_id="ins_109508",
                    initial_products=[Products("transactions")],
                    options=SandboxPublicTokenCreateRequestOptions(webhook=catcher.url),
                )
            )
        assert plaid_error(refused) == (400, "INVALID_FIELD")
        with pytest.raises(plaid.ApiException) as refused:
            plaid_api.item_webhook_update(
                ItemWebhookUpdateRequest(access_token=access_token, webhook=catcher.url)
            )
        assert plaid_error(refused) == (400, "INVALID_FIELD")
        item = plaid_api.item_get(ItemGetRequest(access_token=access_token)).item
        assert item.get("webhook") == own

        # An item whose webhook was set before any check: its webhooks go nowhere.
        emulator = emulator_of(stack)
        dropped = emulator.webhooks.counts.dropped

        async def point_elsewhere() -> None:
            emulator.state.items[item.item_id].webhook = catcher.url

        stack.run(point_elsewhere())
        fire = SandboxItemFireWebhookRequest(
            access_token=access_token, webhook_code="PENDING_EXPIRATION"
        )
        plaid_api.sandbox_item_fire_webhook(fire)
        stack.settle()
        await asyncio.sleep(0.5)
        assert catcher.received == []
        assert emulator.webhooks.counts.dropped == dropped + 1
    async with stack.client() as http:
        await signed_up(http, "alice")
        assert (await http.get(f"/api/items/{item_id}")).json()["status"] == "good"


async def test_items_still_follow_a_new_address_of_the_server(mounted: Stack) -> None:
    """The server at a new address: the mounted emulator moves old items' webhooks there.

    PUBLIC_URL changed: /item/webhook/update to it is accepted, and webhooks arrive."""
    stack = mounted
    async with stack.client() as http:
        item_id, access_token, _ = await linked_item(stack, http)
    context = stack.app.parts
    port = stack.url.rsplit(":", 1)[1]
    context.settings.public_url = f"http://localhost:{port}"  # this server, by another name
    assert stack.run(context.webhook_address.point_webhooks_here()) == 1
    item = stack.plaid().item_get(ItemGetRequest(access_token=access_token)).item
    assert item.get("webhook") == f"http://localhost:{port}/api/webhooks/plaid"
    fire = SandboxItemFireWebhookRequest(
        access_token=access_token, webhook_code="PENDING_EXPIRATION"
    )
    stack.plaid().sandbox_item_fire_webhook(fire)
    stack.settle()
    async with stack.client() as http:
        await signed_up(http, "alice")
        assert (await http.get(f"/api/items/{item_id}")).json()["status"] == "bad"


async def test_histories_beyond_the_cap_are_refused(mounted: Stack) -> None:
    """A user_bulk history beyond the mounted emulator's cap: 400 naming the limit, no item.

    user_bulk_1000000 (~9 CPU-seconds) through Link, the limit + 1 through
    /sandbox/public_token/create: INVALID_FIELD; an item at the limit is made."""
    stack = mounted
    emulator = emulator_of(stack)
    async with stack.client() as http:
        await signed_up(http, "alice")
        token = (await http.post("/api/link-token", json={})).json()["link_token"]
        async with httpx.AsyncClient(base_url=stack.emulator_url) as link:
            refused = await link.post(
                "/link/session/complete",
                json={
                    "link_token": token,
                    "institution_id": "ins_109508",
                    "username": "user_bulk_1000000",
                    "password": "pass_good",
                },
            )
    assert refused.status_code == 400
    assert refused.json()["error"]["error_code"] == "INVALID_FIELD"
    limit = stack.app.parts.settings.plaid_emulator_max_history
    assert str(limit) in refused.json()["error"]["display_message"]

    def create(size: int) -> None:
        stack.plaid().sandbox_public_token_create(
            SandboxPublicTokenCreateRequest(
                institution_id="ins_109508",
                initial_products=[Products("transactions")],
                options=SandboxPublicTokenCreateRequestOptions(
                    override_username=f"user_bulk_{size}", override_password="pass_good"
                ),
            )
        )

    with pytest.raises(plaid.ApiException) as too_big:
        create(limit + 1)
    assert plaid_error(too_big) == (400, "INVALID_FIELD")
    assert emulator.state.items == {}
    create(limit)
    assert len(emulator.state.items) == 1


async def test_only_the_servers_own_credentials_are_accepted(mounted: Stack) -> None:
    """The mounted emulator with credentials other than the server's: 400, no item made.

    Any client_id/secret but the server's own (derived from SECRET_KEY): INVALID_API_KEYS;
    Link from the web client, authorized by a link token, still links."""
    stack = mounted
    emulator = emulator_of(stack)
    for credentials in (("pattern", "emulator"), ("test", "test")):
        with pytest.raises(plaid.ApiException) as refused:
            plaid_client(stack.emulator_url, credentials).sandbox_public_token_create(
                SandboxPublicTokenCreateRequest(
                    institution_id="ins_109508", initial_products=[Products("transactions")]
                )
            )
        assert plaid_error(refused) == (400, "INVALID_API_KEYS")
    assert emulator.state.items == {}
    async with stack.client() as http:
        await signed_up(http, "alice")
        linked = await link_through_emulator(http, stack)
        response = await http.post(
            "/api/items",
            json={"public_token": linked["public_token"], "institution_id": "ins_109508"},
        )
        assert response.status_code == 201, response.text
    assert len(emulator.state.items) == 1
