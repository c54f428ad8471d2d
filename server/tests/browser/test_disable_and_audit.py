"""An administrator disables a person who is logged in elsewhere: that browser is sent to
log in at once and refused there; the audit log shows the refusals and the disabling."""

from __future__ import annotations

import re

import httpx
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_web_app import accept_confirms, sign_up
from tests.support.plaid_stack import Stack
from tests.support.users import STRONG_PASSWORD


async def log_in(page: Page, username: str, password: str) -> None:
    await page.get_by_test_id("username").fill(username)
    await page.get_by_test_id("password").fill(password)
    await page.get_by_test_id("login").click()


async def test_a_disabled_person_is_logged_out_and_the_log_shows_it(
    page: Page, browser: Browser, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot, "root")
    async with httpx.AsyncClient(base_url=web.url) as http:
        made = await http.post("/api/users", json={"username": "bob", "password": STRONG_PASSWORD})
        assert made.status_code == 201, made.text

    context = await browser.new_context(base_url=web.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    try:
        bobs = await context.new_page()
        await bobs.goto("/login")
        await log_in(bobs, "bob", "not-bobs-password-1")
        await expect(bobs.get_by_test_id("auth-error")).to_contain_text("Incorrect")
        await log_in(bobs, "bob", STRONG_PASSWORD)
        await expect(bobs.get_by_test_id("current-username")).to_have_text("bob")

        await page.goto("/admin")
        bob_row = page.get_by_test_id("user-row").filter(has_text="bob")
        await expect(bob_row.get_by_test_id("user-last-login")).not_to_have_text("Never")
        accept_confirms(page)
        await page.get_by_role("button", name="Disable bob").click()
        await expect(page.get_by_role("button", name="Enable bob")).to_be_visible()
        await expect(bob_row.get_by_test_id("user-disabled")).to_be_visible()

        # Bob's page did nothing: the server closed its socket, and it went to log in.
        await expect(bobs).to_have_url(re.compile(r"/login"))
        await log_in(bobs, "bob", STRONG_PASSWORD)
        await expect(bobs.get_by_test_id("auth-error")).to_contain_text("disabled")
    finally:
        await context.close()

    log = page.get_by_test_id("audit-table")
    await page.get_by_test_id("audit-action").select_option(label="Sign-in refused")
    refused = log.get_by_test_id("audit-row")
    await expect(refused).to_have_count(2)
    await expect(refused.first).to_contain_text("the account is disabled")
    await expect(refused.nth(1)).to_contain_text("wrong password")
    await page.get_by_test_id("audit-action").select_option(label="Account disabled")
    await expect(log.get_by_test_id("audit-row")).to_have_count(1)
    await expect(log.get_by_test_id("audit-row")).to_contain_text("bob")
    await shot("audit-log")

    await page.get_by_test_id("nav-settings").click()
    activity = page.get_by_role("table", name="Recent activity on your account")
    await expect(activity.get_by_test_id("audit-row").first).to_contain_text("Signed in")
    await shot("recent-activity")
