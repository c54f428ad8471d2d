"""Single sign-on in the browser: the log-in page's "Sign in with <name>" goes through the
OpenID provider (on loopback) and lands in the app logged in; with password log-in off the
page offers the button alone, and a refused sign-in comes back with its reason in words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import CLIENT_DIST, Screenshots
from tests.browser.test_accessibility import AXE, axe_violations, report
from tests.support.openid_provider import OpenIdTestProvider, running_provider, sso_settings
from tests.support.plaid_stack import Stack, running_stack
from tests.support.users import sign_up


@pytest.fixture
def provider() -> Iterator[OpenIdTestProvider]:
    with running_provider() as running:
        yield running


@pytest.fixture
def web(database_url: str, tmp_path: Path, provider: OpenIdTestProvider) -> Iterator[Stack]:
    """The app serving the built client, logging in through the provider only."""
    with running_stack(
        database_url,
        tmp_path / "data",
        emulator_url="",
        client_dist_dir=CLIENT_DIST,
        **sso_settings(provider, password_login=False),
    ) as stack:
        yield stack


async def test_sign_in_with_the_provider_lands_in_the_app(
    page: Page, web: Stack, provider: OpenIdTestProvider, shot: Screenshots
) -> None:
    async with web.client() as http:
        await sign_up(http, "root")  # the setup code's administrator

    provider.person.update(sub="subject-root", preferred_username="root")
    await page.goto("/login")
    button = page.get_by_role("link", name="Sign in with Test ID")
    await expect(button).to_be_visible()
    await expect(page.get_by_test_id("password")).to_have_count(0)
    await shot("login")
    await button.click()
    await expect(page.get_by_test_id("current-username")).to_have_text("root")
    await shot("signed-in")
    made = await page.request.post("/api/invites", data={"expires_in_days": 7})
    assert made.ok, await made.text()
    invite = (await made.json())["code"]

    # Alice, invited, has no account yet: the invite's link makes it through the provider.
    await page.context.clear_cookies()
    provider.person.update(sub="subject-alice", preferred_username="alice")
    await page.goto(f"/login?invite={invite}")
    await expect(page.get_by_test_id("sso-invite")).to_be_visible()
    await expect(page.get_by_test_id("password")).to_have_count(0)
    await shot("invited")
    await page.get_by_role("link", name="Sign in with Test ID").click()
    await expect(page.get_by_test_id("current-username")).to_have_text("alice")

    # Someone the server has no account for comes back to the log-in page, told why.
    await page.context.clear_cookies()
    provider.person.update(sub="subject-nobody", preferred_username="nobody")
    await page.goto("/login")
    await page.get_by_role("link", name="Sign in with Test ID").click()
    await expect(page.get_by_test_id("sso-error")).to_have_text(
        "No account on this server matches yours at the provider: ask the administrator for one."
    )
    await shot("refused")
    if AXE.is_file():  # the button and the message, as a screen reader meets them
        violations = await axe_violations(page, "log-in page, single sign-on only")
        assert not violations, report(violations)
