"""Passkeys in the web app, with Chromium's virtual authenticator (CDP WebAuthn): added in
Settings, then logging in with one alone, and as the step after the password.

WebAuthn needs a host name, not an IP address: the server has no PUBLIC_URL here, so its
passkeys are for the host the page comes from, http://localhost:PORT.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import CLIENT_DIST, Screenshots, csp_violations
from tests.browser.test_web_app import sign_up
from tests.support.plaid_stack import Stack, running_stack
from tests.support.users import STRONG_PASSWORD


@pytest.fixture
def web(database_url: str, tmp_path: Path) -> Iterator[Stack]:
    with running_stack(
        database_url,
        tmp_path / "data",
        emulator_url="",
        client_dist_dir=CLIENT_DIST,
        public_url="",
    ) as stack:
        yield stack


@pytest.fixture
async def page(browser: Browser, web: Stack) -> AsyncIterator[Page]:
    address = web.url.replace("127.0.0.1", "localhost")
    context = await browser.new_context(base_url=address, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = await context.new_page()
    refused = csp_violations(tab)
    authenticator = await context.new_cdp_session(tab)
    await authenticator.send("WebAuthn.enable")
    await authenticator.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    yield tab
    assert not refused, refused
    await context.close()


async def test_add_a_passkey_and_log_in_with_it(page: Page, web: Stack, shot: Screenshots) -> None:
    await sign_up(page, web, shot)
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("passkey-name").fill("This laptop")
    await page.get_by_test_id("passkey-password").fill(STRONG_PASSWORD)
    await page.get_by_test_id("passkey-add").click()
    await expect(page.get_by_test_id("passkey")).to_contain_text("This laptop")
    await shot("passkey-added")

    # A passkey alone: no username, no password.
    await page.get_by_test_id("logout").click()
    await page.get_by_test_id("passkey-login").click()
    await expect(page.get_by_test_id("current-username")).to_have_text("alice")

    # After the password, the passkey is the second factor.
    await page.get_by_test_id("logout").click()
    await page.get_by_test_id("username").fill("alice")
    await page.get_by_test_id("password").fill(STRONG_PASSWORD)
    await page.get_by_test_id("login").click()
    await expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
    await shot("second-step")
    await page.get_by_test_id("passkey-login").click()
    await expect(page.get_by_test_id("current-username")).to_have_text("alice")
    await page.get_by_test_id("nav-settings").click()
    await expect(page.get_by_test_id("passkey")).to_contain_text("last used")
