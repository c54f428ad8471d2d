"""The accounts page: every account by type, renamed, hidden and left out of net worth by
the person, and net worth's history worked back from the day the bank is linked.
Screenshots at desktop and phone size: server/test-artifacts/screenshots/."""

from __future__ import annotations

import re

from playwright.async_api import Locator, Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_accessibility import axe_violations, report
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.support.plaid_stack import Stack


async def net_worth_shown(page: Page) -> str:
    await page.get_by_test_id("nav-home").click()
    total = page.get_by_test_id("net-worth-total")
    await expect(total).to_contain_text("$")
    return await total.text_content() or ""


async def home_net_worth(page: Page) -> Locator:
    """The home page's net worth (its figure may be refetched as the page opens)."""
    await page.get_by_test_id("nav-home").click()
    return page.get_by_test_id("net-worth-total")


async def test_a_person_renames_hides_and_excludes_an_account(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await page.set_viewport_size({"width": 1280, "height": 800})
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    before = await net_worth_shown(page)

    await page.get_by_test_id("nav-accounts").click()
    await expect(page).to_have_title(re.compile("^Accounts"))
    cash = page.get_by_test_id("account-group-cash")
    credit = page.get_by_test_id("account-group-credit")
    await expect(cash.get_by_test_id("account-card").first).to_be_visible()
    # Each account names its bank; a credit card's balance is explained, never a bare minus.
    await expect(cash.get_by_test_id("account-bank").first).not_to_have_text("Bank")
    card_balance = credit.get_by_test_id("account-balance").first
    # Owed, or overpaid (the emulator's card may have had more paid in than spent).
    await expect(card_balance).to_contain_text(
        re.compile(r"^(Owed \$[\d,.]+ of \$[\d,.]+ limit|\$[\d,.]+ in your favour \(overpaid\))")
    )
    await expect(card_balance).not_to_contain_text("-")
    # Net worth's history reaches back months on the day the bank was linked.
    chart = page.get_by_test_id("net-worth-by-type")
    await expect(chart).to_be_visible()
    assert int(await chart.get_attribute("data-days") or 0) > 60
    label = await chart.locator("svg[role=img]").first.get_attribute("aria-label") or ""
    assert "Chart of net worth by type from" in label, label
    # Each account's balance chart reaches back too, told in words for screen readers.
    balance_chart = cash.get_by_test_id("balance-chart").first.locator("svg[role=img]")
    await expect(balance_chart).to_have_attribute("aria-label", re.compile("^Line chart of"))
    await shot("desktop")
    found = []
    for scheme in ("light", "dark"):
        await page.emulate_media(color_scheme=scheme)
        found += await axe_violations(page, f"{scheme} accounts")
    await page.emulate_media(color_scheme="light")
    assert not found, report(found)

    # Rename the first cash account: the new name shows, the bank's beside it.
    account = cash.get_by_test_id("account-card").first
    plaid_name = (await account.get_by_test_id("account-name").inner_text()).split("••")[0].strip()
    await account.get_by_test_id("account-rename").click()
    await account.get_by_test_id("account-rename-input").fill("Bills")
    await account.get_by_test_id("account-rename-save").click()
    await expect(account.get_by_test_id("account-name")).to_contain_text("Bills")
    await expect(account.get_by_test_id("account-bank")).to_contain_text(plaid_name)

    # Out of net worth: the home page's total changes, and back in it returns.
    # (The box follows the server's answer: a click, then the box clears.)
    await account.get_by_test_id("account-in-net-worth").click()
    await expect(account).to_contain_text("Not in net worth")
    await expect(account.get_by_test_id("account-in-net-worth")).not_to_be_checked()
    await expect(await home_net_worth(page)).not_to_have_text(before)
    await page.get_by_test_id("nav-accounts").click()
    await cash.get_by_test_id("account-card").first.get_by_test_id("account-in-net-worth").click()
    await expect(cash.get_by_test_id("account-card").first).not_to_contain_text("Not in net worth")
    await expect(await home_net_worth(page)).to_have_text(before)

    # Hidden: still on the accounts page, marked; gone from the transactions' picker.
    await page.get_by_test_id("nav-accounts").click()
    hidden_card = credit.get_by_test_id("account-card").first
    card_id = await hidden_card.get_attribute("data-account-id")
    await hidden_card.get_by_test_id("account-hide").click()
    await expect(hidden_card).to_contain_text("Hidden")
    await page.get_by_test_id("nav-transactions").click()
    picker = page.get_by_test_id("tx-account")
    await expect(picker.locator("option").nth(1)).to_be_attached()
    await expect(picker.locator(f"option[value='{card_id}']")).to_have_count(0)

    # Its transactions, from its card: the list filtered by the account.
    await page.get_by_test_id("nav-accounts").click()
    await cash.get_by_test_id("account-card").first.get_by_test_id("account-transactions").click()
    await expect(page).to_have_url(re.compile(r"/transactions\?account=\d+$"))
    await expect(page.get_by_test_id("tx-row").first).to_be_visible()

    await page.get_by_test_id("nav-accounts").click()
    await page.set_viewport_size({"width": 390, "height": 844})
    await expect(cash.get_by_test_id("account-card").first).to_be_visible()
    # The charts take the new width a frame or two after the window does.
    width = "document.documentElement.scrollWidth"
    for _ in range(50):
        if await page.evaluate(width) <= 390:
            break
        await page.wait_for_timeout(100)
    assert await page.evaluate(width) <= 390
    await shot("phone")
