"""An administrator disables an account: it cannot log in, its sessions end, its data stays."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from pattern.app.factory import PatternApp, create_app
from pattern.auth.cookies import ACCESS_COOKIE
from pattern.kit.config import Settings
from pattern.users import service as users_service
from plaid_emulator.testing import serve_in_thread
from tests.support.sockets import person_socket
from tests.support.users import STRONG_PASSWORD, AppClient, log_in, sign_up_and_log_in


async def test_a_disabled_account_cannot_log_in_until_enabled_and_keeps_its_data(
    client: httpx.AsyncClient, new_client: Any
) -> None:
    await sign_up_and_log_in(client, "root")
    bob_client = new_client()
    bob = await sign_up_and_log_in(bob_client, "bob")
    asset = await bob_client.post("/api/assets", json={"description": "Car", "value": "9000"})
    assert asset.status_code == 201
    laptop = new_client()
    await log_in(laptop, "bob")

    disabled = await client.post(f"/api/users/{bob['id']}/disable")
    assert disabled.status_code == 200
    assert disabled.json()["disabled_at"] is not None
    # Every session of bob's ended: the access cookie and the refresh cookie alike.
    for http in (bob_client, laptop):
        assert (await http.get("/api/sessions/me")).status_code == 401
        assert (await http.post("/api/sessions/refresh")).status_code == 401

    # The right password says the account is disabled; a wrong one says no more than ever.
    right = await new_client().post(
        "/api/sessions", json={"username": "bob", "password": STRONG_PASSWORD}
    )
    assert right.status_code == 401
    assert right.json()["error"]["code"] == "account_disabled"
    assert "disabled" in right.json()["error"]["message"]
    wrong = await new_client().post(
        "/api/sessions", json={"username": "bob", "password": "not-his-password-1"}
    )
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_credentials"
    assert "disabled" not in wrong.text
    listed = {u["username"]: u for u in (await client.get("/api/users")).json()}
    assert listed["bob"]["disabled_at"] is not None
    assert listed["root"]["disabled_at"] is None

    enabled = await client.post(f"/api/users/{bob['id']}/enable")
    assert enabled.status_code == 200
    assert enabled.json()["disabled_at"] is None
    await log_in(bob_client, "bob")
    assets = (await bob_client.get(f"/api/users/{bob['id']}/assets")).json()
    assert [a["description"] for a in assets] == ["Car"]


async def test_who_may_disable_whom(client: httpx.AsyncClient, new_client: Any) -> None:
    root = await sign_up_and_log_in(client, "root")
    bob_client = new_client()
    bob = await sign_up_and_log_in(bob_client, "bob")

    own = await client.post(f"/api/users/{root['id']}/disable")
    assert own.status_code == 409
    assert own.json()["error"]["code"] == "own_account"
    for target in (root, bob):
        refused = await bob_client.post(f"/api/users/{target['id']}/disable")
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "admin_only"
    assert (await client.post("/api/users/987654/disable")).status_code == 404
    assert (await client.post("/api/users/0/enable")).status_code == 404
    # Nothing changed: root and bob still work.
    assert (await client.get("/api/sessions/me")).status_code == 200
    assert (await bob_client.get("/api/sessions/me")).status_code == 200
    # Twice is the same as once.
    assert (await client.post(f"/api/users/{bob['id']}/disable")).status_code == 200
    again = await client.post(f"/api/users/{bob['id']}/disable")
    assert again.status_code == 200
    assert again.json()["disabled_at"] is not None


async def test_a_disabled_admin_does_not_count_as_the_other_admin(
    client: httpx.AsyncClient, app: PatternApp, new_client: Any
) -> None:
    root = await sign_up_and_log_in(client, "root")
    async with app.parts.sessionmaker() as session:
        ops = await users_service.create_admin(session, username="ops", password=STRONG_PASSWORD)
        ops_id = ops.id
        await session.commit()
    assert (await client.post(f"/api/users/{ops_id}/disable")).status_code == 200
    ops_client = new_client()
    refused = await ops_client.post(
        "/api/sessions", json={"username": "ops", "password": STRONG_PASSWORD}
    )
    assert refused.json()["error"]["code"] == "account_disabled"
    # Root is the only administrator who can still log in: root cannot go.
    gone = await client.request(
        "DELETE", f"/api/users/{root['id']}", json={"password": STRONG_PASSWORD}
    )
    assert gone.status_code == 409
    assert gone.json()["error"]["code"] == "last_admin"


async def test_last_sign_in_is_kept(client: httpx.AsyncClient, new_client: Any) -> None:
    await sign_up_and_log_in(client, "root")
    bob_client = new_client()
    bob = await sign_up_and_log_in(bob_client, "bob")
    first = (await bob_client.get("/api/sessions/me")).json()["last_login_at"]
    assert first is not None
    await asyncio.sleep(0.01)
    await log_in(new_client(), "bob")
    listed = {u["username"]: u for u in (await client.get("/api/users")).json()}
    assert listed["bob"]["last_login_at"] > first
    # A wrong password is no sign-in.
    await new_client().post("/api/sessions", json={"username": "bob", "password": "nope-nope-1"})
    after = (await client.get(f"/api/users/{bob['id']}")).json()["last_login_at"]
    assert after == listed["bob"]["last_login_at"]


async def test_disabling_closes_the_persons_open_sockets(settings: Settings) -> None:
    app = create_app(settings)
    with serve_in_thread(app) as server:
        async with (
            AppClient(base_url=server.url, data_dir=settings.data_dir) as admin,
            AppClient(base_url=server.url, data_dir=settings.data_dir) as bob_client,
        ):
            await sign_up_and_log_in(admin, "root")
            bob = await sign_up_and_log_in(bob_client, "bob")
            closed = asyncio.Event()
            access = bob_client.cookies[ACCESS_COOKIE]
            sio = await person_socket(server.url, access, {"disconnect": closed.set})
            assert sio.connected
            assert (await admin.post(f"/api/users/{bob['id']}/disable")).status_code == 200
            await asyncio.wait_for(closed.wait(), 5)
            assert not sio.connected
        server.call(app.close())
