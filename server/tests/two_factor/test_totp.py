"""Two-factor log-in with an authenticator app: setting it up, logging in, recovery codes."""

from __future__ import annotations

import logging

import httpx
import pyotp
import pytest

from pattern.app.factory import PatternApp
from pattern.app.logs import configure_logging
from pattern.auth.cookies import ACCESS_COOKIE, PENDING_COOKIE
from tests.support.users import STRONG_PASSWORD, log_in, sign_up, sign_up_and_log_in

T0 = 1_800_000_000.0  # a moment on the tests' own clock


class Clock:
    """The TOTP clock under the test's control: no sleeping."""

    def __init__(self, app: PatternApp) -> None:
        self.now = T0
        app.parts.two_factor.clock = lambda: self.now

    def code(self, secret: str) -> str:
        return pyotp.TOTP(secret).at(self.now)

    def next_step(self) -> None:
        self.now += 30


@pytest.fixture
def clock(app: PatternApp) -> Clock:
    return Clock(app)


async def turn_on(client: httpx.AsyncClient, clock: Clock) -> tuple[str, list[str]]:
    """Sets up the authenticator app of the logged-in person: its secret, recovery codes."""
    started = await client.post("/api/two-factor/totp", json={"password": STRONG_PASSWORD})
    assert started.status_code == 200, started.text
    setup = started.json()
    assert setup["otpauth_uri"].startswith("otpauth://totp/Pattern:")
    assert setup["secret"] in setup["otpauth_uri"]
    assert setup["qr_svg"].startswith("<svg")
    confirmed = await client.post(
        "/api/two-factor/totp/confirm", json={"code": clock.code(setup["secret"])}
    )
    assert confirmed.status_code == 200, confirmed.text
    return setup["secret"], confirmed.json()["recovery_codes"]


async def password_step(client: httpx.AsyncClient, username: str = "alice") -> httpx.Response:
    client.cookies.clear()
    response = await client.post(
        "/api/sessions", json={"username": username, "password": STRONG_PASSWORD}
    )
    assert response.status_code == 202, response.text
    return response


