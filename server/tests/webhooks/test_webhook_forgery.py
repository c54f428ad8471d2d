"""Webhooks an attacker sends: forged ones cost no more than a few Plaid calls and small
rows, and a genuine one delivered again (or signed to be valid later) does nothing more."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.asymmetric import ec
from plaid.model.sandbox_item_fire_webhook_request import SandboxItemFireWebhookRequest
from sqlalchemy import func, select

from pattern.models import PlaidApiEvent
from pattern.webhooks.signing_keys import LOOKUPS_PER_MINUTE
from tests.support.plaid_stack import Stack, add_bank, running_stack, signed_up
from tests.support.redis_server import REDIS_URL, require_redis
from tests.support.webhooks import SigningEmulator, signing_emulator

pytestmark = pytest.mark.reliability

WEBHOOK = "/api/webhooks/plaid"
# The order of P-256: an ECDSA signature (r, s) verifies as (r, n - s) too.
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


@pytest.fixture
def own(database_url: str, tmp_path: Path) -> Iterator[tuple[Stack, SigningEmulator]]:
    """The app wired to an emulator whose signing key the test holds."""
    with (
        signing_emulator() as emulator,
        running_stack(database_url, tmp_path / "data", emulator.url) as stack,
    ):
        yield stack, emulator


async def calls(stack: Stack, method: str) -> int:
    async with stack.app.parts.sessionmaker() as session:
        query = select(func.count()).where(PlaidApiEvent.plaid_method == method)
        return int(await session.scalar(query) or 0)


async def linked(stack: Stack) -> str:
    """Alice links a bank; the Plaid item id of it."""
    async with stack.client() as http:
        await signed_up(http, "alice")
        response, _ = await add_bank(http, stack)
        assert response.status_code == 201, response.text
    stack.settle()
    (item,) = stack.run(stack.items_in_db())
    return item.plaid_item_id


def sync_updates_body(plaid_item_id: str) -> bytes:
    """SYNC_UPDATES_AVAILABLE as Plaid sends it: the same bytes every time for one item."""
    payload = {
        "webhook_type": "TRANSACTIONS",
        "webhook_code": "SYNC_UPDATES_AVAILABLE",
        "item_id": plaid_item_id,
        "initial_update_complete": True,
        "historical_update_complete": True,
        "environment": "sandbox",
    }
    return json.dumps(payload, indent=2).encode()


FORGER = ec.generate_private_key(ec.SECP256R1())


def forged(body: bytes, kid: str) -> str:
    claims = {"iat": int(time.time()), "request_body_sha256": hashlib.sha256(body).hexdigest()}
    return jwt.encode(claims, FORGER, "ES256", {"kid": kid})


def with_s_flipped(token: str) -> str:
    """The same signature, written as its twin (r, n - s)."""
    signing_input, _, signature = token.rpartition(".")
    raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    s = int.from_bytes(raw[32:], "big")
    flipped = raw[:32] + (P256_ORDER - s).to_bytes(32, "big")
    return f"{signing_input}.{base64.urlsafe_b64encode(flipped).rstrip(b'=').decode()}"


async def post(http: httpx.AsyncClient, body: bytes, signature: str) -> httpx.Response:
    return await http.post(
        WEBHOOK,
        content=body,
        headers={"Content-Type": "application/json", "Plaid-Verification": signature},
    )


async def deliver(stack: Stack, body: bytes, signature: str) -> httpx.Response:
    async with stack.client() as http:
        return await post(http, body, signature)


async def test_forged_webhooks_naming_random_or_huge_kids_cost_a_few_key_look_ups(
    stack: Stack,
) -> None:
    """210 forged webhooks with random, repeated or 64 KB kids: 401, at most 10 key look-ups.

    150 random UUID kids, 30 other strings, 10 kids of 64 KB and one unknown kid 20 times:
    all 401, at most the per-minute bound of key look-ups at Plaid (the repeated kid once),
    no recorded row over 200 characters, and Plaid's own webhooks still pass."""
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()  # the item's first webhooks made the server learn Plaid's key
        body = b'{"webhook_type": "TRANSACTIONS", "webhook_code": "SYNC_UPDATES_AVAILABLE"}'
        repeated = str(uuid.uuid4())
        kids = [repeated] * 20
        kids += [str(uuid.uuid4()) for _ in range(150)]
        kids += [secrets.token_urlsafe(24) for _ in range(30)]
        kids += ["k" * 65536 for _ in range(10)]
        before = stack.run(calls(stack, "webhook_verification_key_get"))
        for kid in kids:
            response = await post(http, body, forged(body, kid))
            assert response.status_code == 401, response.text
            assert response.json()["error"]["code"] == "invalid_webhook"

        async def rows() -> list[tuple[str, str | None]]:
            async with stack.app.parts.sessionmaker() as session:
                found = await session.execute(
                    select(PlaidApiEvent.plaid_method, PlaidApiEvent.arguments)
                )
                return [(method, arguments) for method, arguments in found]

        recorded = stack.run(rows())
        look_ups = [args for method, args in recorded if method == "webhook_verification_key_get"]
        assert len(look_ups) - before <= LOOKUPS_PER_MINUTE
        assert sum(repeated in (args or "") for args in look_ups) == 1
        assert max(len(args or "") for _, args in recorded) <= 200

        stack.plaid().sandbox_item_fire_webhook(
            SandboxItemFireWebhookRequest(
                access_token=stack.access_token(item_id), webhook_code="PENDING_EXPIRATION"
            )
        )
        stack.settle()
        assert (await http.get(f"/api/items/{item_id}")).json()["status"] == "bad"


