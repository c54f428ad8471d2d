"""An administrator requires a second factor of everyone; who has none is sent to set it up."""

from __future__ import annotations

import httpx

from tests.support.users import STRONG_PASSWORD, log_in, sign_up
from tests.two_factor.test_totp import Clock, clock, password_step, turn_on  # noqa: F401


async def test_everyone_sets_up_a_second_factor_before_anything_else(
    client: httpx.AsyncClient,
    clock: Clock,  # noqa: F811
) -> None:
    admin = await sign_up(client, "root")
    person = await sign_up(client, "alice")
    await log_in(client, "root")
    refused = await client.put("/api/two-factor/policy", json={"require_two_factor": True})
    assert refused.status_code == 409  # the administrator would lock themselves out
    assert refused.json()["error"]["code"] == "two_factor_not_set_up"
    await turn_on(client, clock)
    required = await client.put("/api/two-factor/policy", json={"require_two_factor": True})
    assert required.json() == {"require_two_factor": True}
    assert (await client.get("/api/users")).status_code == 200  # the admin has one

    client.cookies.clear()
    await log_in(client, "alice")  # no second factor yet: the password logs in...
    me = await client.get("/api/sessions/me")
    assert me.json()["id"] == person["id"]
    blocked = await client.get(f"/api/users/{person['id']}/accounts")
    assert blocked.status_code == 403  # ...to the setup only
    assert blocked.json()["error"]["code"] == "two_factor_setup_required"
    status = (await client.get("/api/two-factor")).json()
    assert status["required"] is True
    assert status["setup_required"] is True
    clock.next_step()
    secret, _ = await turn_on(client, clock)
    assert (await client.get(f"/api/users/{person['id']}/accounts")).status_code == 200
    clock.next_step()
    # While it is required, the only factor cannot be turned off.
    kept = await client.request(
        "DELETE",
        "/api/two-factor/totp",
        json={"password": STRONG_PASSWORD, "code": clock.code(secret)},
    )
    assert kept.status_code == 409
    assert kept.json()["error"]["code"] == "two_factor_required"
    assert (
        await client.put("/api/two-factor/policy", json={"require_two_factor": False})
    ).status_code == 403

    client.cookies.clear()
    await password_step(client, "root")
    assert admin["is_admin"]
