"""A person's own account in Settings: a new password, and logging out everywhere."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_web_app import accept_confirms, sign_up
from tests.support.plaid_stack import Stack
from tests.support.users import STRONG_PASSWORD

NEW_PASSWORD = "battery-staple-77"


async def test_change_the_password_then_log_out_everywhere(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("current-password").fill("not-my-password-1")
    await page.get_by_test_id("new-password").fill(NEW_PASSWORD)
    await page.get_by_test_id("new-password-again").fill(NEW_PASSWORD)
    await page.get_by_test_id("password-change").click()
    await expect(page.get_by_test_id("password-error")).to_contain_text("current password")
    await shot("wrong-current")

    await page.get_by_test_id("current-password").fill(STRONG_PASSWORD)
    await page.get_by_test_id("password-change").click()
    await expect(page.get_by_text("Password changed.")).to_be_visible()
    await expect(page.get_by_test_id("current-password")).to_have_value("")
    await shot("changed")

    accept_confirms(page)
    await page.get_by_test_id("logout-everywhere").click()
    await expect(page).to_have_url(re.compile(r"/login$"))
    await page.goto("/settings")
    await expect(page).to_have_url(re.compile(r"/login$"))  # the session really ended

    await page.get_by_test_id("username").fill("alice")
    await page.get_by_test_id("password").fill(NEW_PASSWORD)
    await page.get_by_test_id("login").click()
    await expect(page.get_by_test_id("current-username")).to_have_text("alice")
