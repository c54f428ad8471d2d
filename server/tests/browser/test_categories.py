"""The Categories page, by keyboard: Plaid's categories listed, one renamed and coloured
(the new name shows in the transactions list), one merged into another (gone from the
list, its transactions in the other); axe-clean in both schemes, and usable at phone size.
Screenshots: server/test-artifacts/screenshots/."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_accessibility import axe_violations, report
from tests.browser.test_phone import SIDEWAYS, too_small
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.support.plaid_stack import Stack

GROCERIES = "FOOD_AND_DRINK_GROCERIES"
FAST_FOOD = "FOOD_AND_DRINK_FAST_FOOD"
RESTAURANT = "FOOD_AND_DRINK_RESTAURANT"


async def test_a_person_renames_colours_and_merges_categories(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await page.set_viewport_size({"width": 1280, "height": 800})
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    await page.get_by_test_id("nav-categories").click()
    await expect(page).to_have_title(re.compile("^Categories"))
    food = page.get_by_test_id("group-FOOD_AND_DRINK")
    await expect(food.get_by_test_id(f"category-{GROCERIES}")).to_contain_text("Groceries")
    found = []
    for scheme in ("light", "dark"):
        await page.emulate_media(color_scheme=scheme)
        found += await axe_violations(page, f"{scheme} categories")
    await page.emulate_media(color_scheme="light")
    assert not found, report(found)
    await shot("listed")

    # Rename and colour Groceries, by keyboard: the dialog opens on its name.
    await food.get_by_test_id(f"category-edit-{GROCERIES}").focus()
    await page.keyboard.press("Enter")
    name = page.get_by_test_id("category-edit-name")
    await expect(name).to_be_focused()
    await name.fill("Supermarket")
    await page.get_by_test_id("category-edit-color").select_option(label="Green")
    await name.press("Enter")
    await expect(page.get_by_test_id("category-dialog")).to_be_hidden()
    await expect(food.get_by_test_id(f"category-{GROCERIES}")).to_contain_text("Supermarket")
    found = await axe_violations(page, "categories with a dialog closed")
    assert not found, report(found)

    # Merge Fast food into Restaurant: it leaves the list.
    await food.get_by_test_id(f"category-edit-{FAST_FOOD}").click()
    dialog = page.get_by_test_id("category-dialog")
    found = await axe_violations(page, "the category dialog")
    assert not found, report(found)
    await dialog.get_by_test_id("category-merge-into").select_option(RESTAURANT)
    await shot("merging")
    await dialog.get_by_test_id("category-merge").click()
    await expect(page.get_by_text(re.compile("^Merged into “Restaurant”"))).to_be_visible()
    await expect(food.get_by_test_id(f"category-{FAST_FOOD}")).to_have_count(0)

    # The transactions list names Groceries by its new name, with its colour beside it.
    await page.goto(f"/transactions?subcategory={GROCERIES}")
    first = page.get_by_test_id("tx-row").first.get_by_test_id("tx-category")
    await expect(first).to_contain_text("Supermarket")
    await expect(first.locator(".category-swatch")).to_have_count(1)
    # Nothing is left in the category merged away.
    await page.goto(f"/transactions?subcategory={FAST_FOOD}")
    await expect(page.get_by_test_id("tx-row")).to_have_count(0)

    # At phone size: nothing scrolls sideways, every control is big enough, axe is clean.
    await page.set_viewport_size({"width": 390, "height": 844})
    await page.goto("/categories")
    await expect(food.get_by_test_id(f"category-{GROCERIES}")).to_be_visible()
    assert await page.evaluate(SIDEWAYS) <= 0
    assert await too_small(page, "phone categories") == []
    found = await axe_violations(page, "phone categories")
    assert not found, report(found)
    await shot("phone")
