"""Bad input gets a clear 4xx in the error shape and writes nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from pattern.app.factory import PatternApp
from pattern.models import User, UserSession
from tests.support.users import STRONG_PASSWORD, sign_up, sign_up_body

pytestmark = pytest.mark.reliability


async def counts(app: PatternApp) -> tuple[int, int]:
    async with app.parts.sessionmaker() as session:
        users = await session.scalar(select(func.count()).select_from(User))
        sessions = await session.scalar(select(func.count()).select_from(UserSession))
    return int(users or 0), int(sessions or 0)


def assert_error_shape(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert isinstance(error["code"], str)
    assert isinstance(error["message"], str)
    assert error["message"]


@pytest.mark.parametrize(
    ("path", "kwargs", "status", "fragment"),
    [
        ("/api/users", {"json": {"username": "alice"}}, 422, "password: Field required"),
        ("/api/users", {"json": {}}, 422, "username: Field required"),
        ("/api/users", {"json": {"username": 12, "password": 34}}, 422, "username"),
        ("/api/users", {"json": ["alice", STRONG_PASSWORD]}, 422, "valid dictionary"),
        ("/api/users", {"json": {"username": "a", "password": "b", "admin": True}}, 422, "admin"),
        (
            "/api/users",
            {"content": b"username=alice", "headers": {"content-type": "text/plain"}},
            422,
            "",
        ),
        (
            "/api/users",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
            "JSON",
        ),
        (
            "/api/users",
            {"json": {"username": "x" * 100_000, "password": STRONG_PASSWORD}},
            422,
            "username",
        ),
        (
            "/api/users",
            {"json": {"username": "al\x00ice", "password": STRONG_PASSWORD}},
            422,
            "username",
        ),
        ("/api/sessions", {"json": {"username": "alice"}}, 422, "password"),
        ("/api/sessions", {"json": {"username": "a", "password": "p" * 5000}}, 422, "password"),
    ],
)
async def test_malformed_requests_are_4xx_and_write_nothing(
    client: httpx.AsyncClient,
    app: PatternApp,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    fragment: str,
) -> None:
    response = await client.post(path, **kwargs)
    assert_error_shape(response, status)
    assert fragment in response.json()["error"]["message"]
    assert await counts(app) == (0, 0)


async def test_a_10_mb_body_is_413_and_writes_nothing(
    client: httpx.AsyncClient, app: PatternApp
) -> None:
    huge = b'{"username": "alice", "password": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    response = await client.post(
        "/api/users", content=huge, headers={"content-type": "application/json"}
    )
    assert_error_shape(response, 413)
    assert await counts(app) == (0, 0)


async def test_a_streamed_oversized_body_without_length_is_413(
    client: httpx.AsyncClient, app: PatternApp
) -> None:
    async def chunks() -> Any:
        yield b'{"username": "alice", "password": "'
        for _ in range(20):
            yield b"x" * 100_000
        yield b'"}'

    response = await client.post(
        "/api/users", content=chunks(), headers={"content-type": "application/json"}
    )
    assert_error_shape(response, 413)
    assert await counts(app) == (0, 0)


async def test_unknown_routes_and_methods_answer_in_the_error_shape(
    client: httpx.AsyncClient,
) -> None:
    assert_error_shape(await client.get("/api/nothing-here"), 404)
    assert_error_shape(await client.put("/api/users"), 405)
    assert_error_shape(await client.get("/api/users/not-a-number"), 401)


async def test_a_wrong_type_in_the_path_is_422_for_a_logged_in_user(
    client: httpx.AsyncClient,
) -> None:
    await sign_up(client)
    await client.post("/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD})
    response = await client.get("/api/users/not-a-number")
    assert_error_shape(response, 422)
    assert "user_id" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PATCH", "/api/transactions/{huge}"),
        ("GET", "/api/accounts/{huge}/transactions"),
        ("GET", "/api/items/{huge}"),
        ("PUT", "/api/assets/{huge}"),
        ("DELETE", "/api/rules/{huge}"),
        ("GET", "/api/users/{huge}"),
    ],
)
async def test_an_id_beyond_64_bits_is_404_not_an_overflow(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    """Schemathesis found PATCH /api/transactions/575615102559671549952 answering 500."""
    await sign_up(client)  # the first user: an admin, who may look up other users too
    await client.post("/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD})
    response = await client.request(method, path.format(huge=2**69), json={})
    assert response.status_code in (404, 422), response.text
    assert_error_shape(response, response.status_code)


async def test_an_account_filter_beyond_64_bits_is_422(client: httpx.AsyncClient) -> None:
    user = await sign_up(client)
    await client.post("/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD})
    response = await client.get(
        f"/api/users/{user['id']}/transactions", params={"account": str(2**69)}
    )
    assert_error_shape(response, 422)
    assert "account" in response.json()["error"]["message"]


async def test_a_foreign_origin_cannot_change_state(
    client: httpx.AsyncClient, app: PatternApp
) -> None:
    response = await client.post(
        "/api/users",
        json={"username": "alice", "password": STRONG_PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert_error_shape(response, 403)
    assert response.json()["error"]["code"] == "foreign_origin"
    assert await counts(app) == (0, 0)
    same_site = await client.post(
        "/api/users",
        json=await sign_up_body(client, "alice", STRONG_PASSWORD),
        headers={"Origin": "http://testserver"},
    )
    assert same_site.status_code == 201


async def test_responses_carry_a_request_id(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/health")
    assert len(response.headers["x-request-id"]) == 32
    echoed = await client.get("/api/health", headers={"X-Request-ID": "trace-123"})
    assert echoed.headers["x-request-id"] == "trace-123"
