"""Single sign-on through a real OpenID provider on loopback: the code flow end to end, the
account it lands in, and every way the provider's answer is refused."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from tests.support.logs import as_logged, capture_product_logs
from tests.support.openid_provider import CLIENT_SECRET, OpenIdTestProvider
from tests.support.users import STRONG_PASSWORD, log_in, sign_up
from tests.two_factor.test_totp import Clock, clock, password_step, turn_on  # noqa: F401


async def through_provider(client: httpx.AsyncClient, invite: str | None = None) -> httpx.Response:
    """What a browser does: to the provider, which approves at once, and back."""
    start = await client.get("/api/sso/login", params={"invite": invite} if invite else None)
    assert start.status_code == 303, start.text
    async with httpx.AsyncClient() as at_provider:
        back = await at_provider.get(start.headers["location"])
    assert back.status_code == 302, back.text
    callback = back.headers["location"]
    assert callback.startswith("http://testserver/api/sso/callback?")
    return await client.get(callback.removeprefix("http://testserver"))


def refused_for(answer: httpx.Response) -> str:
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("/login?sso_error="), location
    return location.removeprefix("/login?sso_error=")


async def me(client: httpx.AsyncClient) -> dict[str, Any] | None:
    found = await client.get("/api/sessions/me")
    return found.json() if found.status_code == 200 else None


async def test_the_claim_matches_the_account_then_the_subject_is_followed(
    client: httpx.AsyncClient, new_client: Any, provider: OpenIdTestProvider
) -> None:
    await sign_up(client, "root")
    alice = await sign_up(client, "alice")
    bob = await sign_up(client, "bob")

    landed = await through_provider(client)
    assert landed.status_code == 303
    assert landed.headers["location"] == "/"
    assert (await me(client) or {})["id"] == alice["id"]
    audit = (await client.get(f"/api/users/{alice['id']}/audit")).json()
    assert [event["action"] for event in audit[:2]] == ["login_succeeded", "sso_linked"]
    assert audit[0]["detail"] == {"method": "sso"}

    # The provider renames her "bob": her subject still logs in to her account, not Bob's.
    provider.person["preferred_username"] = "bob"
    again = new_client()
    await through_provider(again)
    assert (await me(again) or {})["id"] == alice["id"]

    # Someone else at the provider who now calls themselves "alice" gets no way into hers.
    provider.person.update(sub="subject-mallory", preferred_username="alice")
    mallory = new_client()
    assert refused_for(await through_provider(mallory)) == "other_subject"
    assert await me(mallory) is None
    # ...nor into Bob's, whose name the first subject carried a moment ago: his own first
    # SSO log-in links him.
    provider.person.update(sub="subject-bob", preferred_username="bob")
    bob_client = new_client()
    await through_provider(bob_client)
    assert (await me(bob_client) or {})["id"] == bob["id"]


@pytest.mark.parametrize(
    "settings_overrides", [{"oidc_claim": "email", "oidc_auto_create": True}], indirect=True
)
async def test_an_email_claim_counts_only_when_verified(
    client: httpx.AsyncClient, provider: OpenIdTestProvider
) -> None:
    await sign_up(client, "root")
    provider.person["email_verified"] = False
    assert refused_for(await through_provider(client)) == "email_unverified"
    assert await me(client) is None
    provider.person["email_verified"] = True
    await through_provider(client)
    made = await me(client)
    assert made is not None
    assert made["username"] == "alice@example.org"
    assert made["is_admin"] is False


async def test_no_account_is_made_unless_auto_creation_is_on(
    client: httpx.AsyncClient, provider: OpenIdTestProvider
) -> None:
    await sign_up(client, "root")
    assert refused_for(await through_provider(client)) == "no_account"
    assert await me(client) is None
    users = (await client.get("/api/config")).json()
    assert users["sso_enabled"] is True


@pytest.mark.parametrize(
    "settings_overrides", [{"oidc_auto_create": True, "signup": "invite"}], indirect=True
)
async def test_auto_creation_makes_an_ordinary_account(
    client: httpx.AsyncClient, new_client: Any, provider: OpenIdTestProvider
) -> None:
    # Before the administrator exists, the setup code makes the first account, not SSO.
    assert refused_for(await through_provider(client)) == "no_administrator"
    await sign_up(client, "root")
    await through_provider(client)
    made = await me(client)
    assert made is not None
    assert (made["username"], made["is_admin"]) == ("alice", False)
    audit = (await client.get(f"/api/users/{made['id']}/audit")).json()
    assert [event["action"] for event in audit] == ["login_succeeded", "sso_linked", "signed_up"]
    assert audit[2]["detail"] == {"by": "sso"}
    # The next time, the same account.
    again = new_client()
    await through_provider(again)
    assert (await me(again) or {})["id"] == made["id"]


@pytest.mark.parametrize(
    "settings_overrides", [{"oidc_auto_create": True, "signup": "closed"}], indirect=True
)
async def test_closed_sign_up_makes_no_account_by_sso_either(
    client: httpx.AsyncClient, provider: OpenIdTestProvider
) -> None:
    await sign_up(client, "root")
    assert refused_for(await through_provider(client)) == "sign_up_closed"
    await log_in(client, "root")
    assert [user["username"] for user in (await client.get("/api/users")).json()] == ["root"]


async def test_a_disabled_account_is_refused(
    client: httpx.AsyncClient, new_client: Any, provider: OpenIdTestProvider
) -> None:
    await sign_up(client, "root")
    alice = await sign_up(client, "alice")
    await log_in(client, "root")
    assert (await client.post(f"/api/users/{alice['id']}/disable")).status_code == 200
    person = new_client()
    assert refused_for(await through_provider(person)) == "account_disabled"
    assert await me(person) is None
    audit = (await client.get(f"/api/users/{alice['id']}/audit")).json()
    assert audit[0]["action"] == "login_sso_failed"
    assert audit[0]["detail"] == {"reason": "account_disabled"}


@pytest.mark.parametrize(
    "settings_overrides", [{"password_login": False, "signup": "invite"}], indirect=True
)
async def test_with_password_log_in_off_only_sso_logs_in_and_signs_up(
    client: httpx.AsyncClient, new_client: Any, provider: OpenIdTestProvider
) -> None:
    """No password sign-up either: once the administrator exists (the setup code still
    makes them), people come through the provider, with an invite for a new account."""
    root = await sign_up(client, "root")
    config = (await client.get("/api/config")).json()
    assert (config["password_login"], config["sso_name"]) == (False, "Test ID")
    refused = await client.post("/api/sessions", json={"username": "root", "password": "x" * 9})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "password_login_off"
    provider.person.update(sub="subject-root", preferred_username="root")
    await through_provider(client)
    assert (await me(client) or {})["id"] == root["id"]
    invite = (await client.post("/api/invites", json={"expires_in_days": 7})).json()["code"]

    body = {"username": "alice", "password": STRONG_PASSWORD, "invite_code": invite}
    by_password = await new_client().post("/api/users", json=body)
    assert by_password.status_code == 403, by_password.text
    assert by_password.json()["error"]["code"] == "password_login_off"
    provider.person.update(sub="subject-alice", preferred_username="alice")
    assert refused_for(await through_provider(new_client())) == "no_account"
    alice = new_client()
    await through_provider(alice, invite)
    made = await me(alice) or {}
    assert (made.get("username"), made.get("is_admin")) == ("alice", False)
    invites = (await client.get("/api/invites")).json()
    assert (invites[0]["status"], invites[0]["used_by"]) == ("used", "alice")
    provider.person.update(sub="subject-carol", preferred_username="carol")
    assert refused_for(await through_provider(new_client(), invite)) == "invalid_invite"


async def test_a_bad_state_or_a_missing_flow_is_refused(
    client: httpx.AsyncClient, provider: OpenIdTestProvider
) -> None:
    await sign_up(client, "root")
    await sign_up(client, "alice")
    start = await client.get("/api/sso/login")
    async with httpx.AsyncClient() as at_provider:
        back = (await at_provider.get(start.headers["location"])).headers["location"]
    forged = back.replace("state=", "state=x")
    assert refused_for(await client.get(forged.removeprefix("http://testserver"))) == "bad_state"
    client.cookies.clear()  # another browser: it never began this log-in
    assert refused_for(await client.get(back.removeprefix("http://testserver"))) == "expired"
    assert await me(client) is None


@pytest.mark.parametrize(
    ("tamper", "foreign_key", "deny", "reason"),
    [
        ({"nonce": "another-nonce"}, False, False, "invalid_token"),
        ({"aud": "another-client"}, False, False, "invalid_token"),
        (
            {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200},
            False,
            False,
            "invalid_token",
        ),
        ({"iss": "https://elsewhere.example"}, False, False, "invalid_token"),
        ({}, True, False, "invalid_token"),
        ({}, False, True, "denied"),
    ],
    ids=["wrong nonce", "wrong audience", "expired", "wrong issuer", "foreign key", "denied"],
)
async def test_the_providers_wrong_answers_are_refused(
    client: httpx.AsyncClient,
    provider: OpenIdTestProvider,
    tamper: dict[str, Any],
    foreign_key: bool,
    deny: bool,
    reason: str,
) -> None:
    await sign_up(client, "root")
    await sign_up(client, "alice")
    provider.tamper, provider.foreign_key, provider.deny = tamper, foreign_key, deny
    assert refused_for(await through_provider(client)) == reason
    assert await me(client) is None


async def test_nothing_secret_reaches_the_log(
    client: httpx.AsyncClient, provider: OpenIdTestProvider, caplog: pytest.LogCaptureFixture
) -> None:
    capture_product_logs(caplog)
    await sign_up(client, "root")
    await sign_up(client, "alice")
    await through_provider(client)
    provider.tamper = {"nonce": "another-nonce"}
    client.cookies.clear()
    await through_provider(client)
    logged = as_logged(caplog) + as_logged(caplog, "json")
    assert "single sign-on refused: invalid_token" in logged
    assert provider.issued
    for secret in [*provider.issued, CLIENT_SECRET]:
        assert secret not in logged
    assert "code=" not in logged
    assert "state=" not in logged


async def test_claims_the_id_token_lacks_come_from_the_userinfo_of_the_same_subject(
    client: httpx.AsyncClient, new_client: Any, provider: OpenIdTestProvider
) -> None:
    await sign_up(client, "root")
    alice = await sign_up(client, "alice")
    provider.userinfo_only = ("preferred_username", "email", "email_verified")
    provider.userinfo_tamper = {"sub": "subject-someone-else"}
    assert refused_for(await through_provider(client)) == "invalid_token"
    provider.userinfo_tamper = {}
    person = new_client()
    await through_provider(person)
    assert (await me(person) or {})["id"] == alice["id"]


async def test_the_providers_sign_in_is_not_followed_by_this_servers_second_factor(
    client: httpx.AsyncClient,
    new_client: Any,
    provider: OpenIdTestProvider,
    clock: Clock,  # noqa: F811
) -> None:
    await sign_up(client, "root")
    alice = await sign_up(client, "alice")
    await log_in(client, "alice")
    await turn_on(client, clock)
    assert (await password_step(client)).json()["methods"][0] == "totp"  # passwords: asked
    person = new_client()
    await through_provider(person)  # the provider did its own factors
    assert (await me(person) or {})["id"] == alice["id"]
    assert (await person.get(f"/api/users/{alice['id']}/accounts")).status_code == 200


@pytest.mark.parametrize(
    "settings_overrides", [{"oidc_issuer": "http://127.0.0.1:9"}], indirect=True
)
async def test_an_unreachable_provider_leads_back_to_the_log_in_page(
    client: httpx.AsyncClient,
) -> None:
    start = await client.get("/api/sso/login")
    assert refused_for(start) == "provider_unavailable"


@pytest.mark.parametrize("settings_overrides", [{"oidc_issuer": ""}], indirect=True)
async def test_without_single_sign_on_its_routes_are_not_found(client: httpx.AsyncClient) -> None:
    for path in ("/api/sso/login", "/api/sso/callback?code=x&state=y"):
        answer = await client.get(path)
        assert answer.status_code == 404
        assert answer.json()["error"]["code"] == "sso_not_set_up"
    assert (await client.get("/api/config")).json()["sso_name"] is None


async def test_when_two_factor_is_required_a_provider_sign_in_counts_as_one(
    client: httpx.AsyncClient,
    new_client: Any,
    provider: OpenIdTestProvider,
    clock: Clock,  # noqa: F811
) -> None:
    """The administrator's rule sends a password log-in without a second factor to set one
    up; a session from the provider, which asked for its own, goes on."""
    await sign_up(client, "root")
    await log_in(client, "root")
    await turn_on(client, clock)
    rule = await client.put("/api/two-factor/policy", json={"require_two_factor": True})
    assert rule.status_code == 200, rule.text
    alice = await sign_up(new_client(), "alice")
    accounts = f"/api/users/{alice['id']}/accounts"
    by_password = new_client()
    await log_in(by_password, "alice")
    refused = await by_password.get(accounts)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "two_factor_setup_required"
    assert (await by_password.get("/api/two-factor")).json()["setup_required"] is True
    by_provider = new_client()
    await through_provider(by_provider)
    assert (await by_provider.get(accounts)).status_code == 200
    # The web app asks this before showing anything: it does not send them to set one up.
    status = (await by_provider.get("/api/two-factor")).json()
    assert (status["required"], status["setup_required"]) == (True, False)
