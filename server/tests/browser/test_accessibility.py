"""Every page checked by axe-core (ADR 0023) in light and dark, with a linked bank's data.

axe-core is the engine of browsers' own accessibility tools. The goal is no serious or
critical violation (unreadable contrast, unnamed controls); the test holds every page to
none at all, moderate and minor included (a page without an h1, an empty table header),
since today there are none. Each page and each open dialog is checked in both schemes.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.async_api import Page, expect

from pattern.kit.config import REPO_ROOT
from tests.browser.conftest import Screenshots
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.support.plaid_stack import Stack

AXE = REPO_ROOT / "client" / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = ("light", "dark")
# Each tab of the app, by its nav test id, with what shows that its data has arrived.
PAGES = {
    "home": "[data-testid=account-row]",
    "budget": "[data-testid=budget-spent]",
    "transactions": "[data-testid=tx-row]",
    "trends": "[data-testid=merchant-row]",
    "cash-flow": "[data-testid=cash-flow-figures]",
    "recurring": "[data-testid=recurring-totals]",
    "settings": "[data-testid=rule-save]",
    "admin": "[data-testid=invite-create]",
}
# A violation, in one line per element: what it is and where.
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations
    .flatMap((v) => v.nodes.map((n) => ({
      rule: v.id, impact: v.impact, target: n.target.join(' '),
      summary: (n.failureSummary || '').split('\\n').slice(0, 2).join(' '),
    })));
}"""


async def axe_violations(page: Page, where: str) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now, one per element."""
    if not await page.evaluate("typeof axe !== 'undefined'"):
        # Evaluated through the debugging protocol, so the app's CSP does not apply.
        await page.evaluate(AXE.read_text())
    await page.wait_for_load_state("networkidle")
    await page.wait_for_timeout(400)  # charts' entry animations end before colours are read
    found: list[dict[str, Any]] = await page.evaluate(RUN_AXE)
    return [{"where": where, **violation} for violation in found]


def report(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['where']}: {v['impact']} {v['rule']} at {v['target']} ({v['summary']})"
        for v in violations
    )


@pytest.fixture
def axe_path() -> None:
    if not AXE.is_file():
        pytest.skip("client/node_modules/axe-core is not installed (cd client && npm ci)")


@pytest.mark.usefixtures("axe_path")
async def test_axe_finds_no_violation_on_any_page_in_either_scheme(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    found: list[dict[str, Any]] = []
    await page.goto("/login")
    await expect(page.get_by_test_id("setup-code")).to_be_visible()
    for scheme in SCHEMES:
        await page.emulate_media(color_scheme=scheme)
        found += await axe_violations(page, f"{scheme} sign-up")
    await page.emulate_media(color_scheme="light")
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    for scheme in SCHEMES:
        await page.emulate_media(color_scheme=scheme)
        for name, ready in PAGES.items():
            await page.get_by_test_id(f"nav-{name}").click()
            await expect(page.locator(ready).first).to_be_visible()
            found += await axe_violations(page, f"{scheme} {name}")
            await shot(f"{scheme}-{name}")
        found += await dialogs(page, scheme)
    await page.get_by_test_id("logout").click()
    await expect(page).to_have_url(re.compile(r"/login$"))
    for scheme in SCHEMES:
        await page.emulate_media(color_scheme=scheme)
        found += await axe_violations(page, f"{scheme} log-in")
    assert not found, f"{len(found)} elements fail:\n{report(found)}"


async def dialogs(page: Page, scheme: str) -> list[dict[str, Any]]:
    """The transaction's edit dialog and the Link dialog, open."""
    found: list[dict[str, Any]] = []
    await page.get_by_test_id("nav-transactions").click()
    await page.get_by_test_id("tx-row").first.click()
    await expect(page.get_by_test_id("tx-edit-dialog")).to_be_visible()
    found += await axe_violations(page, f"{scheme} edit dialog")
    await page.keyboard.press("Escape")
    await page.get_by_test_id("nav-home").click()
    await page.get_by_test_id("add-bank").click()
    await expect(page.get_by_test_id("link-dialog")).to_be_visible()
    found += await axe_violations(page, f"{scheme} link dialog")
    await page.keyboard.press("Escape")
    await expect(page.get_by_test_id("link-dialog")).to_have_count(0)
    return found
