"""A person without a bank keeps their cash by hand: a manual account made and a
transaction added from the keyboard, seen in the list and in net worth.
Screenshots: server/test-artifacts/screenshots/."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_accessibility import axe_violations, report
from tests.browser.test_web_app import sign_up
from tests.support.plaid_stack import Stack


async def test_a_person_keeps_cash_by_hand(page: Page, web: Stack, shot: Screenshots) -> None:
    await page.set_viewport_size({"width": 1280, "height": 800})
    await sign_up(page, web, shot)
    await page.get_by_test_id("nav-accounts").click()

    # The account, by keyboard: the dialog opens on its name; Tab reaches the balance.
    await page.get_by_test_id("add-manual-account").focus()
    await page.keyboard.press("Enter")
    dialog = page.get_by_test_id("manual-account-dialog")
    await expect(dialog.get_by_test_id("manual-account-name")).to_be_focused()
    await page.keyboard.type("Wallet")
    for _ in range(3):
        await page.keyboard.press("Tab")
    await expect(dialog.get_by_test_id("manual-account-balance")).to_be_focused()
    await page.keyboard.press("ControlOrMeta+a")
    await page.keyboard.type("100")
    found = await axe_violations(page, "manual account dialog")
    await shot("manual-account-dialog")
    await page.keyboard.press("Enter")
    await expect(dialog).to_be_hidden()

    group = page.get_by_test_id("account-group-manual")
    card = group.get_by_test_id("account-card")
    await expect(card.get_by_test_id("account-name")).to_have_text("Wallet")
    await expect(card.get_by_test_id("account-bank")).to_have_text("Manual · cash")
    await expect(card.get_by_test_id("account-balance")).to_have_text("$100.00")

    # A transaction, by keyboard too: spent money lowers the balance.
    await card.get_by_test_id("manual-add-transaction").focus()
    await page.keyboard.press("Enter")
    adding = page.get_by_test_id("manual-tx-dialog")
    await expect(adding.get_by_test_id("manual-tx-name")).to_be_focused()
    await page.keyboard.type("Farmers market")
    await page.keyboard.press("Tab")
    await expect(adding.get_by_test_id("manual-tx-amount")).to_be_focused()
    await page.keyboard.type("12.50")
    found += await axe_violations(page, "add transaction dialog")
    await shot("manual-transaction-dialog")
    await page.keyboard.press("Enter")
    await expect(adding).to_be_hidden()
    await expect(card.get_by_test_id("account-balance")).to_have_text("$87.50")
    found += await axe_violations(page, "accounts with a manual one")
    await shot("accounts")

    await page.get_by_test_id("nav-transactions").click()
    row = page.get_by_test_id("tx-row").filter(has_text="Farmers market")
    await expect(row).to_contain_text("Wallet")
    await expect(row).to_contain_text("Manual")
    await expect(row).to_contain_text("$12.50")

    await page.get_by_test_id("nav-home").click()
    await expect(page.get_by_test_id("net-worth-total")).to_contain_text("$87.50")
    await shot("home")
    assert not found, report(found)
