"""Lock-out by strangers' guesses, changing a password, and logging out everywhere."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from pattern.app.factory import PatternApp
from pattern.auth.cookies import ACCESS_COOKIE, DEVICE_COOKIE, REFRESH_COOKIE
from tests.support.users import STRONG_PASSWORD, log_in, sign_up, sign_up_and_log_in

pytestmark = pytest.mark.reliability

NEW_PASSWORD = "battery-staple-77"
WRONG = {"username": "alice", "password": "not-the-password-1"}


async def guess(http: httpx.AsyncClient, times: int) -> list[int]:
    return [(await http.post("/api/sessions", json=WRONG)).status_code for _ in range(times)]


async def test_strangers_guesses_do_not_lock_the_owner_out_of_their_browser(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    """Five wrong passwords for alice from elsewhere lock her username out for strangers,
    but not her own browser, which logged in before (its device cookie, as OWASP's)."""
    await sign_up_and_log_in(client, "alice")
    assert client.cookies.get(DEVICE_COOKIE)
    for n in range(5):
        await guess(new_client(f"198.51.100.{n + 1}"), 1)  # spread over addresses
    stranger = new_client("198.51.100.99")
    refused = await stranger.post(
        "/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD}
    )
    assert refused.status_code == 429  # even the right password, without the device
    again = await client.post(
        "/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD}
    )
    assert again.status_code == 200, again.text


async def test_a_device_cookie_vouches_for_its_own_username_only(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    await sign_up(client, "alice")
    bob = new_client("198.51.100.50")
    await sign_up_and_log_in(bob, "bobby")
    for n in range(5):
        await guess(new_client(f"198.51.100.{n + 1}"), 1)
    # Bob's device cookie, or a forged one, does not make bob's browser alice's device.
    right = {"username": "alice", "password": STRONG_PASSWORD}
    assert (await bob.post("/api/sessions", json=right)).status_code == 429
    forged = new_client("198.51.100.60")
    forged.cookies.set(DEVICE_COOKIE, "eyJhbGciOiJIUzI1NiJ9.e30.forged", path="/api/sessions")
    assert (await forged.post("/api/sessions", json=right)).status_code == 429


async def test_the_owners_device_is_slowed_by_its_own_failures(client: httpx.AsyncClient) -> None:
    await sign_up_and_log_in(client, "alice")
    statuses = await guess(client, 6)
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429


async def test_changing_the_password_ends_the_other_sessions(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    laptop = new_client("198.51.100.70")
    await log_in(laptop, "alice")
    path = f"/api/users/{alice['id']}/password"

    wrong = await client.put(
        path, json={"current_password": "not-it-at-all-1", "new_password": NEW_PASSWORD}
    )
    assert wrong.status_code == 403
    assert wrong.json()["error"]["code"] == "wrong_password"
    weak = await client.put(
        path, json={"current_password": STRONG_PASSWORD, "new_password": "short"}
    )
    assert weak.status_code == 422
    same = await client.put(
        path, json={"current_password": STRONG_PASSWORD, "new_password": STRONG_PASSWORD}
    )
    assert same.status_code == 422
    assert (await laptop.get("/api/sessions/me")).status_code == 200  # nothing changed yet

    changed = await client.put(
        path, json={"current_password": STRONG_PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert changed.status_code == 204, changed.text
    assert (await client.get("/api/sessions/me")).status_code == 200  # this session stays
    assert (await laptop.get("/api/sessions/me")).status_code == 401
    assert (await laptop.post("/api/sessions/refresh")).status_code == 401
    old = await new_client().post(
        "/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD}
    )
    assert old.status_code == 401
    await log_in(new_client(), "alice", NEW_PASSWORD)


async def test_wrong_current_passwords_are_counted_against_the_session(
    client: httpx.AsyncClient,
) -> None:
    """A stolen session cannot try passwords one after another."""
    alice = await sign_up_and_log_in(client, "alice")
    path = f"/api/users/{alice['id']}/password"
    statuses = [
        (
            await client.put(
                path, json={"current_password": f"guess-number-{n}", "new_password": NEW_PASSWORD}
            )
        ).status_code
        for n in range(6)
    ]
    assert statuses == [403] * 5 + [429]


async def test_only_the_person_changes_their_password(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    await sign_up_and_log_in(client, "admin")
    bob = new_client("198.51.100.80")
    bobby = await sign_up_and_log_in(bob, "bobby")
    body = {"current_password": STRONG_PASSWORD, "new_password": NEW_PASSWORD}
    refused = await client.put(f"/api/users/{bobby['id']}/password", json=body)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "own_account_only"


async def test_log_out_everywhere(
    client: httpx.AsyncClient, app: PatternApp, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    laptop = new_client("198.51.100.90")
    await log_in(laptop, "alice")
    response = await client.delete(f"/api/users/{alice['id']}/sessions")
    assert response.status_code == 204
    for http in (client, laptop):
        assert (await http.get("/api/sessions/me")).status_code == 401
    assert ACCESS_COOKIE not in client.cookies
    assert REFRESH_COOKIE not in client.cookies
    await log_in(client, "alice")  # the password still works


async def test_an_admin_logs_someone_out_everywhere(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    await sign_up_and_log_in(client, "admin")
    bob = new_client("198.51.100.91")
    bobby = await sign_up_and_log_in(bob, "bobby")
    assert (await client.delete(f"/api/users/{bobby['id']}/sessions")).status_code == 204
    assert (await bob.get("/api/sessions/me")).status_code == 401
    assert (await client.get("/api/sessions/me")).status_code == 200
