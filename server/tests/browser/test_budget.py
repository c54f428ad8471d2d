"""Budgets in a real browser: set one in under a minute, then watch a webhook's new
transactions update the open page. Screenshots: server/test-artifacts/screenshots/."""

from __future__ import annotations

import asyncio
import re
import time

import pytest
from playwright.async_api import Locator, Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.conftest import BACKENDS
from tests.support.plaid_stack import Stack

MONEY = re.compile(r"\$[\d,]+\.\d\d")


@pytest.mark.parametrize("database_url", BACKENDS, indirect=True)
async def test_set_a_budget_in_a_minute_and_see_it_update_live(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot, username="user_transactions_dynamic")
    item_id = await page.get_by_test_id("item-card").first.get_attribute("data-item-id")
    await expect(page.get_by_text("No budget yet")).to_be_visible()
    await shot("home-no-budget")

    started = time.monotonic()
    await page.get_by_test_id("nav-budget").click()
    await expect(page.get_by_role("heading", name="Budget", exact=True)).to_be_visible()
    await shot("budget-empty")
    # Fill from the last three months' spending, then add a group by hand.
    async with page.expect_response(lambda response: "/fill?" in response.url):
        await page.get_by_test_id("budget-fill-3").click()
    await page.get_by_test_id("budget-add-category").fill("FOOD_AND_DRINK")
    await page.get_by_test_id("budget-add-amount").fill("450")
    await page.get_by_test_id("budget-add").click()
    food = page.get_by_test_id("budget-row-FOOD_AND_DRINK")
    await expect(food.get_by_label("Budget for Food and drink")).to_have_value("450.00")
    await food.get_by_label("Rollover of Food and drink").select_option("carry_surplus")
    await expect(food.get_by_label("Rollover of Food and drink")).to_have_value("carry_surplus")
    left = page.get_by_test_id("budget-left")
    await expect(left).to_have_text(MONEY)
    assert time.monotonic() - started < 60
    await shot("budget-set")

    # A webhook brings new transactions: the open page follows without a reload.
    figures = page.get_by_test_id("budget-spent")
    income = page.get_by_test_id("budget-income")
    before = (await figures.inner_text(), await income.inner_text())
    web.plaid_refresh(web.access_token(int(item_id or 0)))
    await expect(page.get_by_test_id("toast").first).to_be_visible()
    deadline = time.monotonic() + 20
    while await _both(figures, income) == before and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    assert await _both(figures, income) != before
    await shot("budget-live")

    # An income target, shown beside the month's income.
    await page.get_by_test_id("budget-income-target").fill("4000")
    await page.get_by_test_id("budget-settings-save").click()
    await expect(page.get_by_text("target $4,000.00")).to_be_visible()

    # Last month is browsable, and the home page leads with this month's budget.
    await page.get_by_role("button", name="Previous month").click()
    await expect(page.get_by_role("button", name="This month")).to_be_visible()
    await shot("budget-last-month")
    await page.get_by_test_id("nav-home").click()
    await expect(page.get_by_test_id("budget-left")).to_have_text(MONEY)
    await expect(page.get_by_test_id("budget-pace")).to_have_text(
        re.compile(r"On pace|ahead of pace")
    )
    await shot("home-budget")


async def _both(figures: Locator, income: Locator) -> tuple[str, str]:
    return (await figures.inner_text(), await income.inner_text())
