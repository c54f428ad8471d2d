"""Households in the web app: alice shares one account, view only, with bob; bob switches to
her money and sees exactly that account, with nothing to edit; she ends the share and bob's
open page goes back to his own money by itself."""

from __future__ import annotations

import re

import httpx
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_accessibility import SCHEMES, axe_violations, report
from tests.browser.test_disable_and_audit import log_in
from tests.browser.test_phone import SIDEWAYS
from tests.browser.test_web_app import accept_confirms, linked_and_synced, sign_up
from tests.support.plaid_stack import Stack
from tests.support.users import STRONG_PASSWORD


async def listed_ids(page: Page) -> list[str]:
    """The transactions listed on the page, by id, in order."""
    await expect(page.get_by_test_id("tx-row").first).to_be_visible()
    return [
        await row.get_attribute("data-tx-id") or ""
        for row in await page.get_by_test_id("tx-row").all()
    ]


async def share_one_account_with_bob(page: Page) -> tuple[str, str]:
    """In Settings → Household; the account's id and name."""
    await page.get_by_test_id("nav-settings").click()
    form = page.get_by_test_id("share-new-form")
    await form.get_by_label("Their username on this server").fill("bob")
    choice = form.get_by_test_id("share-account").first
    account_id = await choice.get_attribute("data-account-id") or ""
    name = await choice.locator("xpath=..").inner_text()
    await choice.check()
    await expect(form.get_by_label("View only")).to_be_checked()
    await form.get_by_role("button", name="Share", exact=True).click()
    row = page.get_by_test_id("share-row")
    await expect(row).to_contain_text("bob")
    await expect(row).to_contain_text("view only · 1 account")
    return account_id, name.split("••")[0].strip()


