"""Two-factor log-in in the web app: an authenticator app set up in Settings, then asked for
at log-in (the test computes the app's codes with pyotp, on a clock it controls)."""

from __future__ import annotations

import pyotp
from playwright.async_api import Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_web_app import sign_up
from tests.support.plaid_stack import Stack
from tests.support.users import STRONG_PASSWORD, log_in


class Clock:
    def __init__(self, web: Stack) -> None:
        self.now = 1_800_000_000.0
        web.app.parts.two_factor.clock = lambda: self.now


async def log_in_with_password(page: Page) -> None:
    await page.get_by_test_id("username").fill("alice")
    await page.get_by_test_id("password").fill(STRONG_PASSWORD)
    await page.get_by_test_id("login").click()


async def test_turn_on_an_authenticator_app_and_log_in_with_it(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    clock = Clock(web)
    await sign_up(page, web, shot)
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("totp-password").fill(STRONG_PASSWORD)
    await page.get_by_test_id("totp-start").click()
    await expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = (await page.get_by_test_id("totp-secret").inner_text()).strip()
    await shot("qr-code")
    await page.get_by_test_id("totp-confirm-code").fill(pyotp.TOTP(secret).at(clock.now))
    await page.get_by_test_id("totp-confirm").click()
    await expect(page.get_by_test_id("recovery-code")).to_have_count(10)
    codes = await page.get_by_test_id("recovery-code").all_inner_texts()
    await shot("recovery-codes")
    await page.get_by_test_id("recovery-codes-saved").click()
    await expect(page.get_by_test_id("recovery-codes-left")).to_have_text("10 recovery codes left.")

    await page.get_by_test_id("logout").click()
    await log_in_with_password(page)
    code = page.get_by_test_id("second-factor-code")
    await expect(code).to_be_focused()
    await shot("second-step")
    await code.fill(pyotp.TOTP(secret).at(clock.now))  # the code used to turn it on
    await page.get_by_test_id("second-factor-submit").click()
    await expect(page.get_by_test_id("second-factor-error")).to_contain_text("used already")
    clock.now += 30
    await code.fill(pyotp.TOTP(secret).at(clock.now))
    await page.get_by_test_id("second-factor-submit").click()
    await expect(page.get_by_test_id("current-username")).to_have_text("alice")

    # A recovery code instead: it works once.
    await page.get_by_test_id("logout").click()
    await log_in_with_password(page)
    await page.get_by_test_id("second-factor-switch").click()
    await page.get_by_label("Recovery code").fill(codes[0])
    await page.get_by_test_id("second-factor-submit").click()
    await expect(page.get_by_test_id("current-username")).to_have_text("alice")
    await page.get_by_test_id("nav-settings").click()
    await expect(page.get_by_test_id("recovery-codes-left")).to_have_text("9 recovery codes left.")


async def set_up_the_app(page: Page, clock: Clock) -> None:
    await page.get_by_test_id("totp-password").fill(STRONG_PASSWORD)
    await page.get_by_test_id("totp-start").click()
    secret = (await page.get_by_test_id("totp-secret").inner_text()).strip()
    await page.get_by_test_id("totp-confirm-code").fill(pyotp.TOTP(secret).at(clock.now))
    await page.get_by_test_id("totp-confirm").click()
    await page.get_by_test_id("recovery-codes-saved").click()


async def test_a_required_second_factor_is_set_up_before_anything_else(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    clock = Clock(web)
    await sign_up(page, web, shot)
    async with web.client() as http:  # a second person, invited before the rule
        await log_in(http, "alice")
        invite = (await http.post("/api/invites", json={})).json()
        await http.post(
            "/api/users",
            json={"username": "bobby", "password": STRONG_PASSWORD, "invite_code": invite["code"]},
        )
    await page.get_by_test_id("nav-settings").click()
    await set_up_the_app(page, clock)
    await page.get_by_test_id("nav-admin").click()
    await page.get_by_test_id("require-two-factor").check()
    await expect(page.get_by_test_id("require-two-factor")).to_be_checked()
    await shot("required")

    await page.get_by_test_id("logout").click()
    await page.get_by_test_id("username").fill("bobby")
    await page.get_by_test_id("password").fill(STRONG_PASSWORD)
    await page.get_by_test_id("login").click()
    await expect(page.get_by_test_id("two-factor-required")).to_be_visible()
    await shot("sent-to-set-up")
    await set_up_the_app(page, clock)
    await page.get_by_test_id("two-factor-continue").click()
    await expect(page.get_by_test_id("two-factor-required")).to_have_count(0)
    await expect(page.get_by_test_id("add-bank").first).to_be_visible()