async def test_a_webhook_signed_for_later_is_refused(own: tuple[Stack, SigningEmulator]) -> None:
    """A genuine webhook signed an hour ahead of the clock: 401 and no sync.

    Taken, it would verify for an hour and five minutes. One dated 20 s ahead (clock skew)
    is accepted and syncs."""
    stack, emulator = own
    body = sync_updates_body(await linked(stack))
    before = stack.run(calls(stack, "transactions_sync"))
    ahead = await deliver(stack, body, emulator.sign(body, issued_at=int(time.time()) + 3600))
    assert ahead.status_code == 401
    assert ahead.json()["error"]["code"] == "invalid_webhook"
    stack.settle()
    assert stack.run(calls(stack, "transactions_sync")) == before
    skewed = await deliver(stack, body, emulator.sign(body, issued_at=int(time.time()) + 20))
    assert skewed.status_code == 200
    stack.settle()
    assert stack.run(calls(stack, "transactions_sync")) > before


async def test_a_webhook_delivered_again_acts_once(own: tuple[Stack, SigningEmulator]) -> None:
    """A genuine webhook replayed, also with its signature's twin (r, n - s): 200, one sync.

    The same body signed anew (as Plaid sends every SYNC_UPDATES_AVAILABLE of an item, byte
    for byte) syncs again."""
    stack, emulator = own
    body = sync_updates_body(await linked(stack))
    signature = emulator.sign(body)
    syncs = [stack.run(calls(stack, "transactions_sync"))]
    for replay in (signature, signature, with_s_flipped(signature)):
        response = await deliver(stack, body, replay)
        assert response.status_code == 200, response.text
        stack.settle()
        syncs.append(stack.run(calls(stack, "transactions_sync")))
    assert syncs[1] > syncs[0]
    assert syncs[3] == syncs[2] == syncs[1]

    assert (await deliver(stack, body, emulator.sign(body))).status_code == 200
    stack.settle()
    assert stack.run(calls(stack, "transactions_sync")) > syncs[3]


async def test_a_webhook_replayed_to_another_process_acts_once(
    database_url: str, tmp_path: Path
) -> None:
    """A genuine webhook replayed to another server process sharing Redis: one sync."""
    require_redis()
    shared: dict[str, Any] = {
        "redis_url": REDIS_URL,
        "secret_key": f"replays-{uuid.uuid4().hex}" * 2,
        "token_encryption_key": Fernet.generate_key().decode(),
    }
    with (
        signing_emulator() as emulator,
        running_stack(database_url, tmp_path / "one", emulator.url, **shared) as first,
        running_stack(database_url, tmp_path / "two", emulator.url, **shared) as second,
    ):
        body = sync_updates_body(await linked(first))
        signature = emulator.sign(body)
        before = first.run(calls(first, "transactions_sync"))
        assert (await deliver(first, body, signature)).status_code == 200
        first.settle()
        once = first.run(calls(first, "transactions_sync"))
        assert once > before
        assert (await deliver(second, body, signature)).status_code == 200
        second.settle()
        first.settle()
        assert first.run(calls(first, "transactions_sync")) == once
