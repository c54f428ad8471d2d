"""Sign-up, the first admin, admin-only routes and deleting users."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from pattern.app.factory import PatternApp
from pattern.models import User
from tests.support.users import (
    STRONG_PASSWORD,
    log_in,
    sign_up,
    sign_up_and_log_in,
    sign_up_body,
)


async def count_users(app: PatternApp) -> int:
    async with app.parts.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(User)) or 0)


async def test_sign_up_returns_the_user_without_secrets(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/users", json=await sign_up_body(client, "alice", STRONG_PASSWORD)
    )
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == "alice"
    assert body["is_admin"] is True  # the first user administers the installation
    assert set(body) == {"id", "username", "is_admin", "created_at", "last_login_at", "disabled_at"}
    assert STRONG_PASSWORD not in response.text
    assert "argon2" not in response.text


async def test_later_users_are_not_admins(client: httpx.AsyncClient) -> None:
    await sign_up(client, "alice")
    bob = await sign_up(client, "bob")
    assert bob["is_admin"] is False


async def test_passwords_are_stored_as_argon2id(client: httpx.AsyncClient, app: PatternApp) -> None:
    await sign_up(client)
    async with app.parts.sessionmaker() as session:
        stored = await session.scalar(select(User.password_hash))
    assert stored is not None
    assert stored.startswith("$argon2id$")
    assert STRONG_PASSWORD not in stored


async def test_a_taken_username_is_409_whatever_its_case(
    client: httpx.AsyncClient, app: PatternApp
) -> None:
    await sign_up(client, "alice")
    response = await client.post(
        "/api/users", json={"username": "Alice", "password": STRONG_PASSWORD}
    )
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "That username is already taken."
    assert await count_users(app) == 1


@pytest.mark.parametrize(
    ("username", "password", "fragment"),
    [
        ("al", STRONG_PASSWORD, "Username must be 3 to 32 characters"),
        ("a" * 33, STRONG_PASSWORD, "Username must be 3 to 32 characters"),
        ("bad name", STRONG_PASSWORD, "Username must be"),
        ("robert'); DROP TABLE users;--", STRONG_PASSWORD, "Username must be"),
        ("alice", "short1", "at least 8 characters"),
        ("alice", "password", "too easy"),
        ("alice", "aaaaaaaaaaaa", "too easy"),
        ("alice", "alice-2024!", "must not contain the username"),
        ("alice", "onlyletterslong", "mix letters"),
        ("alice", "x1" * 70, "at most 128 characters"),
    ],
)
async def test_bad_names_and_weak_passwords_are_422_with_a_reason(
    client: httpx.AsyncClient, app: PatternApp, username: str, password: str, fragment: str
) -> None:
    response = await client.post("/api/users", json={"username": username, "password": password})
    assert response.status_code == 422
    assert fragment in response.json()["error"]["message"]
    assert await count_users(app) == 0


async def test_only_admins_list_users(client: httpx.AsyncClient, new_client: Any) -> None:
    await sign_up_and_log_in(client, "alice")
    bob = new_client()
    await sign_up_and_log_in(bob, "bob")

    listed = await client.get("/api/users")
    assert listed.status_code == 200
    assert [u["username"] for u in listed.json()] == ["alice", "bob"]
    forbidden = await bob.get("/api/users")
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "admin_only"
    anonymous = new_client()
    assert (await anonymous.get("/api/users")).status_code == 401


async def test_a_user_sees_only_themself(client: httpx.AsyncClient, new_client: Any) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    bob_client = new_client()
    bob = await sign_up_and_log_in(bob_client, "bob")
    assert (await bob_client.get(f"/api/users/{bob['id']}")).status_code == 200
    assert (await bob_client.get(f"/api/users/{alice['id']}")).status_code == 404
    assert (await bob_client.get("/api/users/999999")).status_code == 404
    # An admin sees everyone, and still gets 404 for nobody.
    assert (await client.get(f"/api/users/{bob['id']}")).json()["username"] == "bob"
    assert (await client.get("/api/users/999999")).status_code == 404


async def test_a_user_cannot_delete_another_but_an_admin_can(
    client: httpx.AsyncClient, app: PatternApp, new_client: Any
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    bob_client = new_client()
    bob = await sign_up_and_log_in(bob_client, "bob")
    assert (await bob_client.delete(f"/api/users/{alice['id']}")).status_code == 404
    assert await count_users(app) == 2

    assert (await client.delete(f"/api/users/{bob['id']}")).status_code == 204
    assert await count_users(app) == 1
    # Bob's session went with him.
    assert (await bob_client.get("/api/sessions/me")).status_code == 401


async def test_a_user_may_delete_themself(
    client: httpx.AsyncClient, app: PatternApp, new_client: Any
) -> None:
    await sign_up(client, "alice")
    bob_client = new_client()
    bob = await sign_up_and_log_in(bob_client, "bob")
    response = await bob_client.request(
        "DELETE", f"/api/users/{bob['id']}", json={"password": STRONG_PASSWORD}
    )
    assert response.status_code == 204
    assert await count_users(app) == 1
    assert (await bob_client.get("/api/sessions/me")).status_code == 401
    await log_in(client, "alice")
