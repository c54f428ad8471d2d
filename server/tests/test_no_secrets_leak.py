"""No password, password hash or session token reaches a response body or a log line."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from pattern.auth.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from pattern.logs import configure_logging, request_id_var
from tests.support.users import STRONG_PASSWORD


async def test_a_whole_session_leaks_no_secret(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging("DEBUG")  # the product's logging, at its most talkative
    logging.getLogger().addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    bodies: list[str] = []

    async def call(method: str, path: str, **kwargs: object) -> httpx.Response:
        response = await client.request(method, path, **kwargs)  # type: ignore[arg-type]
        bodies.append(response.text)
        return response

    credentials = {"username": "alice", "password": STRONG_PASSWORD}
    await call("POST", "/api/users", json=credentials)
    await call("POST", "/api/sessions", json={**credentials, "password": "wrong-guess-1"})
    await call("POST", "/api/sessions", json=credentials)
    tokens = {client.cookies[ACCESS_COOKIE], client.cookies[REFRESH_COOKIE]}
    await call("GET", "/api/sessions/me")
    await call("GET", "/api/users")
    await call("GET", "/api/users/1")
    await call("POST", "/api/sessions/refresh")
    tokens |= {client.cookies[ACCESS_COOKIE], client.cookies[REFRESH_COOKIE]}
    await call("DELETE", "/api/sessions")

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /api/sessions 200" in logged  # the request log did run
    for secret in [STRONG_PASSWORD, "wrong-guess-1", "$argon2", *tokens]:
        assert secret not in logged
        assert all(secret not in body for body in bodies)


def test_json_log_lines_carry_the_request_id(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", "json")
    token = request_id_var.set("req-42")
    try:
        logging.getLogger("pattern.test").info("hello %s", "world")
    finally:
        request_id_var.reset(token)
        configure_logging("INFO")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["message"] == "hello world"
    assert line["request_id"] == "req-42"
    assert line["level"] == "INFO"
