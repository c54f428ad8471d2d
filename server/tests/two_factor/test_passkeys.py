"""Passkeys: added in Settings, then the second step after the password, or a log-in alone."""

from __future__ import annotations

from typing import Any

import httpx

from pattern.app.factory import create_app
from pattern.auth.cookies import ACCESS_COOKIE, PASSKEY_COOKIE, PENDING_COOKIE
from pattern.kit.config import Settings
from tests.support.users import STRONG_PASSWORD, log_in, sign_up, sign_up_and_log_in
from tests.support.webauthn import SoftPasskey, b64url


async def add_passkey(client: httpx.AsyncClient, device: SoftPasskey, name: str) -> dict[str, Any]:
    started = await client.post(
        "/api/two-factor/passkeys/options", json={"password": STRONG_PASSWORD}
    )
    assert started.status_code == 200, started.text
    options = started.json()["options"]
    assert options["rp"]["id"] == "testserver"
    added = await client.post(
        "/api/two-factor/passkeys", json={"name": name, "credential": device.create(options)}
    )
    assert added.status_code == 201, added.text
    body: dict[str, Any] = added.json()
    return body


async def passkey_log_in(client: httpx.AsyncClient, device: SoftPasskey) -> httpx.Response:
    options = (await client.post("/api/sessions/passkey/options")).json()["options"]
    return await client.post("/api/sessions/passkey", json={"credential": device.get(options)})


async def test_a_passkey_is_a_second_factor_and_a_log_in_of_its_own(
    client: httpx.AsyncClient,
) -> None:
    await sign_up_and_log_in(client)
    device = SoftPasskey()
    added = await add_passkey(client, device, "Laptop")
    assert added["name"] == "Laptop"
    status = (await client.get("/api/two-factor")).json()
    assert [passkey["name"] for passkey in status["passkeys"]] == ["Laptop"]

    client.cookies.clear()
    answered = await client.post(
        "/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD}
    )
    assert answered.status_code == 202
    assert answered.json()["methods"] == ["passkey", "recovery_code"]
    options = (await client.post("/api/sessions/passkey/options")).json()["options"]
    assert [allowed["id"] for allowed in options["allowCredentials"]] == [
        b64url(device.credential_id)
    ]
    done = await client.post("/api/sessions/passkey", json={"credential": device.get(options)})
    assert done.status_code == 200, done.text
    assert done.json()["username"] == "alice"
    assert (await client.get("/api/sessions/me")).status_code == 200

    client.cookies.clear()  # no password at all: the passkey alone
    alone = await passkey_log_in(client, device)
    assert alone.status_code == 200, alone.text
    assert ACCESS_COOKIE in client.cookies
    listed = (await client.get("/api/two-factor")).json()["passkeys"][0]
    assert listed["last_used_at"] is not None


async def test_the_first_passkey_brings_recovery_codes_shown_once(
    client: httpx.AsyncClient,
) -> None:
    """Someone with passkeys only, who loses them, logs in with a recovery code."""
    await sign_up_and_log_in(client)
    first = await add_passkey(client, SoftPasskey(), "Laptop")
    codes = first["recovery_codes"]
    assert len(codes) == len(set(codes)) == 10
    second = await add_passkey(client, SoftPasskey(), "Phone")
    assert second["recovery_codes"] is None  # not again: the first ones still stand
    assert (await client.get("/api/two-factor")).json()["recovery_codes_left"] == 10

    client.cookies.clear()
    answered = await client.post(
        "/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD}
    )
    assert answered.status_code == 202
    done = await client.post("/api/sessions/two-factor", json={"recovery_code": codes[0]})
    assert done.status_code == 200, done.text
    assert (await client.get("/api/two-factor")).json()["recovery_codes_left"] == 9


async def test_a_replayed_or_strange_answer_is_refused(client: httpx.AsyncClient) -> None:
    await sign_up_and_log_in(client)
    device = SoftPasskey()
    await add_passkey(client, device, "Phone")
    client.cookies.clear()
    options = (await client.post("/api/sessions/passkey/options")).json()["options"]
    answer = device.get(options)
    assert (await client.post("/api/sessions/passkey", json={"credential": answer})).is_success
    client.cookies.clear()
    replayed = await client.post("/api/sessions/passkey", json={"credential": answer})
    assert replayed.status_code == 401
    assert replayed.json()["error"]["code"] == "passkey_not_verified"
    await client.post("/api/sessions/passkey/options")
    again = await client.post("/api/sessions/passkey", json={"credential": answer})
    assert again.status_code == 401  # a fresh challenge, an old answer
    unknown = SoftPasskey()
    assert (await passkey_log_in(client, unknown)).status_code == 401
    elsewhere = SoftPasskey(origin="https://evil.example")
    elsewhere.credential_id = device.credential_id
    elsewhere.key = device.key
    elsewhere.sign_count = 10
    assert (await passkey_log_in(client, elsewhere)).status_code == 401
    await client.post("/api/sessions/passkey/options")
    garbage = await client.post("/api/sessions/passkey", json={"credential": {"id": 5}})
    assert garbage.status_code == 401


