"""A bank's own actions in a real browser: Refresh asks the bank; Add accounts after Plaid
says the bank has new ones."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.support.plaid_stack import Stack


async def test_refresh_asks_the_bank(page: Page, web: Stack, shot: Screenshots) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    await page.get_by_test_id("item-menu").click()
    await page.get_by_role("menuitem", name="Refresh").click()
    await expect(
        page.get_by_test_id("toast").filter(has_text="Asked First Platypus Bank")
    ).to_be_visible()
    await shot("refreshed")


async def test_new_accounts_at_the_bank_are_added_from_its_card(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    rows = page.get_by_test_id("account-row")
    before = await rows.count()
    async with web.emulator() as emulator:
        opened = await emulator.post(
            "/emulator/items/add_account",
            json={
                "item_id": web.run(web.items_in_db())[0].plaid_item_id,
                "name": "Holiday Savings",
            },
        )
        assert opened.status_code == 200, opened.text
    web.settle()
    notice = page.get_by_test_id("item-new-accounts")
    await expect(notice).to_contain_text("has new accounts you can add")
    await shot("new-accounts-offered")

    await notice.get_by_role("button", name="Add accounts").click()
    dialog = page.get_by_role("dialog", name="Add accounts at First Platypus Bank")
    await expect(dialog.get_by_text("Holiday Savings")).to_be_visible()
    await shot("choose-accounts")
    await dialog.get_by_test_id("link-username").fill("user_good")
    await dialog.get_by_test_id("link-password").fill("pass_good")
    await dialog.get_by_test_id("link-submit").click()
    await expect(rows).to_have_count(before + 1)
    await expect(rows.filter(has_text="Holiday Savings")).to_be_visible()
    await expect(notice).to_have_count(0)
    await shot("accounts-added")
