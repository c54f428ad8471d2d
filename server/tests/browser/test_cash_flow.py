"""The cash flow page in a real browser: a linked bank's months, a month's flow, and a
figure that opens exactly the transactions behind it."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlparse

from playwright.async_api import Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.support.plaid_stack import Stack


async def api(page: Page, path: str) -> Any:
    response = await page.request.get(f"/api{path}")
    assert response.ok, await response.text()
    return await response.json()


async def test_a_figure_opens_the_transactions_behind_it(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    user_id = (await api(page, "/sessions/me"))["id"]
    months = (await api(page, f"/users/{user_id}/cash-flow"))["months"]
    # The latest month with both income and spending (the emulator's history covers months).
    month = next(m for m in reversed(months) if m["income"] != "0.00" and m["spending"] != "0.00")
    flow = await api(page, f"/users/{user_id}/cash-flow/{month['month']}")

    await page.get_by_test_id("nav-cash-flow").click()
    await expect(page.get_by_test_id("cash-flow-bars")).to_be_visible()
    await page.get_by_test_id("cash-flow-month").select_option(month["month"])
    await expect(page).to_have_url(re.compile(rf"month={month['month']}"))
    await expect(page.get_by_test_id("cash-flow-sankey").locator("svg").first).to_be_visible()
    await expect(page.get_by_test_id("flow-node-0")).to_be_visible()
    await shot("cash-flow")

    # The month's spending, clicked: the transactions page lists the rows it sums.
    spending_rows = sum(node["count"] for node in flow["nodes"] if node["kind"] == "group")
    await page.get_by_test_id("cash-flow-spending").click()
    await expect(page).to_have_url(re.compile(r"/transactions\?.*flow=spending"))
    await expect(page.get_by_test_id("tx-flow-filter")).to_contain_text("Spending")
    await expect(page.get_by_test_id("tx-total-count")).to_have_text(str(spending_rows))
    await expect(page.get_by_test_id("tx-row").first).to_be_visible()
    await shot("spending-transactions")

    # A box of the chart: the largest spending group.
    await page.go_back()
    index, group = next((i, n) for i, n in enumerate(flow["nodes"]) if n["kind"] == "group")
    await page.get_by_test_id(f"flow-node-{index}").click()
    await expect(page).to_have_url(re.compile(r"/transactions\?"))
    query = parse_qs(urlparse(page.url).query)
    assert query["flow"] == ["spending"]
    assert query["start_date"] == [flow["start_date"]]
    await expect(page.get_by_test_id("tx-total-count")).to_have_text(str(group["count"]))
    amounts = await page.get_by_test_id("tx-amount").all_inner_texts()
    assert amounts, "no rows listed"
    assert all(text.startswith("−") for text in amounts), amounts  # all money out
    if group["count"] <= 50:  # one page: the rows add up to the box's amount
        listed = sum(Decimal(re.sub(r"[^\d.]", "", text)) for text in amounts)
        assert listed == Decimal(group["amount"])
    await shot("group-transactions")
