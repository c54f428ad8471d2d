"""Plaid webhooks: verified exactly as Plaid documents, anything else refused with no effect."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import time
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from plaid.model.item_webhook_update_request import ItemWebhookUpdateRequest
from plaid.model.sandbox_item_fire_webhook_request import SandboxItemFireWebhookRequest
from plaid.model.transactions_refresh_request import TransactionsRefreshRequest
from sqlalchemy import event, func, select

from pattern.app.factory import PatternApp
from pattern.auth.cookies import ACCESS_COOKIE
from pattern.kit.errors import ServiceUnavailable
from pattern.models import Item, PlaidApiEvent, Transaction
from pattern.webhooks.service import SyncUpdates, WebhookActions
from tests.support.plaid_stack import (
    Stack,
    add_bank,
    emulator_transactions,
    link_through_emulator,
    signed_up,
)
from tests.support.sockets import person_socket
from tests.support.webhooks import webhook_catcher

pytestmark = pytest.mark.reliability

WEBHOOK = "/api/webhooks/plaid"


async def connect_socket(stack: Stack, http: httpx.AsyncClient) -> tuple[Any, list[Any]]:
    events: list[Any] = []

    async def any_event(event: str, data: Any) -> None:
        events.append((event, data))

    client = await person_socket(stack.url, http.cookies[ACCESS_COOKIE], {"*": any_event})
    return client, events


async def test_a_refresh_reaches_the_owner_only_and_lands_exactly(stack: Stack) -> None:
    async with stack.client() as alice, stack.client() as bob:
        await signed_up(alice, "alice")
        await signed_up(bob, "bobby")
        item = (await add_bank(alice, stack, username="user_transactions_dynamic"))[0].json()
        stack.settle()
        alice_socket, alice_events = await connect_socket(stack, alice)
        bob_socket, bob_events = await connect_socket(stack, bob)
        try:
            access_token = stack.access_token(item["id"])
            before = emulator_transactions(stack, access_token)
            stack.plaid().transactions_refresh(
                TransactionsRefreshRequest(access_token=access_token)
            )
            stack.settle()
            await asyncio.sleep(0.3)  # socket frames in flight
            after = emulator_transactions(stack, access_token)
            assert set(after) != set(before)  # the refresh added and removed some

            async def stored() -> dict[str, Transaction]:
                async with stack.app.parts.sessionmaker() as session:
                    rows = await session.scalars(select(Transaction))
                    return {row.plaid_transaction_id: row for row in rows}

            mine = stack.run(stored())
            assert set(mine) == set(after)
            for transaction_id, tx in after.items():
                assert str(mine[transaction_id].amount) == f"{tx['amount']:.2f}"
                assert mine[transaction_id].original_name == tx["name"]
            names = [event for event, _ in alice_events]
            assert "SYNC_UPDATES_AVAILABLE" in names
            assert "NEW_TRANSACTIONS_DATA" in names
            update = next(data for event, data in alice_events if event == "NEW_TRANSACTIONS_DATA")
            assert update["item_id"] == item["id"]
            assert bob_events == []
        finally:
            await alice_socket.disconnect()
            await bob_socket.disconnect()


async def test_sync_webhooks_arriving_together_are_looked_up_once_and_sync_each_item_once(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        first = (await add_bank(http, stack))[0].json()["id"]
        second = (await add_bank(http, stack, institution_id="ins_109509"))[0].json()["id"]
        stack.settle()
    context = stack.app.parts

    async def plaid_ids() -> dict[str, int]:
        async with context.sessionmaker() as session:
            return dict((await session.execute(select(Item.plaid_item_id, Item.id))).all())

    by_plaid_id = stack.run(plaid_ids())
    requested: list[list[int]] = []
    original = context.sync.request_many

    async def request_many(item_ids: Any, reason: str, **kwargs: Any) -> None:
        requested.append(sorted(item_ids))
        await original(item_ids, reason, **kwargs)

    monkeypatch.setattr(context.sync, "request_many", request_many)
    lookups: list[str] = []

    def keep(_: Any, __: Any, statement: str, *args: Any) -> None:
        if "items.plaid_item_id IN" in statement:
            lookups.append(statement)

    async def storm() -> None:
        updates = SyncUpdates(
            WebhookActions(
                context.sessionmaker,
                sync=context.sync,
                events=context.realtime,
                plaid=context.plaid,
                cipher=context.cipher,
            ),
            context.background,
        )
        arrived = [
            asyncio.ensure_future(updates.add(plaid_item_id))
            for _ in range(25)  # as many webhooks arrive while the loop is busy
            for plaid_item_id in [*by_plaid_id, "an-item-we-never-had"]
        ]
        await asyncio.gather(*arrived)  # each answered once its sync is recorded
        await context.background.wait_idle()

    event.listen(context.engine.sync_engine, "before_cursor_execute", keep)
    try:
        stack.run(storm())
    finally:
        event.remove(context.engine.sync_engine, "before_cursor_execute", keep)
    assert len(lookups) == 1
    assert requested == [sorted([first, second])]  # one statement records both
    stack.settle()


async def test_webhooks_that_need_nothing_cost_no_query(stack: Stack) -> None:
    """/transactions/get's webhooks, sent beside SYNC_UPDATES_AVAILABLE, cost no query."""
    queries: list[str] = []

    def keep(_: Any, __: Any, statement: str, *args: Any) -> None:
        queries.append(statement)

    parts = stack.app.parts
    actions = WebhookActions(
        parts.sessionmaker,
        sync=parts.sync,
        events=parts.realtime,
        plaid=parts.plaid,
        cipher=parts.cipher,
    )
    engine = parts.engine.sync_engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        for code in ("INITIAL_UPDATE", "HISTORICAL_UPDATE", "DEFAULT_UPDATE"):
            payload = {"webhook_type": "TRANSACTIONS", "webhook_code": code, "item_id": "any"}
            stack.run(actions.handle(payload))
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    assert queries == []


