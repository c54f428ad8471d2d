"""Link tokens, Link events, institutions, and the periodic sync."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from pattern.models import LinkEvent
from pattern.sync.periodic import sync_periodically
from tests.support.plaid_stack import Stack, add_bank, signed_up


async def test_link_events_are_kept_for_their_user(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        response = await http.post(
            "/api/link-event",
            json={
                "type": "exit",
                "link_session_id": "link-session-1",
                "error_type": "ITEM_ERROR",
                "error_code": "INVALID_CREDENTIALS",
            },
        )
        assert response.status_code == 204
        bad = await http.post("/api/link-event", json={"type": "explode"})
        assert bad.status_code == 422

    async def events() -> list[LinkEvent]:
        async with stack.app.parts.sessionmaker() as session:
            return list(await session.scalars(select(LinkEvent)))

    (event,) = stack.run(events())
    assert (event.user_id, event.type, event.error_code) == (
        user["id"],
        "exit",
        "INVALID_CREDENTIALS",
    )


async def test_link_tokens_need_a_session(stack: Stack) -> None:
    async with stack.client() as http:
        assert (await http.post("/api/link-token", json={})).status_code == 401
        await signed_up(http, "alice")
        token = (await http.post("/api/link-token", json={})).json()
        assert token["link_token"].startswith("link-")
        assert (await http.post("/api/link-token", json={"item_id": 999})).status_code == 404


async def test_the_webhook_url_comes_from_public_url(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        answer = (await http.get("/api/services/ngrok")).json()
        assert answer == {"url": f"{stack.url}/api/webhooks/plaid"}


async def test_institutions_list_and_detail(stack: Stack) -> None:
    async with stack.client() as http:
        assert (await http.get("/api/institutions")).status_code == 401
        await signed_up(http, "alice")
        listed = (await http.get("/api/institutions", params={"count": 5})).json()
        assert len(listed["institutions"]) == 5
        detail = (await http.get("/api/institutions/ins_109508")).json()
        assert detail["name"] == "First Platypus Bank"
        assert detail["logo"]
        assert (await http.get("/api/institutions/ins_nope")).status_code == 404
        assert (await http.get("/api/institutions", params={"count": 0})).status_code == 422


async def test_the_periodic_sync_syncs_items_not_synced_lately(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        first = (await http.get(f"/api/items/{item_id}")).json()["last_synced_at"]

        async def run_briefly() -> None:
            engine = stack.app.parts.sync
            assert await engine.items_due(3600) == []  # just synced
            loop = asyncio.ensure_future(sync_periodically(engine, 0.2))
            await asyncio.sleep(0.7)
            loop.cancel()
            await engine.wait_idle()

        stack.run(run_briefly())
        assert (await http.get(f"/api/items/{item_id}")).json()["last_synced_at"] > first
