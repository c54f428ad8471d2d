"""The audit log: what was done to or by an account, read by its person and administrators."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from pattern.app.factory import PatternApp
from pattern.audit import service as audit
from pattern.audit.actions import AuditAction
from pattern.auth.cookies import REFRESH_COOKIE
from pattern.models import AuditEvent
from tests.support.users import STRONG_PASSWORD, log_in, sign_up, sign_up_and_log_in

NEW_PASSWORD = "battery-staple-77"


async def actions(http: httpx.AsyncClient, path: str, **params: Any) -> list[str]:
    response = await http.get(path, params=params)
    assert response.status_code == 200, response.text
    return [event["action"] for event in response.json()]


async def test_a_persons_log_lists_their_sessions_newest_first(
    client: httpx.AsyncClient, new_client: Any
) -> None:
    await sign_up_and_log_in(client, "root")
    alice_client = new_client("198.51.100.9")
    alice = await sign_up(alice_client, "alice")
    wrong = await alice_client.post(
        "/api/sessions", json={"username": "alice", "password": "not-it-at-all-1"}
    )
    assert wrong.status_code == 401
    await log_in(alice_client, "alice")
    changed = await alice_client.put(
        f"/api/users/{alice['id']}/password",
        json={"current_password": STRONG_PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert changed.status_code == 204
    assert (await alice_client.delete(f"/api/users/{alice['id']}/sessions")).status_code == 204
    await log_in(alice_client, "alice", NEW_PASSWORD)

    response = await alice_client.get(f"/api/users/{alice['id']}/audit")
    assert response.status_code == 200
    events = response.json()
    assert [e["action"] for e in events] == [
        "login_succeeded",
        "sessions_ended",
        "password_changed",
        "login_succeeded",
        "login_failed",
        "signed_up",
    ]
    assert response.headers["X-Total-Count"] == "6"
    failed = events[4]
    assert failed["actor_id"] is None  # whoever typed it was not logged in
    assert failed["user_id"] == alice["id"]
    assert failed["username"] == "alice"
    assert failed["ip"] == "198.51.100.9"
    assert failed["detail"] == {"reason": "wrong_password"}
    assert events[0]["actor_username"] == "alice"
    # Paged: limit and offset, the total unchanged.
    page = await alice_client.get(
        f"/api/users/{alice['id']}/audit", params={"limit": 2, "offset": 1}
    )
    assert [e["action"] for e in page.json()] == ["sessions_ended", "password_changed"]
    assert page.headers["X-Total-Count"] == "6"


async def test_only_the_person_and_administrators_read_a_log(
    client: httpx.AsyncClient, new_client: Any
) -> None:
    await sign_up_and_log_in(client, "root")
    alice_client = new_client()
    alice = await sign_up_and_log_in(alice_client, "alice")
    bob_client = new_client()
    bob = await sign_up_and_log_in(bob_client, "bob")
    assert (await bob_client.get(f"/api/users/{alice['id']}/audit")).status_code == 404
    assert (await bob_client.get("/api/audit")).status_code == 403
    assert await actions(client, f"/api/users/{alice['id']}/audit") == [
        "login_succeeded",
        "signed_up",
    ]
    assert await actions(bob_client, f"/api/users/{bob['id']}/audit") == [
        "login_succeeded",
        "signed_up",
    ]
    assert (await new_client().get(f"/api/users/{alice['id']}/audit")).status_code == 401


async def test_the_whole_log_shows_administrators_actions_filtered(
    client: httpx.AsyncClient, new_client: Any
) -> None:
    root = await sign_up_and_log_in(client, "root")
    alice_client = new_client()
    alice = await sign_up_and_log_in(alice_client, "alice")
    invite = (await client.post("/api/invites", json={})).json()
    assert (await client.delete(f"/api/invites/{invite['id']}")).status_code == 204
    assert (await client.post(f"/api/users/{alice['id']}/disable")).status_code == 200
    assert (await client.post(f"/api/users/{alice['id']}/enable")).status_code == 200
    refused = await new_client().post(
        "/api/sessions", json={"username": "nobody-here", "password": "whatever-it-is-1"}
    )
    assert refused.status_code == 401  # an unknown name is in no one's log

    everything = await client.get("/api/audit")
    assert everything.headers["X-Total-Count"] == str(len(everything.json()))
    assert [e["action"] for e in everything.json()] == [
        "user_enabled",
        "user_disabled",
        "invite_withdrawn",
        "invite_created",
        "login_succeeded",
        "signed_up",
        "login_succeeded",
        "signed_up",
    ]
    # What happened to alice, and what she did: the admin's actions on her are in her log.
    assert await actions(client, "/api/audit", user_id=alice["id"]) == [
        "user_enabled",
        "user_disabled",
        "login_succeeded",
        "signed_up",
    ]
    disabled = (await client.get("/api/audit", params={"action": "user_disabled"})).json()
    assert [(e["actor_username"], e["username"]) for e in disabled] == [("root", "alice")]
    # Disabling logged her out; enabled, she logs in and reads it in her own log.
    assert (await alice_client.get(f"/api/users/{alice['id']}/audit")).status_code == 401
    await log_in(alice_client, "alice")
    assert (await actions(alice_client, f"/api/users/{alice['id']}/audit"))[1:3] == [
        "user_enabled",
        "user_disabled",
    ]
    assert await actions(client, "/api/audit", user_id=root["id"], action="invite_created") == [
        "invite_created"
    ]
    bad = await client.get("/api/audit", params={"action": "everything"})
    assert bad.status_code == 422
    assert (await client.get("/api/audit", params={"user_id": 0})).status_code == 422


async def test_a_deleted_user_leaves_the_administrators_record_only(
    client: httpx.AsyncClient, new_client: Any, app: PatternApp
) -> None:
    await sign_up_and_log_in(client, "root")
    bob_client = new_client()
    bob = await sign_up_and_log_in(bob_client, "bob")
    assert (await client.delete(f"/api/users/{bob['id']}")).status_code == 204
    events = (await client.get("/api/audit")).json()
    assert [e["action"] for e in events] == ["user_deleted", "login_succeeded", "signed_up"]
    assert events[0]["detail"] == {"username": "bob", "by_self": False}
    assert events[0]["actor_username"] == "root"
    async with app.parts.sessionmaker() as session:
        left = (await session.scalars(select(AuditEvent.user_id))).all()
    assert bob["id"] not in left


async def test_the_log_keeps_no_secret(
    client: httpx.AsyncClient, new_client: Any, app: PatternApp
) -> None:
    await sign_up_and_log_in(client, "root")
    alice_client = new_client()
    alice = await sign_up_and_log_in(alice_client, "alice")
    guess = "my-secret-guess-42"
    await new_client().post("/api/sessions", json={"username": "alice", "password": guess})
    await alice_client.put(
        f"/api/users/{alice['id']}/password",
        json={"current_password": STRONG_PASSWORD, "new_password": NEW_PASSWORD},
    )
    invite = (await client.post("/api/invites", json={})).json()
    secrets = [STRONG_PASSWORD, NEW_PASSWORD, guess, invite["code"]]
    secrets += [cookie.value for cookie in alice_client.cookies.jar]
    secrets += [cookie.value for cookie in client.cookies.jar]
    async with app.parts.sessionmaker() as session:
        rows = (await session.scalars(select(AuditEvent))).all()
    stored = repr([(r.action, r.detail, r.ip, r.user_id, r.actor_id) for r in rows])
    assert len(rows) >= 6
    for secret in secrets:
        assert secret not in stored
    assert "argon2" not in stored


async def test_record_refuses_a_detail_that_names_a_secret(app: PatternApp) -> None:
    async with app.parts.sessionmaker() as session:
        for key in ("password", "access_token", "Cookie", "invite_code", "password_hash"):
            with pytest.raises(ValueError, match="keeps no secret"):
                audit.record(
                    session, actor_id=None, action=AuditAction.LOGIN_FAILED, detail={key: "x"}
                )
        assert not session.new


async def test_old_events_are_removed(client: httpx.AsyncClient, app: PatternApp) -> None:
    root = await sign_up_and_log_in(client, "root")
    async with app.parts.sessionmaker() as session:
        old = await session.scalar(select(AuditEvent).order_by(AuditEvent.id))
        assert old is not None
        old.created_at -= timedelta(days=app.parts.settings.audit_retention_days + 1)
        await session.commit()
    assert await app.parts.audit_retention.prune_once() == 1
    assert await actions(client, f"/api/users/{root['id']}/audit") == ["login_succeeded"]


async def test_a_replayed_refresh_token_is_in_the_log(
    client: httpx.AsyncClient, new_client: Any
) -> None:
    alice = await sign_up_and_log_in(client, "alice")
    stolen = client.cookies[REFRESH_COOKIE]
    assert (await client.post("/api/sessions/refresh")).status_code == 204
    thief = new_client("192.0.2.66")
    thief.cookies.set(REFRESH_COOKIE, stolen)
    assert (await thief.post("/api/sessions/refresh")).status_code == 401
    await log_in(client, "alice")
    events = (await client.get(f"/api/users/{alice['id']}/audit")).json()
    ended = events[1]
    assert ended["action"] == "sessions_ended"
    assert ended["detail"] == {"reason": "refresh_reused", "sessions": 1}
    assert ended["actor_id"] is None
    assert stolen not in repr(events)
