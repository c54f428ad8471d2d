"""Rules from edits ("always do this for <merchant>") and rules put in order by dragging.

Each test saves a screenshot of each page it visits (`shot`, see conftest.py).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from playwright.async_api import Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_accessibility import axe_violations, report
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.support.plaid_stack import Stack


async def everything(page: Page, user_id: int) -> list[dict[str, Any]]:
    response = await page.request.get(f"/api/users/{user_id}/transactions", params={"limit": 1000})
    assert response.ok, await response.text()
    rows: list[dict[str, Any]] = await response.json()
    return rows


async def test_always_do_this_for_a_merchant_after_an_edit(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    user_id = (await (await page.request.get("/api/sessions/me")).json())["id"]
    rows = await everything(page, user_id)
    merchants = Counter(r["merchant_name"] for r in rows if r["merchant_name"])
    merchant, count = merchants.most_common(1)[0]
    assert count >= 3, merchants
    newest = next(r for r in rows if r["merchant_name"] == merchant)

    await page.goto(f"/transactions?q={merchant.split()[0]}")
    await page.locator(f'[data-testid="tx-row"][data-tx-id="{newest["id"]}"]').click()
    category = page.get_by_test_id("tx-edit-category")
    await category.fill("Caffeine")
    await page.get_by_test_id("tx-edit-save").click()

    # The offer: for the merchant, with how many other rows would change, nothing changed yet.
    await expect(page.get_by_test_id("rule-offer-merchant")).to_have_text(merchant)
    await expect(page.get_by_test_id("rule-offer-count")).to_have_text(
        f"This will also change {count - 1} other transactions."
    )
    await shot("offer")
    found = await axe_violations(page, "rule offer")
    assert not found, report(found)
    still = [r for r in await everything(page, user_id) if r["merchant_name"] == merchant]
    assert sum(r["category"] == "Caffeine" for r in still) == 1

    await page.get_by_test_id("rule-offer-create").click()
    await expect(page.get_by_test_id("tx-edit-dialog")).to_be_hidden()
    await expect(page.get_by_test_id("toast").first).to_contain_text(
        f"Rule created; {count - 1} transactions changed."
    )
    after = [r for r in await everything(page, user_id) if r["merchant_name"] == merchant]
    assert [r["category"] for r in after] == ["Caffeine"] * count
    await page.goto("/transactions?q=category:caffeine")
    await expect(page.get_by_test_id("tx-total-count")).to_have_text(str(count))
    await shot("changed")

    # The rule is listed, with how many transactions it matches.
    await page.get_by_test_id("nav-settings").click()
    rule = page.get_by_test_id("rule-row")
    await expect(rule).to_contain_text(f"merchant is “{merchant}”")
    await expect(rule.get_by_test_id("rule-match-count")).to_contain_text(
        f"matches {count} transactions"
    )


async def rule_ids(page: Page, user_id: int) -> list[int]:
    return [r["id"] for r in await (await page.request.get(f"/api/users/{user_id}/rules")).json()]


async def saved_order(page: Page, user_id: int, wanted: list[int]) -> list[int]:
    """The order the server keeps, once it is `wanted` (or after a few seconds)."""
    for _ in range(50):
        ids = await rule_ids(page, user_id)
        if ids == wanted:
            break
        await page.wait_for_timeout(100)
    return ids


async def test_rules_reordered_by_keyboard_and_by_dragging_stay_in_order(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    user_id = (await (await page.request.get("/api/sessions/me")).json())["id"]
    for word in ("alpha", "bravo", "charlie"):
        created = await page.request.post(
            f"/api/users/{user_id}/rules", data={"match_name": word, "set_category": word}
        )
        assert created.status == 201
    first, second, third = await rule_ids(page, user_id)
    await page.get_by_test_id("nav-settings").click()
    rows = page.get_by_test_id("rule-row")
    await expect(rows).to_have_count(3)
    found = await axe_violations(page, "rules")
    assert not found, report(found)

    # The keyboard: focus the third rule's handle, pick it up, two places up, drop it.
    await rows.nth(2).get_by_test_id("rule-drag").focus()
    for key in ("Space", "ArrowUp", "ArrowUp", "Space"):
        await page.keyboard.press(key)
        await page.wait_for_timeout(250)  # as a person presses: each move is animated
    await expect(rows.first).to_contain_text("charlie")
    assert await saved_order(page, user_id, [third, first, second]) == [third, first, second]
    await shot("reordered-by-keyboard")

    # A pointer: drag the first rule below the last.
    handle = rows.first.get_by_test_id("rule-drag")
    target = rows.nth(2)
    start = await handle.bounding_box()
    end = await target.bounding_box()
    assert start
    assert end
    await page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    await page.mouse.down()
    await page.mouse.move(end["x"] + 20, end["y"] + end["height"] * 0.75, steps=12)
    await page.mouse.up()
    assert await saved_order(page, user_id, [first, second, third]) == [first, second, third]

    await page.reload()
    await expect(rows.first).to_contain_text("alpha")
    await expect(rows.nth(2)).to_contain_text("charlie")
    await shot("reordered-by-dragging")
