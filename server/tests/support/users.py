"""Plain helper functions for accounts and sessions in tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from pattern.users import setup_code

STRONG_PASSWORD = "correct-horse-42"


class AppClient(httpx.AsyncClient):
    """An HTTP client of one test server that knows the server's data folder: the first
    sign-up reads the setup code there, as a person reads it off the server's console."""

    def __init__(self, *, data_dir: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_dir = data_dir


async def sign_up_body(client: httpx.AsyncClient, username: str, password: str) -> dict[str, Any]:
    """A sign-up's body, with the setup code while the server has no administrator."""
    body: dict[str, Any] = {"username": username, "password": password}
    if isinstance(client, AppClient):
        config = await client.get("/api/config")
        if config.json().get("setup_required"):
            body["setup_code"] = setup_code.ensure(client.data_dir)
    return body


async def sign_up(
    client: httpx.AsyncClient, username: str = "alice", password: str = STRONG_PASSWORD
) -> dict[str, Any]:
    response = await client.post("/api/users", json=await sign_up_body(client, username, password))
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
