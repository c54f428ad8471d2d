"""Notices in a real browser: the bell's count, its panel listing them, Mark all read, and a
notice opening the recurring page."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_web_app import accept_confirms, linked_and_synced, sign_up
from tests.notices.test_notices_end_to_end import bills_due_in
from tests.support.plaid_stack import Stack


async def choose_bill_due_days(page: Page, label: str) -> None:
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("notice-bill-due-days").select_option(label=label)
    await page.get_by_test_id("notice-settings-save").click()
    await expect(page.get_by_text("Saved.")).to_be_visible()


async def linked_with_a_bill_due(page: Page, web: Stack, shot: Screenshots) -> None:
    """A bank linked in the page with a bill due within two weeks. Each emulated bank's
    history is random, and about one in a hundred has none due that soon: removed and
    linked again then."""
    me = await (await page.request.get("/api/sessions/me")).json()
    for _ in range(5):
        await linked_and_synced(page, web, shot)
        recurring = await page.request.get(f"/api/users/{me['id']}/recurring")
        if bills_due_in(await recurring.json()):
            return
        accept_confirms(page)
        await page.get_by_test_id("item-menu").click()
        await page.get_by_test_id("item-remove").click()
        await expect(page.get_by_test_id("item-card")).to_have_count(0)
    raise AssertionError("five emulated banks in a row had no bill due within two weeks")


async def test_the_bell_counts_lists_and_clears_notices(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    # Nothing of what is due when the bank is linked, so that what is due later is new.
    await choose_bill_due_days(page, "never")
    await page.get_by_test_id("nav-home").click()
    await linked_with_a_bill_due(page, web, shot)
    bell = page.get_by_test_id("notice-bell")
    await expect(bell).to_have_attribute("aria-label", "Notices: none unread")
    await expect(page.get_by_test_id("notice-count")).to_have_count(0)

    # Two weeks ahead: the bills and subscriptions due by then each become a notice.
    await choose_bill_due_days(page, "14 days ahead")
    await expect(bell).to_have_attribute("aria-label", re.compile(r"^Notices: [1-9]\d* unread$"))
    unread = int(await page.get_by_test_id("notice-count").inner_text())
    await shot("notice-bell-count")

    await bell.click()
    panel = page.get_by_role("region", name="Notices")
    notices = panel.get_by_test_id("notice")
    await expect(notices).to_have_count(unread)
    await expect(notices.first).to_contain_text(re.compile(r"^Unread: Due soon: .+ due "))
    await shot("notice-panel")

    await panel.get_by_role("button", name="Mark all read").click()
    await expect(bell).to_have_attribute("aria-label", "Notices: none unread")
    await expect(page.get_by_test_id("notice-count")).to_have_count(0)
    await expect(panel.get_by_role("button", name="Mark all read")).to_be_disabled()
    await expect(notices.first).not_to_contain_text("Unread:")
    await shot("notice-panel-read")

    # A notice opens the recurring page; read, the count stays clear after a reload.
    await notices.first.click()
    await expect(page).to_have_url(re.compile(r"/recurring$"))
    await expect(page.get_by_test_id("recurring-bills")).to_be_visible()
    await page.reload()
    await expect(bell).to_have_attribute("aria-label", "Notices: none unread")
