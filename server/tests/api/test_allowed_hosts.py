"""The host names the server answers to: DNS rebinding finds nothing to talk to."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import socketio

from pattern.app.factory import PatternApp, create_app
from pattern.users import setup_code
from plaid_emulator.testing import serve_in_thread
from tests.support.settings import make_settings
from tests.support.users import STRONG_PASSWORD, AppClient, sign_up_and_log_in

pytestmark = pytest.mark.reliability


async def test_a_rebound_host_is_refused_before_anything_runs(
    client: httpx.AsyncClient, app: PatternApp, settings: Any
) -> None:
    """A page on evil.example resolving to this server (DNS rebinding), with its own
    matching Origin, cannot sign up as the administrator nor read anything: 400."""
    code = setup_code.ensure(settings.data_dir)
    rebound = {"Host": "evil.example:5001", "Origin": "http://evil.example:5001"}
    body = {"username": "mallory", "password": STRONG_PASSWORD, "setup_code": code}
    response = await client.post("/api/users", json=body, headers=rebound)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "host_not_allowed"
    assert "ALLOWED_HOSTS" in response.json()["error"]["message"]
    for path in ("/api/health", "/api/config", "/api/users", "/", "/plaid-emulator/link/session"):
        assert (await client.get(path, headers=rebound)).status_code == 400, path
    config = await client.get("/api/config")
    assert config.json()["setup_required"] is True  # nothing was created


@pytest.mark.parametrize(
    "host",
    [
        "localhost:5001",
        "127.0.0.1:5001",
        "[::1]:5001",
        "pattern.localhost",
        "127.0.0.2",
        "LOCALHOST",
    ],
)
async def test_loopback_names_are_served(client: httpx.AsyncClient, host: str) -> None:
    assert (await client.get("/api/health", headers={"Host": host})).status_code == 200


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "money.example.org.evil.example",
        "127.0.0.1.evil.example",
        "evil.example@localhost",
        "localhost/evil",
        "",
        "a b",
    ],
)
async def test_other_names_are_not(client: httpx.AsyncClient, host: str) -> None:
    assert (await client.get("/api/health", headers={"Host": host})).status_code == 400


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    "settings_overrides",
    [{"public_url": "https://money.example.org", "allowed_hosts": "pi.lan, 192.168.1.10"}],
    indirect=True,
)
async def test_public_url_and_allowed_hosts_are_served(client: httpx.AsyncClient) -> None:
    for host in ("money.example.org", "pi.lan:5001", "192.168.1.10", "PI.LAN"):
        assert (await client.get("/api/health", headers={"Host": host})).status_code == 200, host
    # ALLOWED_HOSTS names replace the tests' own "testserver" here.
    assert (await client.get("/api/health")).status_code == 400


async def test_the_origin_must_be_this_very_host_or_a_trusted_origin(
    client: httpx.AsyncClient,
) -> None:
    """The origin check compares a page's origin with the allowed hosts: a page on another
    port of an allowed name is another site."""
    await sign_up_and_log_in(client)
    for origin in ("http://testserver:8080", "http://evil.example", "null", "file://"):
        refused = await client.post("/api/assets", json={}, headers={"Origin": origin})
        assert refused.status_code == 403, origin
        assert refused.json()["error"]["code"] == "foreign_origin"
    same = await client.post(
        "/api/assets",
        json={"description": "Car", "value": "1.00"},
        headers={"Origin": "http://testserver"},
    )
    assert same.status_code == 201


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_socket_to_a_rebound_host_is_refused(database_url: str, tmp_path: Any) -> None:
    settings = make_settings(database_url, tmp_path / "data")
    app = create_app(settings)
    with serve_in_thread(app) as server:
        async with AppClient(base_url=server.url, data_dir=settings.data_dir) as http:
            await sign_up_and_log_in(http)
            cookies = "; ".join(f"{name}={value}" for name, value in http.cookies.items())
        sio = socketio.AsyncClient(reconnection=False)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await sio.connect(
                server.url,
                headers={"Cookie": cookies, "Host": "evil.example"},
                transports=["websocket"],
                wait_timeout=5,
            )
        ok = socketio.AsyncClient(reconnection=False)
        await ok.connect(
            server.url, headers={"Cookie": cookies}, transports=["websocket"], wait_timeout=5
        )
        assert ok.connected
        await ok.disconnect()
        server.call(app.close())
