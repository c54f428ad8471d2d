"""Plain helper functions for accounts and sessions in tests."""

from __future__ import annotations

from typing import Any

import httpx

STRONG_PASSWORD = "correct-horse-42"


async def sign_up(
    client: httpx.AsyncClient, username: str = "alice", password: str = STRONG_PASSWORD
) -> dict[str, Any]:
    response = await client.post("/api/users", json={"username": username, "password": password})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def log_in(
    client: httpx.AsyncClient, username: str = "alice", password: str = STRONG_PASSWORD
) -> httpx.Response:
    response = await client.post("/api/sessions", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return response


async def sign_up_and_log_in(
    client: httpx.AsyncClient, username: str = "alice", password: str = STRONG_PASSWORD
) -> dict[str, Any]:
    user = await sign_up(client, username, password)
    await log_in(client, username, password)
    return user
