"""What a person does in the web app, in a real browser: sign up, link a bank, see it live.

Each test saves a screenshot of each page it visits (`shot`, see conftest.py).
"""

from __future__ import annotations

import asyncio
import re

import pytest
from playwright.async_api import Dialog, Page, expect

from pattern.users import setup_code
from tests.browser.conftest import Screenshots
from tests.conftest import BACKENDS
from tests.items.test_sync_errors import INSTITUTION_DOWN
from tests.support.plaid_stack import Stack, allow_bank_refresh
from tests.support.users import STRONG_PASSWORD


async def sign_up(page: Page, web: Stack, shot: Screenshots, username: str = "alice") -> None:
    """The first account: the administrator's, with the setup code the server printed."""
    await page.goto("/login")
    await expect(page.get_by_test_id("setup-code")).to_be_visible()
    await shot("login")
    await page.get_by_test_id("username").fill(username)
    await page.get_by_test_id("password").fill(STRONG_PASSWORD)
    await page.get_by_test_id("password-confirm").fill(STRONG_PASSWORD)
    await page.get_by_test_id("setup-code").fill(setup_code.ensure(web.app.parts.settings.data_dir))
    await page.get_by_test_id("signup").click()
    # Logged in: the header names the person (the tabs are in the bottom bar on a phone).
    await expect(page.get_by_test_id("current-username")).to_be_visible()


async def link_bank(
    page: Page, institution_id: str = "ins_109508", username: str = "user_good"
) -> None:
    await page.get_by_test_id("add-bank").click()
    await page.get_by_test_id(f"link-institution-{institution_id}").click()
    await page.get_by_test_id("link-username").fill(username)
    await page.get_by_test_id("link-password").fill("pass_good")
    await page.get_by_test_id("link-submit").click()


async def linked_and_synced(
    page: Page, web: Stack, shot: Screenshots, username: str = "user_good"
) -> None:
    """Link a bank and wait for its first sync, as seen on its card ("Syncing…" until then)."""
    await link_bank(page, username=username)
    await expect(page.get_by_test_id("item-card")).to_have_count(1)
    web.settle()
    await expect(page.get_by_test_id("item-sync-state")).to_have_text(re.compile(r"^synced "))
    await expect(page.get_by_test_id("account-row").first).to_be_visible()
    await shot("home-linked")


async def first_word_of_a_transaction(page: Page) -> str:
    """A word from a listed transaction's name (each emulated item has its own random data)."""
    name = await page.get_by_test_id("tx-row").first.locator(".tx-name").inner_text()
    word = re.search(r"[A-Za-z]{2,}", name)
    assert word, name
    return word.group(0)


def accept_confirms(page: Page) -> None:
    """Say yes to window.confirm (removing a bank, deleting a rule)."""

    def accept(dialog: Dialog) -> None:
        asyncio.ensure_future(dialog.accept())

    page.on("dialog", accept)


