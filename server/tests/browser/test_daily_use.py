"""The transactions list as people use it every day: from the keyboard, page after page.

Each test saves a screenshot of each page it visits (`shot`, see conftest.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from playwright.async_api import Browser, Locator, Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_accessibility import PAGES
from tests.browser.test_web_app import link_bank, linked_and_synced, sign_up
from tests.support.plaid_stack import Stack, emulator_of
from tests.support.users import STRONG_PASSWORD

# The innermost elements reaching past the screen's right edge, to say what to fix.
WIDER_THAN_THE_SCREEN = """[...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth))
  .slice(0, 5)
  .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)"""


async def transactions(page: Page, web: Stack, shot: Screenshots) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    await page.get_by_test_id("nav-transactions").click()
    await expect(page.get_by_test_id("tx-row").first).to_be_visible()


async def test_a_keyboard_user_opens_a_transaction_with_enter_or_space(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await transactions(page, web, shot)
    dialog, row = page.get_by_test_id("tx-edit-dialog"), page.get_by_test_id("tx-row").nth(1)
    for key in ("Enter", " "):
        await row.focus()
        await page.keyboard.press(key)
        await expect(page.get_by_test_id("tx-edit-name")).to_be_focused()
        # It stays open: the key that opened it does not also submit its form.
        await page.wait_for_timeout(300)
        await expect(dialog).to_be_visible()
        await shot("opened-from-the-keyboard")
        await page.keyboard.press("Escape")
        await expect(dialog).to_be_hidden()
        await expect(row).to_be_focused()  # back where the person was


async def tab_to(page: Page, target: Locator, most: int = 60) -> None:
    """Press Tab until `target` has the focus, as a keyboard user reaches it."""
    for _ in range(most):
        if await target.evaluate("(e) => e === document.activeElement"):
            return
        await page.keyboard.press("Tab")
    raise AssertionError(f"{most} presses of Tab never reached {target}")


async def test_the_main_flows_with_the_keyboard_alone(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    await page.get_by_test_id("logout").click()
    await expect(page.get_by_test_id("username")).to_be_focused()

    # Log in: type, Tab, type, Enter.
    await page.keyboard.type("alice")
    await tab_to(page, page.get_by_test_id("password"))
    await page.keyboard.type(STRONG_PASSWORD)
    await page.keyboard.press("Enter")
    await expect(page.get_by_test_id("current-username")).to_have_text("alice")

    # To the transactions by the nav, then edit one and save it with Enter.
    await tab_to(page, page.get_by_test_id("nav-transactions"))
    await page.keyboard.press("Enter")
    row = page.get_by_test_id("tx-row").first
    await expect(row).to_be_visible()
    await tab_to(page, row)
    await page.keyboard.press("Enter")
    name = page.get_by_test_id("tx-edit-name")
    await expect(name).to_be_focused()
    await page.keyboard.press("ControlOrMeta+A")
    await page.keyboard.type("Typed without a mouse")
    await shot("edit-from-the-keyboard")
    await page.keyboard.press("Enter")
    # Saved; the offer of a rule for the merchant has the focus, and Escape says no.
    await expect(page.get_by_test_id("rule-offer").locator("p").first).to_be_focused()
    await page.keyboard.press("Escape")
    await expect(page.get_by_test_id("tx-edit-dialog")).to_be_hidden()
    await expect(row).to_contain_text("Typed without a mouse")
    await expect(row).to_be_focused()

    # Home, the Link dialog opened and closed; the focus goes back to its opener. Past the
    # rows below, each with its box to pick it.
    await tab_to(page, page.get_by_test_id("nav-home"), most=200)
    await page.keyboard.press("Enter")
    add_bank = page.get_by_test_id("add-bank")
    await expect(add_bank).to_be_visible()
    await tab_to(page, add_bank)
    await page.keyboard.press("Enter")
    dialog = page.get_by_test_id("link-dialog")
    await expect(dialog).to_be_visible()
    assert await dialog.evaluate("(d) => d.contains(document.activeElement)")
    await shot("link-dialog-from-the-keyboard")
    await page.keyboard.press("Escape")
    await expect(dialog).to_have_count(0)
    await expect(add_bank).to_be_focused()


async def test_each_page_starts_at_its_top_and_a_page_past_the_end_shows_the_last(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await transactions(page, web, shot)
    total = int(await page.get_by_test_id("tx-total-count").inner_text())
    pages = -(-total // 50)
    assert pages > 1, total
    await page.get_by_test_id("tx-next").scroll_into_view_if_needed()
    assert await page.evaluate("window.scrollY") > 0
    first_row = await page.get_by_test_id("tx-row").first.get_attribute("data-tx-id")
    await page.get_by_test_id("tx-next").click()
    await expect(page.get_by_test_id("tx-page")).to_have_text(f"Page 2 of {pages}")
    await expect(page.get_by_test_id("tx-row").first).not_to_have_attribute(
        "data-tx-id", first_row or ""
    )
    assert await page.evaluate("window.scrollY") == 0
    await shot("second-page")

    await page.goto("/transactions?page=999")
    await expect(page).to_have_url(re.compile(rf"[?&]page={pages - 1}\b"))
    await expect(page.get_by_test_id("tx-page")).to_have_text(f"Page {pages} of {pages}")
    await expect(page.get_by_test_id("tx-row").first).to_be_visible()
    await expect(page.get_by_test_id("tx-empty")).to_have_count(0)
    await shot("last-page")


async def test_a_link_opened_while_logged_out_opens_after_the_log_in(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await page.get_by_test_id("logout").click()
    await expect(page).to_have_url(re.compile(r"/login$"))
    await page.goto("/transactions?q=coffee&month=2026-01")
    await expect(page).to_have_url(re.compile(r"/login$"))
    await page.get_by_test_id("username").fill("alice")
    await page.get_by_test_id("password").fill(STRONG_PASSWORD)
    await page.keyboard.press("Enter")
    await expect(page).to_have_url(re.compile(r"/transactions\?q=coffee&month=2026-01$"))
    await expect(page.get_by_test_id("tx-search")).to_have_value("coffee")
    await shot("deep-link-kept")


async def test_a_very_long_name_wraps_within_a_phone_screen(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await transactions(page, web, shot)
    row = page.get_by_test_id("tx-row").first
    tx_id = await row.get_attribute("data-tx-id")
    long_name = "Z" * 205  # one unbroken word, as some banks' references are
    renamed = await page.request.patch(f"/api/transactions/{tx_id}", data={"name": long_name})
    assert renamed.ok, await renamed.text()
    await page.set_viewport_size({"width": 390, "height": 844})
    await page.reload()
    await expect(page.get_by_test_id("tx-row").first).to_contain_text(long_name)
    # The page does not scroll sideways: the name wraps, the amount stays on screen.
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    amount = await page.get_by_test_id("tx-amount").first.bounding_box()
    assert amount is not None
    assert amount["x"] + amount["width"] <= 390, amount
    await shot("long-name-on-a-phone")


PHONE_TABS = ["home", "budget", "transactions", "trends", "cash-flow", "recurring", "settings"]
PHONE_TABS += ["admin"]  # the first account administers the installation


async def test_every_page_fits_a_small_phone_with_every_tab_in_reach(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await transactions(page, web, shot)
    await page.set_viewport_size({"width": 320, "height": 700})
    # On a phone the tabs are in the bottom bar, those that do not fit under "More".
    bar = page.get_by_role("navigation", name="Main")
    for name in PHONE_TABS:
        tab = page.get_by_test_id(f"bottom-nav-{name}")
        if not await tab.is_visible():
            await page.get_by_test_id("bottom-nav-more").click()
        await tab.click()
        # The page is drawn once its script is in: until then React keeps the last page,
        # and "More" open, so wait for the page itself and "More" closed before measuring
        # (and before asking which tabs are in the bar).
        await expect(page.locator(PAGES[name]).first).to_be_visible()
        await expect(page.locator("#bottom-nav-more")).to_have_count(0)
        await shot(f"phone-{name}")
        width = await page.evaluate("document.documentElement.scrollWidth")
        wide = await page.evaluate(WIDER_THAN_THE_SCREEN)
        assert width <= 320, f"{name} scrolls sideways: {width} px, {wide}"
        for box in [await item.bounding_box() for item in await bar.locator("a, button").all()]:
            assert box is not None
            assert 0 <= box["x"] <= box["x"] + box["width"] <= 320, (name, box)


async def test_a_server_out_of_reach_is_one_banner_that_clears_when_it_is_back(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await transactions(page, web, shot)
    await page.get_by_test_id("nav-home").click()
    await expect(page.get_by_test_id("account-row").first).to_be_visible()
    await page.route("**/api/**", lambda route: route.abort())  # as a stopped server
    await page.get_by_test_id("nav-trends").click()
    banner = page.get_by_test_id("server-unreachable")
    await expect(banner).to_be_visible()
    await expect(banner).to_contain_text("cannot be reached")
    await expect(page.get_by_text("Failed to fetch")).to_have_count(0)
    await expect(page.get_by_role("alert")).to_have_count(1)  # the banner, not one per card
    await shot("server-out-of-reach")

    await page.unroute("**/api/**")
    await expect(banner).to_have_count(0)
    await expect(page.get_by_test_id("merchant-row").first).to_be_visible()
    await shot("server-back")


async def test_a_bank_says_synced_only_once_its_whole_history_is_in(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    # As Plaid: the first 30 days after a moment, the rest of the history seconds later.
    emulator = emulator_of(web)
    emulator.settings = replace(
        emulator.settings, initial_update_seconds=1.5, historical_update_seconds=7
    )
    await sign_up(page, web, shot)
    await link_bank(page)
    state = page.get_by_test_id("item-sync-state")
    await expect(state).to_have_text(
        re.compile(r"^Loading your history: [\d,]+ transactions? so far$"), timeout=6_000
    )
    await shot("history-loading")
    so_far = int(re.sub(r"\D", "", await state.inner_text()))
    assert so_far > 0  # the first 30 days are in and counted
    await expect(state).to_have_text(re.compile(r"^synced "), timeout=20_000)
    await shot("history-complete")


async def test_a_mistake_is_told_in_words_not_in_the_servers_field_names(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await transactions(page, web, shot)
    search = page.get_by_test_id("tx-search")
    await search.fill("OR(coffee")
    await search.press("Enter")
    await expect(page.get_by_role("alert")).to_have_text("OR( is not closed with ')'.")
    await shot("search-mistake")
    # A rule with nothing to match names the form's fields, not the API's.
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("rule-set-category").fill("Travel")
    await page.get_by_test_id("rule-save").click()
    await expect(page.get_by_role("alert")).to_have_text(
        "A rule needs something to match: a name, a merchant, a category, a subcategory, an "
        "amount or an account."
    )
    await shot("rule-mistake")


async def test_tag_and_note_a_transaction_then_find_it_by_its_tag(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await transactions(page, web, shot)
    row = page.get_by_test_id("tx-row").nth(2)
    tx_id = await row.get_attribute("data-tx-id")
    await row.click()
    await page.get_by_test_id("tx-edit-tags").fill("trip-2026, Reimbursable")
    await page.get_by_test_id("tx-edit-note").fill("Dinner with the Lisbon team")
    await shot("tagging")
    await page.get_by_test_id("tx-edit-save").click()
    await expect(page.get_by_test_id("tx-edit-dialog")).to_be_hidden()
    tagged = page.locator(f'[data-tx-id="{tx_id}"]')
    await expect(tagged.get_by_test_id("tx-tag")).to_have_text(["#trip-2026", "#Reimbursable"])
    await expect(tagged.get_by_test_id("tx-note")).to_have_text("Dinner with the Lisbon team")
    # A tag is a link to everything tagged with it.
    await tagged.get_by_test_id("tx-tag").first.click()
    await expect(page.get_by_test_id("tx-search")).to_have_value("tag:trip-2026")
    await expect(page.get_by_test_id("tx-row")).to_have_count(1)
    await expect(page.get_by_test_id("tx-total-count")).to_have_text("1")
    await shot("found-by-tag")
    # And a word of the note finds it too.
    await page.get_by_test_id("tx-search").fill("lisbon")
    await page.get_by_test_id("tx-search").press("Enter")
    await expect(page.get_by_test_id("tx-row")).to_have_count(1)
    await expect(page.get_by_test_id("tx-row")).to_have_attribute("data-tx-id", tx_id or "")


async def test_the_amount_filter_shows_money_in_of_at_least_an_amount(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await transactions(page, web, shot)
    every = await page.get_by_test_id("tx-total-count").inner_text()
    await page.get_by_test_id("tx-filters-toggle").click()
    await page.get_by_test_id("tx-amount-direction").select_option("in")
    await page.get_by_test_id("tx-amount-min").fill("1000")
    await page.get_by_test_id("tx-amount-min").press("Enter")
    await expect(page).to_have_url(re.compile(r"max_amount=-1000"))
    await expect(page.get_by_test_id("tx-total-count")).not_to_have_text(every)
    await expect(page.get_by_text("updating…")).to_have_count(0)
    amounts = page.get_by_test_id("tx-amount")
    await expect(amounts.first).to_have_text(re.compile(r"^\+"))
    await shot("money-in-of-at-least-1000")
    for text in await amounts.all_inner_texts():  # the paychecks, not the interest
        assert text.startswith("+"), text
        assert float(re.sub(r"[^\d.]", "", text)) >= 1000, text


async def test_split_a_purchase_and_find_it_by_a_parts_category(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await transactions(page, web, shot)
    spent = page.get_by_test_id("tx-row").filter(has=page.get_by_text(re.compile(r"^−\$\d")))
    row = spent.first
    tx_id = await row.get_attribute("data-tx-id")
    await row.click()
    await page.get_by_test_id("tx-split-open").click()
    amounts = page.get_by_test_id("tx-split-amount")
    whole = await amounts.first.input_value()
    await amounts.nth(1).fill("0.01")
    await expect(amounts.first).to_have_value(f"{float(whole) - 0.01:.2f}")
    await page.get_by_test_id("tx-split-category").nth(1).fill("GIFTS")
    await page.get_by_test_id("tx-split-note").nth(1).fill("A card for Ana")
    await expect(page.get_by_test_id("tx-split-left")).to_have_text("Every cent assigned.")
    await shot("splitting")
    await page.get_by_test_id("tx-split-save").click()
    await expect(page.get_by_test_id("tx-edit-dialog")).to_be_hidden()
    split = page.locator(f'[data-tx-id="{tx_id}"]')
    await expect(split.get_by_test_id("tx-split-badge")).to_have_text("Split in 2")
    await expect(split.get_by_test_id("tx-part").nth(1)).to_contain_text("−$0.01")
    await page.get_by_test_id("tx-search").fill("category:gifts")
    await page.get_by_test_id("tx-search").press("Enter")
    await expect(page.get_by_test_id("tx-row")).to_have_count(1)
    await expect(page.get_by_test_id("tx-row")).to_have_attribute("data-tx-id", tx_id or "")
    await shot("found-by-a-parts-category")
    # Undone, it is one transaction again, in its own category.
    await page.get_by_test_id("tx-row").click()
    await page.get_by_test_id("tx-split-open").click()
    await page.get_by_test_id("tx-unsplit").click()
    await expect(page.get_by_test_id("tx-row")).to_have_count(0)


async def test_pick_rows_with_a_shift_click_or_every_match_and_edit_them_at_once(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await transactions(page, web, shot)
    rows = page.get_by_test_id("tx-row")
    await rows.nth(0).get_by_test_id("tx-pick").click()
    await rows.nth(2).get_by_test_id("tx-pick").click(modifiers=["Shift"])
    await expect(page.get_by_test_id("tx-bulk-count")).to_have_text("3 picked")
    await expect(page.get_by_test_id("tx-edit-dialog")).to_be_hidden()
    picked = [await rows.nth(n).get_attribute("data-tx-id") for n in range(3)]
    await page.get_by_test_id("tx-bulk-category").fill("Reimbursable")
    await shot("three-picked")
    await page.get_by_test_id("tx-bulk-set-category").click()
    await expect(page.get_by_test_id("tx-bulk-bar")).to_be_hidden()
    for tx_id in picked:
        await expect(page.locator(f'[data-tx-id="{tx_id}"]')).to_contain_text("Reimbursable")

    # Every match of a search, past this page: tagged by the filters, not by ids.
    await page.goto("/transactions?pending=false&size=25")
    matching = await page.get_by_test_id("tx-total-count").inner_text()
    assert int(matching) > 25
    await page.get_by_test_id("tx-pick-page").check()
    await page.get_by_test_id("tx-bulk-all").click()
    await expect(page.get_by_test_id("tx-bulk-count")).to_have_text(f"All {matching} matching")
    await page.get_by_test_id("tx-bulk-tags").fill("posted")
    await page.get_by_test_id("tx-bulk-add-tags").click()
    await expect(page.get_by_test_id("tx-bulk-bar")).to_be_hidden()
    await page.get_by_test_id("tx-search").fill("tag:posted")
    await page.get_by_test_id("tx-search").press("Enter")
    await expect(page.get_by_test_id("tx-total-count")).to_have_text(matching)
    await shot("every-match-tagged")


async def test_at_least_twelve_rows_fit_above_the_fold_grouped_by_day(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await page.set_viewport_size({"width": 1280, "height": 800})
    await transactions(page, web, shot)
    await page.evaluate("window.scrollTo(0, 0)")
    bottoms = await page.get_by_test_id("tx-row").evaluate_all(
        "(rows) => rows.map((row) => row.getBoundingClientRect().bottom)"
    )
    above = sum(1 for bottom in bottoms if bottom <= 800)
    await shot("above-the-fold")
    assert above >= 12, f"{above} rows above the fold at 1280x800"
    # By day: a day's date is shown on its first row only (and said on every row).
    dates = await page.get_by_test_id("tx-date").evaluate_all(
        "(cells) => cells.map((c) => [c.textContent, c.querySelector('.visually-hidden') !== null])"
    )
    shown = [text for text, hidden in dates if not hidden]
    assert len(shown) == len(set(shown)) < len(dates)


# 1.6 Mbps down, 768 kbps up, 150 ms a round trip: the app's script takes a good half second.
SLOW_NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 200_000,
    "uploadThroughput": 96_000,
}
# Resource timing of the page's own requests, in ms from the start of its navigation.
REQUESTS = """() => performance.getEntriesByType('resource').map((e) => ({
  path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }))"""


async def test_a_slow_phone_asks_for_the_rows_before_the_apps_script_is_in(
    page: Page, web: Stack, shot: Screenshots, browser: Browser
) -> None:
    """The early start (client/src/early.ts): on a slow network the transactions page's rows
    and script are asked for while the app's own script is still arriving, and only once."""
    await transactions(page, web, shot)
    # The person's browser (their cookie, who they are) without the app's files: no cache and
    # no service worker yet, as on a phone opening the app anew.
    state = await page.context.storage_state()
    context = await browser.new_context(base_url=web.url, storage_state=state)
    try:
        phone = await context.new_page()
        cdp = await context.new_cdp_session(phone)
        await cdp.send("Network.enable")
        await cdp.send("Network.emulateNetworkConditions", SLOW_NETWORK)
        await phone.goto("/transactions?size=25")
        await expect(phone.get_by_test_id("tx-row").first).to_be_visible()
        requests = await phone.evaluate(REQUESTS)
    finally:
        await context.close()
    app_script = next(r for r in requests if re.fullmatch(r"/assets/index-[\w-]+\.js", r["path"]))
    rows = [r for r in requests if re.fullmatch(r"/api/users/\d+/transactions", r["path"])]
    page_script = next(r for r in requests if r["path"].startswith("/assets/TransactionsPage-"))
    assert len(rows) == 1, rows  # the app took the early request over
    assert rows[0]["start"] < app_script["end"], (rows, app_script)
    assert page_script["start"] < app_script["end"], (page_script, app_script)