async def test_setting_up_and_logging_in_with_an_authenticator_app(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    await sign_up_and_log_in(client)
    status = (await client.get("/api/two-factor")).json()
    assert status["totp_enabled"] is False
    started = await client.post("/api/two-factor/totp", json={"password": STRONG_PASSWORD})
    secret = started.json()["secret"]
    # Not on until confirmed: the password alone still logs in.
    assert (await client.get("/api/two-factor")).json()["totp_enabled"] is False
    wrong = await client.post("/api/two-factor/totp/confirm", json={"code": "000000"})
    assert wrong.status_code == 403
    assert wrong.json()["error"]["code"] == "wrong_code"
    confirmed = await client.post("/api/two-factor/totp/confirm", json={"code": clock.code(secret)})
    codes = confirmed.json()["recovery_codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    status = (await client.get("/api/two-factor")).json()
    assert status["totp_enabled"] is True
    assert status["recovery_codes_left"] == 10
    assert secret not in str(status)

    answered = await password_step(client)
    assert answered.json() == {
        "second_factor_required": True,
        "methods": ["totp", "recovery_code"],
    }
    assert ACCESS_COOKIE not in client.cookies  # no session yet
    assert (await client.get("/api/sessions/me")).status_code == 401
    # The code the app showed at confirmation was used: it is refused even now.
    replayed = await client.post("/api/sessions/two-factor", json={"code": clock.code(secret)})
    assert replayed.status_code == 401
    assert replayed.json()["error"]["code"] == "wrong_code"
    clock.next_step()
    done = await client.post("/api/sessions/two-factor", json={"code": clock.code(secret)})
    assert done.status_code == 200, done.text
    assert done.json()["username"] == "alice"
    assert (await client.get("/api/sessions/me")).status_code == 200
    assert PENDING_COOKIE not in client.cookies


async def test_a_code_works_once_and_a_step_either_side(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    await sign_up_and_log_in(client)
    secret, _ = await turn_on(client, clock)
    clock.next_step()
    code = clock.code(secret)
    clock.now += 25  # the phone lags: its code is one step old
    await password_step(client)
    assert (await client.post("/api/sessions/two-factor", json={"code": code})).status_code == 200
    await password_step(client)
    again = await client.post("/api/sessions/two-factor", json={"code": code})
    assert again.status_code == 401
    clock.now += 90  # three steps on: the old code is too old anyway
    await password_step(client)
    stale = await client.post("/api/sessions/two-factor", json={"code": code})
    assert stale.status_code == 401


async def test_recovery_codes_work_once_and_can_be_renewed(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    await sign_up_and_log_in(client)
    secret, codes = await turn_on(client, clock)
    await password_step(client)
    used = await client.post("/api/sessions/two-factor", json={"recovery_code": codes[0].upper()})
    assert used.status_code == 200, used.text
    assert (await client.get("/api/two-factor")).json()["recovery_codes_left"] == 9
    await password_step(client)
    again = await client.post("/api/sessions/two-factor", json={"recovery_code": codes[0]})
    assert again.status_code == 401
    assert (
        await client.post("/api/sessions/two-factor", json={"recovery_code": codes[1]})
    ).is_success

    clock.next_step()
    no_password = await client.post(
        "/api/two-factor/recovery-codes",
        json={"password": "not-it-1234", "code": clock.code(secret)},
    )
    assert no_password.status_code == 403
    renewed = await client.post(
        "/api/two-factor/recovery-codes",
        json={"password": STRONG_PASSWORD, "code": clock.code(secret)},
    )
    assert renewed.status_code == 200
    fresh = renewed.json()["recovery_codes"]
    assert (await client.get("/api/two-factor")).json()["recovery_codes_left"] == 10
    await password_step(client)
    old = await client.post("/api/sessions/two-factor", json={"recovery_code": codes[2]})
    assert old.status_code == 401
    new = await client.post("/api/sessions/two-factor", json={"recovery_code": fresh[0]})
    assert new.status_code == 200


async def test_turning_off_needs_the_password_and_a_code(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    await sign_up_and_log_in(client)
    secret, _ = await turn_on(client, clock)
    clock.next_step()
    wrong_code = await client.request(
        "DELETE", "/api/two-factor/totp", json={"password": STRONG_PASSWORD, "code": "123456"}
    )
    assert wrong_code.status_code == 403
    wrong_password = await client.request(
        "DELETE",
        "/api/two-factor/totp",
        json={"password": "nope-nope-1", "code": clock.code(secret)},
    )
    assert wrong_password.status_code == 403
    assert (await client.get("/api/two-factor")).json()["totp_enabled"] is True
    off = await client.request(
        "DELETE",
        "/api/two-factor/totp",
        json={"password": STRONG_PASSWORD, "code": clock.code(secret)},
    )
    assert off.status_code == 204
    status = (await client.get("/api/two-factor")).json()
    assert status["totp_enabled"] is False
    assert status["recovery_codes_left"] == 0
    client.cookies.clear()
    await log_in(client)  # the password alone again


async def test_wrong_codes_are_throttled_and_the_step_expires(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    await sign_up_and_log_in(client)
    secret, _ = await turn_on(client, clock)
    await password_step(client)
    statuses = []
    for guess in range(7):
        answer = await client.post("/api/sessions/two-factor", json={"code": f"{guess:06d}"})
        statuses.append(answer.status_code)
    assert statuses[:5] == [401] * 5
    assert statuses[-1] == 429
    clock.next_step()
    blocked = await client.post("/api/sessions/two-factor", json={"code": clock.code(secret)})
    assert blocked.status_code == 429  # even the right code waits
    # Without the password step's cookie there is nothing to complete.
    client.cookies.clear()
    lost = await client.post("/api/sessions/two-factor", json={"code": clock.code(secret)})
    assert lost.status_code == 401
    assert lost.json()["error"]["code"] == "second_factor_expired"


async def test_another_persons_pending_log_in_cannot_be_forged(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    await sign_up(client, "alice")
    await sign_up(client, "bobby")
    await log_in(client, "alice")
    await turn_on(client, clock)
    client.cookies.clear()
    client.cookies.set(PENDING_COOKIE, "forged.token.value", path="/api/sessions")
    forged = await client.post("/api/sessions/two-factor", json={"code": "123456"})
    assert forged.status_code == 401
    both = await client.post(
        "/api/sessions/two-factor", json={"code": "123456", "recovery_code": "abcde-fghij"}
    )
    assert both.status_code == 422


async def test_no_two_factor_secret_reaches_a_log_or_a_later_answer(
    client: httpx.AsyncClient, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging("DEBUG")  # the product's logging, at its most talkative
    logging.getLogger().addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    await sign_up_and_log_in(client)
    secret, codes = await turn_on(client, clock)
    later: list[str] = []
    answered = await password_step(client)
    pending = client.cookies[PENDING_COOKIE]
    later.append(answered.text)
    clock.next_step()
    code = clock.code(secret)
    later.append((await client.post("/api/sessions/two-factor", json={"code": code})).text)
    later.append((await client.get("/api/two-factor")).text)
    later.append((await client.get("/api/sessions/me")).text)
    await password_step(client)
    later.append(
        (await client.post("/api/sessions/two-factor", json={"recovery_code": codes[0]})).text
    )
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /api/sessions/two-factor 200" in logged  # the request log did run
    for found in [secret, *codes, pending, code]:
        assert found not in logged
        assert all(found not in body for body in later)


async def test_second_factor_changes_and_wrong_codes_are_in_the_audit_log(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    alice = await sign_up_and_log_in(client)
    secret, codes = await turn_on(client, clock)
    clock.next_step()
    renewed = await client.post(
        "/api/two-factor/recovery-codes",
        json={"password": STRONG_PASSWORD, "code": clock.code(secret)},
    )
    assert renewed.status_code == 200
    await password_step(client)
    wrong = await client.post("/api/sessions/two-factor", json={"code": "000000"})
    assert wrong.status_code == 401
    clock.next_step()
    right = await client.post("/api/sessions/two-factor", json={"code": clock.code(secret)})
    assert right.status_code == 200
    clock.next_step()
    off = await client.request(
        "DELETE",
        "/api/two-factor/totp",
        json={"password": STRONG_PASSWORD, "code": clock.code(secret)},
    )
    assert off.status_code == 204
    log = await client.get(f"/api/users/{alice['id']}/audit")
    actions = [(e["action"], e["detail"]) for e in reversed(log.json())]
    assert actions[-5:] == [
        ("two_factor_app_added", None),
        ("recovery_codes_renewed", None),
        ("login_failed", {"reason": "wrong_second_factor"}),
        ("login_succeeded", None),  # after the second factor, not after the password
        ("two_factor_app_removed", None),
    ], actions
    assert secret not in log.text
    assert not any(code in log.text for code in codes)