async def test_a_webhook_whose_sender_hangs_up_is_not_logged_as_a_crash(
    stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    port = int(stack.url.rsplit(":", 1)[1])
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        b"POST /api/webhooks/plaid HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
    )
    await writer.drain()
    await asyncio.sleep(0.3)  # the server is now reading the body
    writer.close()
    await writer.wait_closed()
    await asyncio.sleep(0.3)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_reset_login_marks_the_item_bad_and_update_mode_repairs_it(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        socket, events = await connect_socket(stack, http)
        try:
            reset = await http.post(
                "/api/items/sandbox/item/reset_login", json={"item_id": item_id}
            )
            assert reset.status_code == 204
            stack.settle()
            await asyncio.sleep(0.2)
            item = (await http.get(f"/api/items/{item_id}")).json()
            assert item["status"] == "bad"
            assert item["error_code"] == "ITEM_LOGIN_REQUIRED"
            assert ("ERROR", {"item_id": item_id, "error_code": "ITEM_LOGIN_REQUIRED"}) in events

            # A sync of a bad login reports the error instead of crashing.
            report = (await http.post(f"/api/items/{item_id}/sync")).json()
            assert report["status"] == "SYNC_ERROR"
            assert report["error_code"] == "ITEM_LOGIN_REQUIRED"

            # Update mode: Link with a token made for this item fixes the login at Plaid,
            # which sends no webhook for a repair made in the app's own Link...
            await link_through_emulator(http, stack, item_id=item_id)
            stack.settle()
            await asyncio.sleep(0.2)
            assert (await http.get(f"/api/items/{item_id}")).json()["status"] == "bad"
            # ...so the web app says so, and the sync that works marks it good.
            report = (await http.post(f"/api/items/{item_id}/login-fixed")).json()
            assert (report["status"], report["error_code"]) == ("SYNC_HAPPENED", None)
            await asyncio.sleep(0.2)
            assert (await http.get(f"/api/items/{item_id}")).json()["status"] == "good"
            assert [e for e in events if e[0] == "LOGIN_REPAIRED"] == [
                ("LOGIN_REPAIRED", {"item_id": item_id})
            ]
        finally:
            await socket.disconnect()


async def test_item_webhooks_set_status_and_tell_the_owner(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        socket, events = await connect_socket(stack, http)
        try:
            access_token = stack.access_token(item_id)
            stack.plaid().sandbox_item_fire_webhook(
                SandboxItemFireWebhookRequest(
                    access_token=access_token,
                    webhook_code="PENDING_EXPIRATION",
                )
            )
            stack.settle()
            await asyncio.sleep(0.2)
            assert (await http.get(f"/api/items/{item_id}")).json()["status"] == "bad"
            assert ("PENDING_EXPIRATION", {"item_id": item_id}) in events
        finally:
            await socket.disconnect()


def _own_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _sign(body: bytes, *, key: Any, kid: str, alg: str = "ES256", iat: float | None = None) -> str:
    claims = {
        "iat": int(iat if iat is not None else time.time()),
        "request_body_sha256": hashlib.sha256(body).hexdigest(),
    }
    return jwt.encode(claims, key, algorithm=alg, headers={"kid": kid})


def _hs256(body: bytes, *, secret: bytes, kid: str) -> str:
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = b64(json.dumps({"alg": "HS256", "kid": kid, "typ": "JWT"}).encode())
    claims = {"iat": int(time.time()), "request_body_sha256": hashlib.sha256(body).hexdigest()}
    payload = b64(json.dumps(claims).encode())
    signature = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(signature)}"


async def test_forged_stale_and_tampered_webhooks_are_401_and_change_nothing(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        access_token = stack.access_token(item_id)
        with webhook_catcher() as catcher:
            # Point the item's webhooks at a catcher to get one real, signed delivery.
            stack.plaid().item_webhook_update(
                ItemWebhookUpdateRequest(access_token=access_token, webhook=catcher.url)
            )
            real = catcher.first()
        real_kid = jwt.get_unverified_header(real.signature)["kid"]
        sync_body = json.dumps(
            {
                "webhook_type": "TRANSACTIONS",
                "webhook_code": "SYNC_UPDATES_AVAILABLE",
                "item_id": json.loads(real.body)["item_id"],
                "initial_update_complete": True,
                "historical_update_complete": True,
                "environment": "sandbox",
            }
        ).encode()
        mine = _own_key()
        public_pem = mine.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        none_token = jwt.encode(
            {"iat": int(time.time()), "request_body_sha256": hashlib.sha256(sync_body).hexdigest()},
            "",
            algorithm="none",
            headers={"kid": real_kid},
        )
        # The classic confusion attack: HS256 keyed with the (public) verification key.
        hs256_token = _hs256(sync_body, secret=public_pem, kid=real_kid)
        attempts: list[tuple[str, bytes, dict[str, str]]] = [
            ("missing header", sync_body, {}),
            ("garbage header", sync_body, {"Plaid-Verification": "not-a-jwt"}),
            (
                "unknown kid",
                sync_body,
                {"Plaid-Verification": _sign(sync_body, key=mine, kid="nope")},
            ),
            (
                "wrong key",
                sync_body,
                {"Plaid-Verification": _sign(sync_body, key=mine, kid=real_kid)},
            ),
            ("alg none", sync_body, {"Plaid-Verification": none_token}),
            ("HS256 with the public key", sync_body, {"Plaid-Verification": hs256_token}),
            (
                "tampered body",
                real.body.replace(b"WEBHOOK_UPDATE", b"SYNC_UPDATES"),
                {"Plaid-Verification": real.signature},
            ),
            ("other body, real signature", sync_body, {"Plaid-Verification": real.signature}),
        ]

        async def sync_calls() -> int:
            async with stack.app.parts.sessionmaker() as session:
                return int(
                    await session.scalar(
                        select(func.count())
                        .select_from(PlaidApiEvent)
                        .where(PlaidApiEvent.plaid_method == "transactions_sync")
                    )
                    or 0
                )

        before = stack.run(sync_calls())
        for label, body, headers in attempts:
            response = await http.post(
                WEBHOOK, content=body, headers={"Content-Type": "application/json", **headers}
            )
            assert response.status_code == 401, label
            assert response.json()["error"]["code"] == "invalid_webhook", label
        # The real one, replayed once it is older than five minutes.
        verifier = stack.app.parts.verifier
        verifier._clock = lambda: time.time() + 6 * 60
        stale = await http.post(
            WEBHOOK, content=real.body, headers={"Plaid-Verification": real.signature}
        )
        assert stale.status_code == 401
        verifier._clock = time.time
        stack.settle()
        assert stack.run(sync_calls()) == before
        assert (await http.get(f"/api/items/{item_id}")).json()["status"] == "good"

        # And the genuine delivery, fresh, is accepted.
        accepted = await http.post(
            WEBHOOK, content=real.body, headers={"Plaid-Verification": real.signature}
        )
        assert accepted.status_code == 200


async def test_webhooks_waiting_on_a_batch_are_answered_when_the_server_stops(
    app: PatternApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch still recording when the server stops: its webhooks, and those arriving
    meanwhile, are answered at once as errors (Plaid sends them again), not left waiting."""
    parts = app.parts
    recording = asyncio.Event()

    async def request_many(*_: Any, **__: Any) -> None:
        recording.set()
        await asyncio.Event().wait()  # the database never answers

    monkeypatch.setattr(parts.sync, "request_many", request_many)
    updates = SyncUpdates(
        WebhookActions(
            parts.sessionmaker,
            sync=parts.sync,
            events=parts.realtime,
            plaid=parts.plaid,
            cipher=parts.cipher,
        ),
        parts.background,
    )
    first = asyncio.ensure_future(updates.add("item-a"))
    await asyncio.wait_for(recording.wait(), timeout=5)
    second = asyncio.ensure_future(updates.add("item-a"))  # waits for the next batch
    await asyncio.sleep(0)
    await asyncio.wait_for(parts.background.close(), timeout=5)
    for answer in (first, second):
        with pytest.raises(ServiceUnavailable):
            await asyncio.wait_for(answer, timeout=5)
