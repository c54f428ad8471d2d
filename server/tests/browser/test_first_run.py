"""A newcomer's first run in the browser: the setup code, then inviting someone."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from pattern.users import setup_code
from tests.browser.conftest import CLIENT_DIST, Screenshots
from tests.support.plaid_stack import Stack, running_stack
from tests.support.users import STRONG_PASSWORD


@pytest.fixture
def invite_web(database_url: str, tmp_path: Path) -> Iterator[Stack]:
    """As `make start` serves by default: sign-up by invitation."""
    with running_stack(
        database_url,
        tmp_path / "data",
        emulator_url="",
        client_dist_dir=CLIENT_DIST,
        signup="invite",
    ) as stack:
        yield stack


async def new_page(browser: Browser, stack: Stack) -> Page:
    context = await browser.new_context(base_url=stack.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    return await context.new_page()


@pytest.fixture
async def admin_page(browser: Browser, invite_web: Stack) -> AsyncIterator[Page]:
    page = await new_page(browser, invite_web)
    yield page
    await page.context.close()


async def test_the_setup_code_makes_the_administrator_who_invites_someone(
    admin_page: Page, invite_web: Stack, browser: Browser, request: pytest.FixtureRequest
) -> None:
    page = admin_page
    shot = Screenshots(page, request.node.name)
    await page.goto("/")
    await expect(
        page.get_by_role("heading", name="Create the administrator account")
    ).to_be_visible()
    await expect(page.get_by_test_id("setup-explained")).to_contain_text("setup-code")
    await shot("setup")
    await page.get_by_test_id("username").fill("alice")
    await page.get_by_test_id("password").fill(STRONG_PASSWORD)
    await page.get_by_test_id("password-confirm").fill(STRONG_PASSWORD)
    await page.get_by_test_id("setup-code").fill("WRNG-CODE-2345")
    await page.get_by_test_id("signup").click()
    await expect(page.get_by_test_id("auth-error")).to_contain_text("setup code")
    await shot("wrong-code")

    # What the server printed as it started (test servers start without their lifespan).
    code = setup_code.ensure(invite_web.app.parts.settings.data_dir)
    await page.get_by_test_id("setup-code").fill(code)
    await page.get_by_test_id("signup").click()
    await expect(page.get_by_test_id("nav-admin")).to_be_visible()

    await page.get_by_test_id("nav-admin").click()
    await page.get_by_test_id("invite-create").click()
    link = await page.get_by_test_id("invite-url").input_value()
    assert "/login?invite=" in link
    await expect(page.get_by_test_id("invite-status")).to_have_text("Waiting")
    await shot("invite-made")

    guest = await new_page(browser, invite_web)
    try:
        await guest.goto("/login")  # without the link: log in only
        await expect(guest.get_by_test_id("invite-only")).to_be_visible()
        await expect(guest.get_by_test_id("signup")).to_have_count(0)
        await guest.goto(link.removeprefix(invite_web.url))
        await expect(
            guest.get_by_role("heading", name="You are invited: create your account")
        ).to_be_visible()
        await guest.get_by_test_id("username").fill("bob")
        await guest.get_by_test_id("password").fill(STRONG_PASSWORD)
        await guest.get_by_test_id("password-confirm").fill(STRONG_PASSWORD)
        await guest.get_by_test_id("signup").click()
        await expect(guest.get_by_test_id("current-username")).to_have_text("bob")
        await expect(guest.get_by_test_id("nav-admin")).to_have_count(0)
    finally:
        await guest.context.close()

    await page.reload()
    await expect(page.get_by_test_id("invite-status")).to_have_text("Used by bob")
    await expect(page.get_by_test_id("user-row")).to_have_count(2)
    await shot("invite-used")
