"""What a person does in the web app, in a real browser: sign up, link a bank, see it live."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.support.plaid_stack import Stack
from tests.support.users import STRONG_PASSWORD


async def sign_up(page: Page, username: str = "alice") -> None:
    await page.goto("/login")
    await page.get_by_test_id("username").fill(username)
    await page.get_by_test_id("password").fill(STRONG_PASSWORD)
    await page.get_by_test_id("signup").click()
    await expect(page.get_by_test_id("nav-home")).to_be_visible()


async def link_bank(
    page: Page, institution_id: str = "ins_109508", username: str = "user_good"
) -> None:
    await page.get_by_test_id("add-bank").click()
    await page.get_by_test_id(f"link-institution-{institution_id}").click()
    await page.get_by_test_id("link-username").fill(username)
    await page.get_by_test_id("link-password").fill("pass_good")
    await page.get_by_test_id("link-submit").click()


async def test_sign_up_link_a_bank_and_see_accounts_and_net_worth(page: Page, web: Stack) -> None:
    await sign_up(page)
    await link_bank(page)
    card = page.get_by_test_id("item-card")
    await expect(card).to_have_count(1)
    await expect(card).to_contain_text("First Platypus Bank")
    await expect(page.get_by_test_id("account-row").first).to_be_visible()
    web.settle()
    await expect(page.get_by_test_id("net-worth-total")).to_contain_text(re.compile(r"\d"))

    # The same institution again is refused with the seed's message.
    await link_bank(page)
    await expect(
        page.get_by_text("You have already linked an item at this institution.")
    ).to_be_visible()
    await expect(page.get_by_test_id("item-card")).to_have_count(1)


async def test_wrong_password_is_shown_next_to_the_form(page: Page, web: Stack) -> None:
    await sign_up(page)
    await page.get_by_test_id("logout").click()
    await page.get_by_test_id("username").fill("alice")
    await page.get_by_test_id("password").fill("wrong-password-1")
    await page.get_by_test_id("login").click()
    await expect(page.get_by_text("Incorrect username or password.")).to_be_visible()


async def test_search_and_edit_a_transaction(page: Page, web: Stack) -> None:
    await sign_up(page)
    await link_bank(page)
    await expect(page.get_by_test_id("item-card")).to_have_count(1)
    web.settle()
    await page.get_by_test_id("nav-transactions").click()
    await expect(page.get_by_test_id("tx-row").first).to_be_visible()
    await page.get_by_test_id("tx-search").fill("uber")
    await page.get_by_test_id("tx-search").press("Enter")
    rows = page.get_by_test_id("tx-row")
    await expect(rows.first).to_contain_text(re.compile("uber", re.IGNORECASE))
    await rows.first.click()
    await page.get_by_test_id("tx-edit-name").fill("Ride home")
    await page.get_by_test_id("tx-edit-save").click()
    await page.get_by_test_id("tx-search").fill("ride home")
    await page.get_by_test_id("tx-search").press("Enter")
    await expect(page.get_by_test_id("tx-row")).to_have_count(1)
    await expect(page.get_by_test_id("tx-row")).to_contain_text("Ride home")


async def test_new_transactions_appear_live_after_a_webhook(page: Page, web: Stack) -> None:
    await sign_up(page)
    await link_bank(page, username="user_transactions_dynamic")
    await expect(page.get_by_test_id("item-card")).to_have_count(1)
    item_id = await page.get_by_test_id("item-card").first.get_attribute("data-item-id")
    web.settle()
    await page.get_by_test_id("nav-transactions").click()
    total = page.get_by_test_id("tx-total-count")
    await expect(total).to_contain_text(re.compile(r"\d"))
    before = await total.inner_text()
    web.plaid_refresh(web.access_token(int(item_id or 0)))
    await expect(page.get_by_test_id("toast").first).to_be_visible()
    await expect(total).not_to_have_text(before)
