"""A read-only API token made in Settings, used by a program over HTTP, then revoked."""

from __future__ import annotations

import re

import httpx
from playwright.async_api import Page, expect

from tests.browser.conftest import Screenshots
from tests.browser.test_accessibility import axe_violations, report
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.support.plaid_stack import Stack


async def test_a_read_only_token_from_settings_reads_then_is_revoked(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_label("Name", exact=True).fill("Spreadsheet")
    await page.get_by_label("Read only").check()
    await page.get_by_role("button", name="Create token").click()
    secret_box = page.get_by_test_id("token-secret")
    await expect(secret_box).to_have_value(re.compile(r"^pat_[A-Za-z0-9]{43}$"))
    secret = await secret_box.input_value()
    row = page.get_by_test_id("token-row")
    await expect(row).to_contain_text("Spreadsheet")
    await expect(row).to_contain_text("Read only")
    await shot("token-made")
    found = await axe_violations(page, "settings with a new token")
    assert not found, report(found)

    # A program, with the token and no cookie.
    headers = {"Authorization": f"Bearer {secret}"}
    async with httpx.AsyncClient(base_url=web.url, headers=headers, timeout=30) as program:
        me = (await program.get("/api/sessions/me")).json()
        listed = await program.get(f"/api/users/{me['id']}/transactions", params={"limit": 5})
        assert listed.status_code == 200, listed.text
        assert len(listed.json()) == 5
        refused = await program.post("/api/assets", json={"description": "Car", "value": "1"})
        assert refused.status_code == 403
        assert "read-only" in refused.json()["error"]["message"]

        await page.reload()
        await expect(row.get_by_test_id("token-last-used")).not_to_have_text("never")
        await page.get_by_role("button", name="Revoke Spreadsheet").click()
        await expect(page.get_by_text("You have no API tokens.")).to_be_visible()
        await shot("token-revoked")
        gone = await program.get(f"/api/users/{me['id']}/transactions")
        assert gone.status_code == 401