async def test_a_shared_account_view_only_then_the_share_ends(
    page: Page, browser: Browser, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    async with httpx.AsyncClient(base_url=web.url) as http:
        made = await http.post("/api/users", json={"username": "bob", "password": STRONG_PASSWORD})
        assert made.status_code == 201, made.text
    alice = await (await page.request.get("/api/sessions/me")).json()

    context = await browser.new_context(base_url=web.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    try:
        bobs = await context.new_page()
        await bobs.goto("/transactions")
        await log_in(bobs, "bob", STRONG_PASSWORD)
        await expect(bobs.get_by_test_id("tx-empty")).to_be_visible()
        await expect(bobs.get_by_test_id("money-switcher")).to_have_count(0)

        account_id, account_name = await share_one_account_with_bob(page)
        await shot("alice-shared")
        found = []
        for scheme in SCHEMES:
            await page.emulate_media(color_scheme=scheme)
            found += await axe_violations(page, f"{scheme} settings with a share")
        await page.get_by_role("button", name="Change sharing with bob").click()
        changing = page.get_by_test_id("share-change-dialog")
        await expect(changing.get_by_test_id("share-account").first).to_be_visible()
        found += await axe_violations(page, "dark change dialog")
        await page.keyboard.press("Escape")
        await expect(changing).to_have_count(0)
        assert not found, report(found)
        await page.goto(f"/transactions?account={account_id}")
        expected = await listed_ids(page)
        total = await page.get_by_test_id("tx-total-count").inner_text()

        # Bob's open page learns of the share by itself, and offers alice's money.
        switcher = bobs.get_by_test_id("money-switcher")
        await switcher.select_option(label="alice’s money")
        await expect(bobs).to_have_url(re.compile(rf"/shared/{alice['id']}/transactions$"))
        banner = bobs.get_by_test_id("shared-banner")
        await expect(banner).to_contain_text("alice’s money: 1 account shared with you, view only")
        assert await listed_ids(bobs) == expected
        await expect(bobs.get_by_test_id("tx-total-count")).to_have_text(total)
        for cell in await bobs.get_by_test_id("tx-row").locator("td.hide-narrow .one-line").all():
            if await cell.get_attribute("data-testid") != "tx-category":
                await expect(cell).to_contain_text(account_name)
        nav = bobs.get_by_role("navigation", name="Main").first
        await expect(nav.get_by_role("link")).to_have_text(
            ["Home", "Transactions", "Accounts", "Trends"]
        )

        # Nothing to edit: no picking, and the dialog shows the transaction without a Save.
        await expect(bobs.get_by_test_id("tx-pick")).to_have_count(0)
        await bobs.get_by_test_id("tx-row").first.get_by_test_id("tx-date").click()
        dialog = bobs.get_by_test_id("tx-edit-dialog")
        await expect(dialog.get_by_test_id("tx-view-only")).to_be_visible()
        await expect(dialog.get_by_test_id("tx-edit-name")).to_be_disabled()
        await expect(dialog.get_by_test_id("tx-edit-save")).to_have_count(0)
        await expect(dialog.get_by_test_id("tx-split-open")).to_have_count(0)
        await Screenshots(bobs, "bob-shared-view-only")("dialog")
        found = []
        for scheme in SCHEMES:
            await bobs.emulate_media(color_scheme=scheme)
            found += await axe_violations(bobs, f"{scheme} shared dialog")
        await bobs.keyboard.press("Escape")
        for scheme in SCHEMES:
            await bobs.emulate_media(color_scheme=scheme)
            found += await axe_violations(bobs, f"{scheme} shared transactions")
        await nav.get_by_role("link", name="Accounts").click()
        cards = bobs.get_by_test_id("account-card")
        await expect(cards).to_have_count(1)
        await expect(cards).to_have_attribute("data-account-id", account_id)
        await expect(bobs.get_by_test_id("add-manual-account")).to_have_count(0)
        await expect(cards.get_by_test_id("account-rename")).to_have_count(0)
        found += await axe_violations(bobs, "shared accounts")
        await nav.get_by_role("link", name="Home").click()
        await expect(bobs.get_by_test_id("net-worth-total")).to_contain_text(re.compile(r"\d"))
        await expect(bobs.get_by_test_id("add-bank")).to_have_count(0)
        found += await axe_violations(bobs, "shared home")
        await nav.get_by_role("link", name="Accounts").click()
        await expect(cards).to_have_count(1)
        assert not found, report(found)
        # On a phone (test_phone's) the switcher and the banner fit: nothing scrolls sideways.
        await bobs.set_viewport_size({"width": 390, "height": 844})
        await expect(bobs.get_by_test_id("money-switcher")).to_be_visible()
        # (Once the charts have followed the new width: they measure it after a frame.)
        await bobs.wait_for_function(f"() => ({SIDEWAYS})() <= 0")
        await Screenshots(bobs, "bob-shared-phone")("accounts")
        await bobs.set_viewport_size({"width": 1280, "height": 900})
        await nav.get_by_role("link", name="Transactions").click()
        await expect(bobs.get_by_test_id("tx-row").first).to_be_visible()

        # Alice ends the share: bob's page goes back to his own money by itself.
        accept_confirms(page)
        await page.get_by_test_id("nav-settings").click()
        await page.get_by_role("button", name="End sharing with bob").click()
        await expect(page.get_by_text("You share nothing yet.")).to_be_visible()
        await expect(bobs).to_have_url(re.compile(r"/transactions$"))
        await expect(bobs.get_by_test_id("shared-banner")).to_have_count(0)
        await expect(bobs.get_by_test_id("tx-empty")).to_be_visible()
        await expect(bobs.get_by_test_id("money-switcher")).to_have_count(0)
        await Screenshots(bobs, "bob-share-ended")("own-money")
        # And a link to her money no longer shows it.
        await bobs.goto(f"/shared/{alice['id']}/transactions")
        await expect(bobs).to_have_url(re.compile(r"/transactions$"))
        await expect(bobs.get_by_test_id("tx-empty")).to_be_visible()
    finally:
        await context.close()


async def test_an_invite_link_opened_logged_out_shares_to_edit_after_log_in(
    page: Page, browser: Browser, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    async with httpx.AsyncClient(base_url=web.url) as http:
        made = await http.post("/api/users", json={"username": "bob", "password": STRONG_PASSWORD})
        assert made.status_code == 201, made.text
    alice = await (await page.request.get("/api/sessions/me")).json()

    await page.get_by_test_id("nav-settings").click()
    form = page.get_by_test_id("share-new-form")
    await form.get_by_label("Make an invite link instead").check()
    await form.get_by_label("View and edit").check()
    await form.get_by_label("Select all").check()
    await form.get_by_label("Share my budget too").check()
    await form.get_by_role("button", name="Make the invite link").click()
    link = await page.get_by_test_id("share-invite-url").input_value()
    assert re.fullmatch(rf"{re.escape(web.url)}/household/join\?token=[^&]+", link), link
    await expect(page.get_by_test_id("share-target")).to_contain_text("Invite link, not yet taken")
    await shot("invite-made")

    context = await browser.new_context(base_url=web.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    try:
        bobs = await context.new_page()
        await bobs.goto(link.removeprefix(web.url))
        await expect(bobs).to_have_url(re.compile(r"/login$"))
        await log_in(bobs, "bob", STRONG_PASSWORD)
        # Back to the link after logging in: the share taken, and her money shown.
        await expect(bobs).to_have_url(re.compile(rf"/shared/{alice['id']}$"))
        await expect(bobs.get_by_test_id("shared-role")).to_have_text("you can edit")
        await (
            bobs.get_by_role("navigation", name="Main")
            .first.get_by_role("link", name="Transactions")
            .click()
        )
        await expect(bobs.get_by_test_id("tx-pick").first).to_be_visible()
        await expect(page.get_by_test_id("share-target")).to_have_text("bob")

        # An edit saved, and the rule it offers made for the shared accounts alone.
        await bobs.get_by_test_id("tx-row").first.get_by_test_id("tx-date").click()
        dialog = bobs.get_by_test_id("tx-edit-dialog")
        await dialog.get_by_test_id("tx-edit-name").fill("Household shopping")
        await dialog.get_by_test_id("tx-edit-save").click()
        await expect(dialog.get_by_test_id("rule-offer")).to_contain_text("shared with you")
        await dialog.get_by_test_id("rule-offer-create").click()
        await expect(bobs.get_by_text(re.compile(r"^Rule created"))).to_be_visible()
        await expect(bobs.get_by_test_id("tx-name").first).to_contain_text("Household shopping")

        # The link worked once.
        await bobs.goto(link.removeprefix(web.url))
        await expect(bobs.get_by_test_id("household-join")).to_contain_text("not valid")
    finally:
        await context.close()
