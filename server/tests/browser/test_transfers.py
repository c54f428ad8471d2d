"""Transfers in the web app: a sync pairs money moved between the person's accounts, shown
with a badge; the person unmatches one and matches it again by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from playwright.async_api import Page, expect
from sqlalchemy import select

from pattern.models import Account
from tests.browser.conftest import Screenshots
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.support.factories import make_transaction
from tests.support.plaid_stack import Stack


def a_transfer_to_savings(web: Stack) -> None:
    """A transfer from checking to savings, as the bank would have sent it."""

    async def add() -> None:
        async with web.app.parts.sessionmaker() as session:
            accounts = {a.subtype: a.id for a in await session.scalars(select(Account))}
            day = date.today() - timedelta(days=1)
            for subtype, amount, name, category in [
                ("checking", "4321.09", "ONLINE TRANSFER TO SAV", "TRANSFER_OUT"),
                ("savings", "-4321.09", "ONLINE TRANSFER FROM CHK", "TRANSFER_IN"),
            ]:
                await make_transaction(
                    session,
                    accounts[subtype],
                    name=name,
                    amount=Decimal(amount),
                    category=category,
                    date=day,
                )
            await session.commit()

    web.run(add())


async def test_a_transfer_is_marked_unmatched_and_matched_by_hand(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot, username="user_transactions_dynamic")
    item_id = await page.get_by_test_id("item-card").first.get_attribute("data-item-id")
    a_transfer_to_savings(web)
    # New transactions at the bank: the sync pass that brings them pairs the transfer.
    web.plaid_refresh(web.access_token(int(item_id or 0)))
    web.settle()
    await page.get_by_test_id("nav-transactions").click()
    await page.get_by_test_id("tx-search").fill("is:transfer 4321.09")
    await page.get_by_test_id("tx-search").press("Enter")
    rows = page.get_by_test_id("tx-row")
    await expect(rows).to_have_count(2)
    await expect(rows.get_by_test_id("tx-transfer-badge")).to_have_count(2)
    await shot("transfers-listed")

    outflow = rows.filter(has_text="TO SAV")
    await outflow.click()
    section = page.get_by_test_id("tx-transfer")
    await expect(section).to_contain_text("to Plaid Saving")
    await expect(section).to_contain_text("found by Pattern")
    await shot("transfer-dialog")
    await page.get_by_test_id("tx-transfer-unmatch").click()
    # No longer a pair (their transfer categories still keep them out of spending).
    await expect(rows.get_by_test_id("tx-transfer-badge")).to_have_count(0)
    await rows.filter(has_text="TO SAV").click()
    await page.get_by_test_id("tx-transfer-open").click()
    candidate = page.get_by_test_id("tx-transfer-candidate").first
    await expect(candidate).to_contain_text("ONLINE TRANSFER FROM CHK")
    await shot("transfer-candidates")
    await candidate.click()
    await expect(rows.get_by_test_id("tx-transfer-badge")).to_have_count(2)
    await rows.filter(has_text="TO SAV").click()
    await expect(page.get_by_test_id("tx-transfer")).to_contain_text("matched by you")
    await shot("transfer-matched-by-hand")
