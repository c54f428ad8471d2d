"""No password, password hash, session token or SQL value reaches a response body or a log."""

from __future__ import annotations

import json
import logging

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from pattern.app.factory import PatternApp
from pattern.app.logs import configure_logging, request_id_var
from pattern.auth.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from pattern.models import Item
from tests.support.logs import as_logged, capture_product_logs
from tests.support.plaid_stack import Stack, add_bank, signed_up
from tests.support.users import STRONG_PASSWORD, sign_up_body

pytestmark = pytest.mark.reliability


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
    first = await sign_up_body(client, "alice", STRONG_PASSWORD)
    await call("POST", "/api/users", json=first)
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
    for secret in [STRONG_PASSWORD, "wrong-guess-1", "$argon2", first["setup_code"], *tokens]:
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


async def test_a_link_sync_webhook_flow_leaks_no_plaid_secret(
    stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging("DEBUG")
    logging.getLogger().addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    bodies: list[str] = []
    async with stack.client() as http:
        await signed_up(http, "alice")
        response, _ = await add_bank(http, stack, username="user_transactions_dynamic")
        item_id = response.json()["id"]
        stack.settle()
        access_token = stack.access_token(item_id)
        stack.plaid_refresh(access_token)  # a signed webhook, then a sync
        stack.settle()
        user_id = response.json()["user_id"]
        for path in (
            f"/api/items/{item_id}",
            f"/api/users/{user_id}/items",
            f"/api/items/{item_id}/accounts",
            f"/api/users/{user_id}/transactions",
            "/api/sessions/me",
        ):
            bodies.append((await http.get(path)).text)
        bodies.append((await http.post(f"/api/items/{item_id}/sync")).text)
        session_tokens = {http.cookies[ACCESS_COOKIE], http.cookies.get(REFRESH_COOKIE) or ""} - {
            ""
        }

    async def stored() -> list[tuple[str, str | None]]:
        async with stack.app.parts.sessionmaker() as session:
            rows = await session.execute(
                select(Item.plaid_access_token_encrypted, Item.plaid_item_id)
            )
            return [(encrypted, None) for encrypted, _ in rows]

    encrypted = stack.run(stored())[0][0]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /api/webhooks/plaid 200" in logged
    secrets = {access_token, encrypted, STRONG_PASSWORD, *session_tokens}
    secrets.add(stack.app.parts.settings.token_encryption_key.get_secret_value())
    secrets.add(stack.app.parts.secrets.secret_key)
    for secret in secrets:
        assert secret not in logged
        assert all(secret not in body for body in bodies)
    configure_logging("INFO")


async def test_a_failed_statement_logs_neither_its_values_nor_its_row(
    app: PatternApp, caplog: pytest.LogCaptureFixture
) -> None:
    """A refused insert, logged as traceback and as argument: its kind, none of its values

    NOT NULL fails, and PostgreSQL quotes the failing row, an encrypted token in it."""
    secret = "gAAAAA-an-encrypted-access-token"
    capture_product_logs(caplog)
    async with app.parts.sessionmaker() as session:
        session.add(
            Item(
                user_id=None,
                plaid_access_token_encrypted=secret,
                plaid_item_id="item-secret",
                plaid_institution_id="ins_109508",
                status="good",
            )
        )
        with pytest.raises(DBAPIError) as failed:
            await session.flush()
    logger = logging.getLogger("pattern.test")
    logger.error("storing failed", exc_info=failed.value)
    logger.error("storing failed: %s", failed.value)
    for log_format in ("text", "json"):
        logged = as_logged(caplog, log_format)
        assert "IntegrityError" in logged  # what went wrong is still told
        assert secret not in logged
        assert "item-secret" not in logged
        assert "INSERT INTO" not in logged
