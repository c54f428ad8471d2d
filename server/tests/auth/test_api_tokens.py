"""Personal API tokens: what each scope may do, revocation, expiry, throttling, last use,
and that the secret is shown once and never logged."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import func, select, update

from pattern.app.factory import PatternApp
from pattern.auth.deps import act_as_ordinary
from pattern.kit import clock
from pattern.models import ApiToken, User
from tests.support.logs import as_logged, capture_product_logs
from tests.support.users import STRONG_PASSWORD, sign_up, sign_up_and_log_in

pytestmark = pytest.mark.reliability


async def make_token(
    http: httpx.AsyncClient, user_id: int, scope: str = "read", **extra: Any
) -> dict[str, Any]:
    made = await http.post(
        f"/api/users/{user_id}/tokens", json={"name": f"{scope} script", "scope": scope, **extra}
    )
    assert made.status_code == 201, made.text
    body: dict[str, Any] = made.json()
    return body


def bearer(token: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token['token']}"}


async def test_a_read_token_reads_and_is_refused_any_change(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    token = await make_token(client, alice["id"], "read")
    assert token["token"].startswith("pat_")
    assert len(token["token"]) == 47
    listed = (await client.get(f"/api/users/{alice['id']}/tokens")).json()
    assert [(t["name"], t["scope"]) for t in listed] == [("read script", "read")]
    assert "token" not in listed[0]
    assert token["token"] not in str(listed)

    script = new_client()  # no cookies: the token alone
    read = await script.get(f"/api/users/{alice['id']}/transactions", headers=bearer(token))
    assert read.status_code == 200, read.text
    me = await script.get("/api/sessions/me", headers=bearer(token))
    assert me.json()["username"] == "alice"
    refused = await script.post(
        "/api/assets", json={"description": "Car", "value": "1"}, headers=bearer(token)
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "read_only_token"
    assert "read-only" in refused.json()["error"]["message"]
    assert (await client.get(f"/api/users/{alice['id']}/assets")).json() == []

    revoked = await client.delete(f"/api/users/{alice['id']}/tokens/{token['id']}")
    assert revoked.status_code == 204
    gone = await script.get(f"/api/users/{alice['id']}/transactions", headers=bearer(token))
    assert gone.status_code == 401
    assert gone.json()["error"]["code"] == "invalid_token"
    assert gone.headers["www-authenticate"] == "Bearer"
    assert (await client.get(f"/api/users/{alice['id']}/tokens")).json() == []


async def test_a_write_token_changes_data_but_never_access(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    token = await make_token(client, alice["id"], "write")
    script = new_client()
    made = await script.post(
        "/api/assets", json={"description": "Car", "value": "1"}, headers=bearer(token)
    )
    assert made.status_code == 201, made.text
    path = f"/api/users/{alice['id']}"
    refused = [
        await script.get(f"{path}/tokens", headers=bearer(token)),
        await script.post(
            f"{path}/tokens", json={"name": "x", "scope": "write"}, headers=bearer(token)
        ),
        await script.delete(f"{path}/tokens/{token['id']}", headers=bearer(token)),
        await script.put(
            f"{path}/password",
            json={"current_password": STRONG_PASSWORD, "new_password": "battery-staple-77"},
            headers=bearer(token),
        ),
        await script.delete(f"{path}/sessions", headers=bearer(token)),
        await script.request(
            "DELETE", path, json={"password": STRONG_PASSWORD}, headers=bearer(token)
        ),
    ]
    assert [r.status_code for r in refused] == [403] * 6
    assert {r.json()["error"]["code"] for r in refused} == {"session_required"}
    # Nothing of it happened: the token, the password and the session are as they were.
    assert len((await client.get(f"{path}/tokens")).json()) == 1
    assert (await client.get("/api/sessions/me")).status_code == 200
    # Logging out everywhere ends sessions, not tokens.
    assert (await client.delete(f"{path}/sessions")).status_code == 204
    assert (await script.get("/api/sessions/me", headers=bearer(token))).status_code == 200


async def test_an_administrators_token_has_no_administrators_powers(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    root = await sign_up_and_log_in(client, "root")  # the first: the administrator
    bob = await sign_up(new_client(), "bobby")
    token = await make_token(client, root["id"], "write")
    script = new_client()
    assert (await script.get("/api/users", headers=bearer(token))).status_code == 403
    assert (await script.get(f"/api/users/{bob['id']}", headers=bearer(token))).status_code == 404
    me = await script.get("/api/sessions/me", headers=bearer(token))
    assert me.json()["is_admin"] is False
    # The administrator's own session still is one: nothing was written.
    assert (await client.get("/api/users")).status_code == 200
    assert (await client.get("/api/sessions/me")).json()["is_admin"] is True


async def test_tokens_expire_at_the_end_of_their_day_in_the_persons_time_zone(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient], app: PatternApp
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    zone = "Pacific/Auckland"
    await client.patch(f"/api/users/{alice['id']}/preferences", json={"time_zone": zone})
    today = clock.today(zone)
    past = await client.post(
        f"/api/users/{alice['id']}/tokens",
        json={"name": "old", "scope": "read", "expires_date": str(today - timedelta(days=1))},
    )
    assert past.status_code == 422
    assert past.json()["error"]["field"] == "expires_date"
    token = await make_token(client, alice["id"], expires_date=str(today))
    ends = datetime.combine(today + timedelta(days=1), datetime.min.time(), ZoneInfo(zone))
    assert datetime.fromisoformat(token["expires_at"]) == ends
    assert token["expires_date"] == str(today)
    script = new_client()
    assert (await script.get("/api/sessions/me", headers=bearer(token))).status_code == 200
    async with app.parts.sessionmaker() as session, session.begin():
        await session.execute(
            update(ApiToken)
            .where(ApiToken.id == token["id"])
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    expired = await script.get("/api/sessions/me", headers=bearer(token))
    assert expired.status_code == 401


async def test_what_is_not_a_token_is_refused(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    token = await make_token(client, alice["id"])
    script = new_client()
    for header in (
        "Bearer pat_" + "A" * 43,  # well formed, unknown
        "Bearer " + token["token"][:-1],
    ):
        refused = await script.get("/api/sessions/me", headers={"Authorization": header})
        assert refused.status_code == 401, header
        assert refused.json()["error"]["code"] == "invalid_token"
    # Another scheme is not a token (a proxy's basic auth): without a cookie, no one.
    basic = {"Authorization": "Basic YWxpY2U6eA=="}
    for header in (basic, {"Authorization": token["token"]}, {"Authorization": "Bearer"}):
        anonymous = await script.get("/api/sessions/me", headers=header)
        assert anonymous.json()["error"]["code"] == "not_authenticated"
    assert (await client.get("/api/sessions/me", headers=basic)).status_code == 200
    # A bad token is not rescued by a good cookie: the header says who is asking.
    bad = await client.get("/api/sessions/me", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    assert (await client.get("/api/sessions/me")).status_code == 200


async def test_only_the_person_manages_their_tokens(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    await sign_up(new_client(), "root")
    alice = await sign_up_and_log_in(client, "alice")
    bob_client = new_client("198.51.100.2")
    bob = await sign_up_and_log_in(bob_client, "bobby")
    token = await make_token(client, alice["id"])
    # Bob names his own path but Alice's token: not found, and it still works.
    missing = await bob_client.delete(f"/api/users/{bob['id']}/tokens/{token['id']}")
    assert missing.status_code == 404
    assert (await new_client().get("/api/sessions/me", headers=bearer(token))).status_code == 200
    for body in ({"name": " ", "scope": "read"}, {"name": "x", "scope": "admin"}, {"name": "x"}):
        bad = await client.post(f"/api/users/{alice['id']}/tokens", json=body)
        assert bad.status_code == 422, body
    assert len((await client.get(f"/api/users/{alice['id']}/tokens")).json()) == 1


async def test_a_deleted_persons_tokens_stop_working(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient], app: PatternApp
) -> None:
    admin = new_client("198.51.100.3")
    await sign_up_and_log_in(admin, "root")
    alice = await sign_up_and_log_in(client, "alice")
    token = await make_token(client, alice["id"], "write")
    script = new_client()
    assert (await script.get("/api/sessions/me", headers=bearer(token))).status_code == 200
    assert (await admin.delete(f"/api/users/{alice['id']}")).status_code == 204
    assert (await script.get("/api/sessions/me", headers=bearer(token))).status_code == 401
    async with app.parts.sessionmaker() as session:  # gone with her, not just unusable
        assert await session.scalar(select(func.count()).select_from(ApiToken)) == 0


async def test_making_and_revoking_a_token_is_in_the_persons_audit_log(
    client: httpx.AsyncClient,
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    token = await make_token(client, alice["id"], "write")
    assert (
        await client.delete(f"/api/users/{alice['id']}/tokens/{token['id']}")
    ).status_code == 204
    log = await client.get(f"/api/users/{alice['id']}/audit")
    assert log.status_code == 200, log.text
    told = [(e["action"], e["detail"]) for e in log.json() if "api_token" in e["action"]]
    assert told == [
        ("api_token_revoked", {"name": "write script"}),
        ("api_token_created", {"name": "write script", "scope": "write"}),
    ]
    assert token["token"] not in log.text


async def test_a_disabled_persons_tokens_stop_until_enabled(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    admin = new_client("198.51.100.3")
    await sign_up_and_log_in(admin, "root")
    alice = await sign_up_and_log_in(client, "alice")
    token = await make_token(client, alice["id"], "read")
    script = new_client()
    listed = f"/api/users/{alice['id']}/transactions"
    assert (await script.get(listed, headers=bearer(token))).status_code == 200
    assert (await admin.post(f"/api/users/{alice['id']}/disable")).status_code == 200
    refused = await script.get(listed, headers=bearer(token))
    assert refused.status_code == 401, refused.text
    assert (await admin.post(f"/api/users/{alice['id']}/enable")).status_code == 200
    assert (await script.get(listed, headers=bearer(token))).status_code == 200


@pytest.mark.parametrize("settings_overrides", [{"api_token_rate": "3/minute"}], indirect=True)
async def test_each_token_is_throttled_on_its_own(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    busy, other = await make_token(client, alice["id"]), await make_token(client, alice["id"])
    script = new_client()
    statuses = [
        (await script.get("/api/sessions/me", headers=bearer(busy))).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 200]
    slowed = await script.get("/api/sessions/me", headers=bearer(busy))
    assert slowed.status_code == 429
    assert 1 <= int(slowed.headers["retry-after"]) <= 60
    assert "API token" in slowed.json()["error"]["message"]
    assert (await script.get("/api/sessions/me", headers=bearer(other))).status_code == 200
    assert (await client.get("/api/sessions/me")).status_code == 200  # the browser is not


async def test_last_use_is_noted_at_most_once_a_minute(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    token = await make_token(client, alice["id"])
    assert token["last_used_at"] is None
    script = new_client()
    await script.get("/api/sessions/me", headers=bearer(token))

    async def last_used() -> str | None:
        listed = (await client.get(f"/api/users/{alice['id']}/tokens")).json()
        found: str | None = listed[0]["last_used_at"]
        return found

    first = await last_used()
    assert first is not None
    assert datetime.fromisoformat(first) > datetime.now(UTC) - timedelta(minutes=1)
    await script.get("/api/sessions/me", headers=bearer(token))
    assert await last_used() == first


async def test_the_secret_is_in_no_log_and_no_later_answer(
    client: httpx.AsyncClient,
    new_client: Callable[..., httpx.AsyncClient],
    caplog: pytest.LogCaptureFixture,
) -> None:
    capture_product_logs(caplog)
    logging.getLogger().setLevel(logging.DEBUG)  # at its most talkative
    caplog.set_level(logging.DEBUG)
    alice = await sign_up_and_log_in(client, "alice")
    token = await make_token(client, alice["id"], "read")
    script = new_client()
    answers = [
        await script.get(f"/api/users/{alice['id']}/transactions", headers=bearer(token)),
        await script.post("/api/assets", json={}, headers=bearer(token)),
        await script.get("/api/users", headers=bearer(token)),
        await client.get(f"/api/users/{alice['id']}/tokens"),
        await client.delete(f"/api/users/{alice['id']}/tokens/{token['id']}"),
        await script.get("/api/sessions/me", headers=bearer(token)),
    ]
    assert [a.status_code for a in answers] == [200, 403, 403, 200, 204, 401]
    secret = token["token"]
    assert not any(secret in a.text or secret in str(a.headers) for a in answers)
    assert caplog.records, "nothing was logged"
    for log_format in ("text", "json"):
        logged = as_logged(caplog, log_format)
        assert secret not in logged
        assert secret[4:20] not in logged


async def test_a_tokens_caller_stays_ordinary_when_the_row_is_read_again(app: PatternApp) -> None:
    """Routes that wait on Plaid let the connection go (a rollback) and read rows again:
    an administrator's token stays without the powers through that."""
    async with app.parts.sessionmaker() as session:
        session.add(User(username="root", password_hash="x", is_admin=True))
        await session.commit()
    async with app.parts.sessionmaker() as session:
        user = await session.scalar(select(User).where(User.username == "root"))
        assert user is not None
        act_as_ordinary(user)
        assert user.is_admin is False
        await session.rollback()  # as release_connection does: every row expires
        await session.refresh(user)
        assert user.is_admin is False
        again = await session.get(User, user.id, populate_existing=True)
        assert again is user
        assert user.is_admin is False
        await session.commit()  # and nothing of it was written
    async with app.parts.sessionmaker() as session:
        stored = await session.scalar(select(User.is_admin).where(User.username == "root"))
        assert stored is True
