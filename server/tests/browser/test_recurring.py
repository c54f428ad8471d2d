"""The recurring page in a real browser: a linked bank's subscriptions, bills and pay, the
30-day calendar, and a stream said not recurring."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.support.plaid_stack import Stack


async def test_a_linked_banks_recurring_payments(page: Page, web: Stack, shot: Screenshots) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    # Home leads with what is due soon.
    await expect(page.get_by_test_id("upcoming-payments")).to_be_visible()
    await shot("home-coming-up")

    await page.get_by_test_id("nav-recurring").click()
    subscriptions = page.get_by_test_id("recurring-subscriptions")
    # Netflix on the card and on checking: two subscriptions.
    await expect(subscriptions.locator("tr[data-stream='Netflix']")).to_have_count(2)
    # The emulator's bank has Plaid's Recurring Transactions: the streams are the bank's.
    await expect(subscriptions.locator("tr[data-stream='Netflix']").first).to_contain_text(
        "from your bank"
    )
    await expect(page.get_by_test_id("recurring-bills")).to_contain_text("Comcast")
    # Pay every other week or twice a month, as the bank's history has it.
    await expect(page.get_by_test_id("recurring-income")).to_contain_text("Gusto")
    await expect(page.get_by_test_id("due-calendar").locator(".due-payment").first).to_be_visible()
    monthly = page.get_by_test_id("subscriptions-monthly")
    before = await monthly.inner_text()
    await shot("recurring")

    # One of the two is a shared plan paid back by a friend: not recurring for this person.
    await subscriptions.get_by_role("button", name="Netflix is not recurring").first.click()
    await expect(subscriptions.locator("tr[data-stream='Netflix']")).to_have_count(1)
    await expect(monthly).not_to_have_text(before)
    other = page.get_by_test_id("recurring-other")
    await expect(other.locator("tr[data-stream='Netflix']")).to_contain_text("Not recurring")
    await shot("netflix-not-recurring")

    # It sticks: after a reload, still there.
    await page.reload()
    await expect(other.locator("tr[data-stream='Netflix']")).to_contain_text("Not recurring")

    # The forecast: warned below a threshold no balance reaches, the home page says so.
    await expect(page.get_by_test_id("forecast-account").first).to_be_visible()
    await page.get_by_label("Warn below").fill("1000000")
    await page.get_by_role("button", name="Save", exact=True).click()
    below = page.locator("[data-testid=forecast-account][data-below=true]")
    await expect(below.first).to_be_visible()
    await shot("forecast")
    await page.get_by_test_id("nav-home").click()
    await expect(page.get_by_test_id("forecast-warning")).to_contain_text("may fall to")
    await shot("home-forecast-warning")