async def test_only_its_owner_uses_or_removes_a_passkey(client: httpx.AsyncClient) -> None:
    await sign_up(client, "alice")
    await sign_up(client, "bobby")
    await log_in(client, "alice")
    alices = SoftPasskey()
    passkey = await add_passkey(client, alices, "Laptop")
    client.cookies.clear()
    await log_in(client, "bobby")
    taken = await client.request(
        "DELETE", f"/api/two-factor/passkeys/{passkey['id']}", json={"password": STRONG_PASSWORD}
    )
    assert taken.status_code == 404
    await add_passkey(client, SoftPasskey(), "Bob's phone")
    # Bobby's password step, completed with alice's passkey: refused.
    client.cookies.clear()
    answered = await client.post(
        "/api/sessions", json={"username": "bobby", "password": STRONG_PASSWORD}
    )
    assert answered.status_code == 202
    assert (await passkey_log_in(client, alices)).status_code == 401
    assert ACCESS_COOKIE not in client.cookies

    client.cookies.clear()
    assert (await passkey_log_in(client, alices)).json()["username"] == "alice"
    wrong = await client.request(
        "DELETE", f"/api/two-factor/passkeys/{passkey['id']}", json={"password": "not-it-123"}
    )
    assert wrong.status_code == 403
    removed = await client.request(
        "DELETE", f"/api/two-factor/passkeys/{passkey['id']}", json={"password": STRONG_PASSWORD}
    )
    assert removed.status_code == 204
    assert (await client.get("/api/two-factor")).json()["passkeys"] == []
    client.cookies.clear()
    assert (await passkey_log_in(client, alices)).status_code == 401


def replay(client: httpx.AsyncClient, cookies: dict[str, str]) -> None:
    """Another browser with the cookies someone copied from the first."""
    client.cookies.clear()
    for name, value in cookies.items():
        client.cookies.set(name, value)


async def test_an_answer_to_a_passkey_challenge_works_once(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    """Within the 5 minutes of its cookie, the same signed answer does not log in again,
    even from a passkey whose counter stays 0, nor through another server process."""
    await sign_up_and_log_in(client)
    device = SoftPasskey(counts=False)
    await add_passkey(client, device, "Synced")

    client.cookies.clear()  # the passkey alone
    options = (await client.post("/api/sessions/passkey/options")).json()["options"]
    copied = {PASSKEY_COOKIE: client.cookies[PASSKEY_COOKIE]}
    answer = device.get(options)
    assert (await client.post("/api/sessions/passkey", json={"credential": answer})).is_success
    replay(client, copied)
    again = await client.post("/api/sessions/passkey", json={"credential": answer})
    assert again.status_code == 409, again.text
    assert again.json()["error"]["code"] == "passkey_challenge_used"
    assert ACCESS_COOKIE not in client.cookies

    client.cookies.clear()  # the second step, after the password
    answered = await client.post(
        "/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD}
    )
    assert answered.status_code == 202
    options = (await client.post("/api/sessions/passkey/options")).json()["options"]
    copied = {name: client.cookies[name] for name in (PENDING_COOKIE, PASSKEY_COOKIE)}
    answer = device.get(options)
    assert (await client.post("/api/sessions/passkey", json={"credential": answer})).is_success
    other_process = create_app(settings)
    try:
        transport = httpx.ASGITransport(app=other_process)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
            replay(other, copied)
            elsewhere = await other.post("/api/sessions/passkey", json={"credential": answer})
            assert elsewhere.status_code == 409, elsewhere.text
            assert ACCESS_COOKIE not in other.cookies
    finally:
        await other_process.parts.engine.dispose()


async def test_a_wrong_answer_uses_up_its_challenge(client: httpx.AsyncClient) -> None:
    await sign_up_and_log_in(client)
    device = SoftPasskey(counts=False)
    await add_passkey(client, device, "Synced")
    client.cookies.clear()
    options = (await client.post("/api/sessions/passkey/options")).json()["options"]
    wrong = SoftPasskey()
    wrong.credential_id = device.credential_id  # the right passkey's id, another key's signature
    refused = await client.post("/api/sessions/passkey", json={"credential": wrong.get(options)})
    assert refused.status_code == 401
    right = await client.post("/api/sessions/passkey", json={"credential": device.get(options)})
    assert right.status_code == 409  # the cookie is still there; its challenge is not
    assert right.json()["error"]["code"] == "passkey_challenge_used"
    assert (await passkey_log_in(client, device)).status_code == 200  # a new one works


async def test_a_passkey_registration_is_not_replayed_after_its_removal(
    client: httpx.AsyncClient,
) -> None:
    """Someone who copied the cookie and the browser's answer cannot put back a passkey its
    owner removed."""
    await sign_up_and_log_in(client)
    started = await client.post(
        "/api/two-factor/passkeys/options", json={"password": STRONG_PASSWORD}
    )
    copied = {name: client.cookies[name] for name in (ACCESS_COOKIE, PASSKEY_COOKIE)}
    attestation = SoftPasskey().create(started.json()["options"])
    body = {"name": "Laptop", "credential": attestation}
    added = await client.post("/api/two-factor/passkeys", json=body)
    assert added.status_code == 201, added.text
    removed = await client.request(
        "DELETE",
        f"/api/two-factor/passkeys/{added.json()['id']}",
        json={"password": STRONG_PASSWORD},
    )
    assert removed.status_code == 204
    replay(client, copied)
    again = await client.post("/api/two-factor/passkeys", json=body)
    assert again.status_code == 409, again.text
    assert again.json()["error"]["code"] == "passkey_challenge_used"
    assert (await client.get("/api/two-factor")).json()["passkeys"] == []
