"""Log-in, cookies, refresh rotation, log-out and the login slow-down."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from pattern.auth.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from tests.support.users import STRONG_PASSWORD, log_in, sign_up, sign_up_and_log_in

pytestmark = pytest.mark.reliability


def set_cookie_headers(response: httpx.Response) -> dict[str, str]:
    return {header.split("=", 1)[0]: header for header in response.headers.get_list("set-cookie")}


async def test_log_in_sets_httponly_lax_cookies_and_me_answers(client: httpx.AsyncClient) -> None:
    await sign_up(client)
    response = await log_in(client)
    assert response.json()["username"] == "alice"
    cookies = set_cookie_headers(response)
    for name in (ACCESS_COOKIE, REFRESH_COOKIE):
        assert "HttpOnly" in cookies[name]
        assert "samesite=lax" in cookies[name].lower()
        assert "secure" not in cookies[name].lower()  # served over plain HTTP in this test
    assert "Max-Age=900" in cookies[ACCESS_COOKIE]
    assert "Path=/api/sessions" in cookies[REFRESH_COOKIE]
    me = await client.get("/api/sessions/me")
    assert me.status_code == 200
    assert me.json()["username"] == "alice"


@pytest.mark.parametrize(
    "settings_overrides",
    [{"public_url": "https://money.example.org", "cookie_secure": "auto"}],
    indirect=True,
)
async def test_cookies_are_secure_when_served_over_https(client: httpx.AsyncClient) -> None:
    await sign_up(client)
    response = await client.post(
        "/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD}
    )
    for header in response.headers.get_list("set-cookie"):
        assert "secure" in header.lower()


async def test_unknown_user_and_wrong_password_get_the_same_401(
    client: httpx.AsyncClient,
) -> None:
    await sign_up(client)
    wrong = await client.post("/api/sessions", json={"username": "alice", "password": "nope-123"})
    unknown = await client.post("/api/sessions", json={"username": "bob", "password": "nope-123"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert "set-cookie" not in wrong.headers


async def test_me_without_a_session_is_401(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/sessions/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


async def test_forged_access_cookie_is_refused(client: httpx.AsyncClient) -> None:
    await sign_up_and_log_in(client)
    client.cookies.set(ACCESS_COOKIE, client.cookies[ACCESS_COOKIE][:-4] + "AAAA")
    assert (await client.get("/api/sessions/me")).status_code == 401


async def test_refresh_rotates_both_cookies_and_an_old_refresh_token_ends_the_session(
    client: httpx.AsyncClient,
) -> None:
    await sign_up_and_log_in(client)
    first_refresh = client.cookies[REFRESH_COOKIE]
    first_access = client.cookies[ACCESS_COOKIE]

    rotated = await client.post("/api/sessions/refresh")
    assert rotated.status_code == 204
    assert set(set_cookie_headers(rotated)) == {ACCESS_COOKIE, REFRESH_COOKIE}
    assert client.cookies[REFRESH_COOKIE] != first_refresh
    assert client.cookies[ACCESS_COOKIE] != first_access
    assert (await client.get("/api/sessions/me")).status_code == 200

    # Someone replays the first refresh token: it is refused and the session ends for everyone.
    replay = await client.post(
        "/api/sessions/refresh", headers={"Cookie": f"{REFRESH_COOKIE}={first_refresh}"}
    )
    assert replay.status_code == 401
    assert (await client.get("/api/sessions/me")).status_code == 401
    assert (await client.post("/api/sessions/refresh")).status_code == 401


async def test_refresh_without_cookie_is_401(client: httpx.AsyncClient) -> None:
    assert (await client.post("/api/sessions/refresh")).status_code == 401


async def test_log_out_ends_the_session_and_its_refresh_token(client: httpx.AsyncClient) -> None:
    await sign_up_and_log_in(client)
    access = client.cookies[ACCESS_COOKIE]
    refresh = client.cookies[REFRESH_COOKIE]
    response = await client.delete("/api/sessions")
    assert response.status_code == 204
    assert all('=""' in h or "Max-Age=0" in h for h in response.headers.get_list("set-cookie"))
    # Even with the old cookies put back, the session is over.
    client.cookies.set(ACCESS_COOKIE, access)
    assert (await client.get("/api/sessions/me")).status_code == 401
    replay = await client.post(
        "/api/sessions/refresh", headers={"Cookie": f"{REFRESH_COOKIE}={refresh}"}
    )
    assert replay.status_code == 401


async def test_two_logins_are_independent_sessions(
    client: httpx.AsyncClient, new_client: Any
) -> None:
    await sign_up_and_log_in(client)
    other = new_client()
    await log_in(other)
    await other.delete("/api/sessions")
    assert (await client.get("/api/sessions/me")).status_code == 200


@pytest.mark.parametrize(
    "settings_overrides",
    [{"login_max_failures_per_user": 3, "login_max_failures_per_client": 6}],
    indirect=True,
)
async def test_repeated_failures_for_a_username_are_slowed_down(
    client: httpx.AsyncClient, new_client: Any
) -> None:
    await sign_up(client)
    statuses = []
    for _ in range(4):
        response = await client.post(
            "/api/sessions", json={"username": "alice", "password": "wrong-pass-1"}
        )
        statuses.append(response.status_code)
    assert statuses[:3] == [401, 401, 401]
    assert statuses[3] == 429
    wait = int(response.headers["Retry-After"])
    assert wait >= 1
    assert response.json()["error"] == {
        "code": "too_many_requests",
        "message": "Too many failed log-ins; try again in "
        + (f"{wait} seconds." if wait > 1 else "1 second."),
    }
    # The right password does not get through while locked, even from elsewhere.
    elsewhere = new_client("192.0.2.50")
    locked = await elsewhere.post(
        "/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD}
    )
    assert locked.status_code == 429


@pytest.mark.parametrize(
    "settings_overrides",
    [{"login_max_failures_per_user": 100, "login_max_failures_per_client": 5}],
    indirect=True,
)
async def test_one_client_trying_many_usernames_is_slowed_down(client: httpx.AsyncClient) -> None:
    statuses = [
        (
            await client.post(
                "/api/sessions", json={"username": f"user{i}", "password": "guess-123"}
            )
        ).status_code
        for i in range(7)
    ]
    assert statuses[:5] == [401] * 5
    assert statuses[5:] == [429, 429]