@pytest.mark.parametrize("database_url", BACKENDS, indirect=True)
async def test_sign_up_link_a_bank_and_see_accounts_and_net_worth(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await expect(page.get_by_text("No banks linked yet")).to_be_visible()
    await shot("home-empty")
    await link_bank(page)
    card = page.get_by_test_id("item-card")
    await expect(card).to_have_count(1)
    await expect(card).to_contain_text("First Platypus Bank")
    await expect(page.get_by_test_id("account-row").first).to_be_visible()
    web.settle()
    await expect(page.get_by_test_id("net-worth-total")).to_contain_text(re.compile(r"\d"))
    await expect(page.get_by_test_id("item-sync-state")).to_contain_text("synced")
    await shot("home-linked")

    # The bank picker marks the bank already linked, before anyone types a password.
    await page.get_by_test_id("add-bank").click()
    linked = page.get_by_test_id("link-institution-ins_109508")
    await expect(linked).to_contain_text("Linked")
    await expect(linked).to_be_disabled()
    await expect(page.get_by_test_id("link-linked-hint")).to_contain_text("Add accounts")
    await expect(page.get_by_test_id("link-institution-ins_109509")).to_be_enabled()
    await shot("link-dialog-linked-bank-marked")
    await page.keyboard.press("Escape")
    await expect(page.get_by_test_id("link-dialog")).to_have_count(0)
    await expect(page.get_by_test_id("item-card")).to_have_count(1)


async def test_wrong_password_is_shown_next_to_the_form(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await page.get_by_test_id("logout").click()
    await page.get_by_test_id("username").fill("alice")
    await page.get_by_test_id("password").fill("wrong-password-1")
    await page.get_by_test_id("login").click()
    await expect(page.get_by_text("Incorrect username or password.")).to_be_visible()
    await shot("login-refused")


async def test_log_out_ends_the_session(page: Page, web: Stack, shot: Screenshots) -> None:
    await sign_up(page, web, shot)
    await expect(page.get_by_test_id("current-username")).to_have_text("alice")
    await shot("home")
    await page.get_by_test_id("logout").click()
    await expect(page).to_have_url(re.compile(r"/login$"))
    await expect(page.get_by_test_id("username")).to_be_visible()
    await shot("logged-out")

    # The cookies are gone: the app's pages and the API both want a login again.
    me = await page.request.get("/api/sessions/me")
    assert me.status == 401
    await page.goto("/transactions")
    await expect(page).to_have_url(re.compile(r"/login$"))
    await expect(page.get_by_test_id("nav-home")).to_have_count(0)

    # And logging in again works.
    await page.get_by_test_id("username").fill("alice")
    await page.get_by_test_id("password").fill(STRONG_PASSWORD)
    await page.get_by_test_id("login").click()
    await expect(page.get_by_test_id("current-username")).to_have_text("alice")


@pytest.mark.parametrize("database_url", BACKENDS, indirect=True)
async def test_search_and_edit_a_transaction(page: Page, web: Stack, shot: Screenshots) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    await page.get_by_test_id("nav-transactions").click()
    await expect(page.get_by_test_id("tx-row").first).to_be_visible()
    await shot("transactions")
    word = await first_word_of_a_transaction(page)
    await page.get_by_test_id("tx-search").fill(word)
    await page.get_by_test_id("tx-search").press("Enter")
    await expect(page).to_have_url(re.compile(rf"[?&]q={word}"))
    rows = page.get_by_test_id("tx-row")
    await expect(rows.first).to_contain_text(re.compile(word, re.IGNORECASE))
    await rows.first.click()
    await expect(page.get_by_test_id("tx-edit-name")).to_be_focused()
    await shot("edit-dialog")
    await page.get_by_test_id("tx-edit-name").fill("Ride home")
    await page.get_by_test_id("tx-edit-save").click()
    # A new name: the dialog offers a rule for the merchant (tests/browser/test_rules.py).
    await page.get_by_test_id("rule-offer-dismiss").click()
    await expect(page.get_by_test_id("tx-edit-dialog")).to_be_hidden()
    await page.get_by_test_id("tx-search").fill("ride home")
    await page.get_by_test_id("tx-search").press("Enter")
    await expect(page.get_by_test_id("tx-row")).to_have_count(1)
    await expect(page.get_by_test_id("tx-row")).to_contain_text("Ride home")
    await shot("transactions-edited")


async def test_merchants_show_clean_names_and_logos(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    """The merchant's name and logo (served by Pattern from the emulator's copy of Plaid's
    logo host, offline) with the bank's string on hover; the CSP refuses nothing."""
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    await page.get_by_test_id("nav-transactions").click()
    await page.get_by_test_id("tx-search").fill("walmart")
    await page.get_by_test_id("tx-search").press("Enter")
    row = page.get_by_test_id("tx-row").first
    name = row.get_by_test_id("tx-name")
    await expect(name).to_contain_text("Walmart")
    await expect(name).not_to_contain_text("WM SUPERCENTER")
    await expect(name).to_have_attribute(
        "title", re.compile(r"^Bank’s description: WM SUPERCENTER")
    )
    await expect(row).to_contain_text("General merchandise")
    logo = row.locator("img.tx-logo")
    await expect(logo).to_have_attribute("src", re.compile(r"^/api/transactions/\d+/logo$"))
    loaded = "img => img.complete && img.naturalWidth > 0"
    await page.wait_for_function(loaded, arg=await logo.element_handle())
    await shot("merchants")
    # The bank's string is in the edit dialog too.
    await row.click()
    await expect(page.get_by_test_id("tx-edit-bank-name")).to_contain_text("WM SUPERCENTER")


async def test_new_transactions_appear_live_after_a_webhook(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot, username="user_transactions_dynamic")
    item_id = await page.get_by_test_id("item-card").first.get_attribute("data-item-id")
    await page.get_by_test_id("nav-transactions").click()
    await page.reload()  # as from a bookmark: no page here has read the list of banks
    total = page.get_by_test_id("tx-total-count")
    await expect(total).to_contain_text(re.compile(r"\d"))
    before = await total.inner_text()
    await shot("transactions")
    web.plaid_refresh(web.access_token(int(item_id or 0)))
    await expect(page.get_by_test_id("toast").first).to_be_visible()
    # The toast names the bank on every page, not only where its card is ("Your bank").
    await expect(page.get_by_test_id("toast").first).to_contain_text("First Platypus Bank")
    await expect(total).not_to_have_text(before)
    await shot("transactions-live")


async def test_create_a_rule_in_settings_and_apply_it(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    await page.get_by_test_id("nav-transactions").click()
    word = await first_word_of_a_transaction(page)
    await shot("transactions")
    await page.get_by_test_id("nav-settings").click()
    await expect(page.get_by_text("No rules yet.")).to_be_visible()
    await shot("settings-empty")

    await page.get_by_test_id("rule-match-name").fill(word)
    await page.get_by_test_id("rule-set-category").fill("Rides")
    await page.get_by_test_id("rule-save").click()
    rule = page.get_by_test_id("rule-row")
    await expect(rule).to_have_count(1)
    await expect(rule).to_contain_text(word)
    await expect(rule).to_contain_text("Rides")

    await page.get_by_test_id("rules-apply").click()
    applied = page.get_by_test_id("rules-applied-count")
    await expect(applied).to_have_text(re.compile(r"Changed [1-9]\d* transactions?\."))
    changed = int(re.findall(r"\d+", await applied.inner_text())[0])
    await shot("settings-applied")

    # The transactions it changed are in the new category.
    await page.goto("/transactions?q=category:rides")
    await expect(page.get_by_test_id("tx-total-count")).to_have_text(str(changed))
    await expect(page.get_by_test_id("tx-row").first).to_contain_text("Rides")
    await shot("transactions-rides")

    # Deleting it asks first.
    accept_confirms(page)
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("rule-delete").click()
    await expect(page.get_by_test_id("rule-row")).to_have_count(0)


async def test_reset_a_login_then_fix_it_in_update_mode(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    status = page.get_by_test_id("item-status")
    await expect(status).to_have_attribute("data-status", "good")

    await page.get_by_test_id("item-menu").click()
    await page.get_by_test_id("item-reset-login").click()
    # Plaid's ITEM ERROR webhook marks it bad; the socket tells the page.
    await expect(status).to_have_attribute("data-status", "bad")
    await expect(status).to_have_text("Needs login")
    problem = page.get_by_test_id("item-problem")
    await expect(problem).to_contain_text("First Platypus Bank needs you to log in again.")
    await shot("home-needs-login")

    await page.get_by_test_id("item-menu").click()
    await page.get_by_test_id("item-fix-login").click()
    dialog = page.get_by_test_id("link-dialog")
    await expect(dialog).to_contain_text("Log in again to First Platypus Bank")
    # Update mode: straight to the credentials of the item's own bank.
    await expect(page.get_by_test_id("link-username")).to_be_focused()
    await shot("update-mode-dialog")
    await page.get_by_test_id("link-username").fill("user_good")
    await page.get_by_test_id("link-password").fill("pass_good")
    await page.get_by_test_id("link-submit").click()
    await expect(dialog).to_have_count(0)
    await expect(status).to_have_attribute("data-status", "good")
    await expect(status).to_have_text("Connected")
    await expect(page.get_by_test_id("item-card")).to_have_count(1)
    await expect(problem).to_have_count(0)
    # Said once, naming the bank (it was said twice: "login fixed." and "login repaired.").
    toasts = page.get_by_test_id("toast")
    await expect(toasts.filter(has_text="First Platypus Bank: login repaired.")).to_have_count(1)
    await expect(toasts.filter(has_text=re.compile("login fixed|Your bank"))).to_have_count(0)
    await shot("home-fixed")

    # Removing the bank asks first, then it is gone.
    accept_confirms(page)
    await page.get_by_test_id("item-menu").click()
    await page.get_by_test_id("item-remove").click()
    await expect(page.get_by_test_id("item-card")).to_have_count(0)


async def test_a_bank_that_does_not_answer_is_explained_and_tried_again(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    async with web.emulator() as emulator:
        # Refresh asks the bank, whose webhook would sync again at once: not here.
        await allow_bank_refresh(emulator, False)
        await emulator.post("/emulator/faults", json=INSTITUTION_DOWN)
    await page.get_by_test_id("item-menu").click()
    await page.get_by_test_id("item-sync").click()
    problem = page.get_by_test_id("item-problem")
    await expect(problem).to_contain_text("First Platypus Bank isn't answering right now.")
    await expect(page.get_by_test_id("item-status")).to_have_text("Connected")
    await shot("home-bank-down")
    # It stays on the card after a reload: the item keeps why its last sync failed.
    await page.reload()
    await expect(problem).to_contain_text("isn't answering")

    await problem.get_by_role("button", name="Try again").click()
    await expect(problem).to_have_count(0)
    await expect(page.get_by_test_id("item-sync-state")).to_have_text(re.compile(r"^synced "))


async def test_a_phone_in_dark_mode(page: Page, web: Stack, shot: Screenshots) -> None:
    await page.set_viewport_size({"width": 390, "height": 844})
    await page.emulate_media(color_scheme="dark")
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    # The system's dark theme (styles.css: --bg under [data-theme='dark'], public/theme.js).
    background = await page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(11, 17, 32)"

    # Nothing makes the page scroll sideways.
    async def fits() -> bool:
        result = await page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        return bool(result)

    assert await fits()
    await page.get_by_test_id("bottom-nav-transactions").click()
    await expect(page.get_by_test_id("tx-row").first).to_be_visible()
    await shot("transactions")
    assert await fits()
    await page.get_by_test_id("tx-row").first.click()
    await expect(page.get_by_test_id("tx-edit-dialog")).to_be_visible()
    await shot("edit-dialog")
    assert await fits()
