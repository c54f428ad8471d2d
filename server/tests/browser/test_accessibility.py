"""Every page checked by axe-core (ADR 0023) in light and dark, with a linked bank's data.

axe-core is the engine of browsers' own accessibility tools. The goal is no serious or
critical violation (unreadable contrast, unnamed controls); the test holds every page to
none at all, moderate and minor included (a page without an h1, an empty table header),
since today there are none. Each page and each open dialog is checked in both schemes.
"""

from __future__ import annotations

import re
from typing import Any, Literal

import pytest
from playwright.async_api import Page, expect

from pattern.kit.config import REPO_ROOT
from tests.browser.conftest import Screenshots
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.support.plaid_stack import Stack

AXE = REPO_ROOT / "client" / "node_modules" / "axe-core" / "axe.min.js"
Scheme = Literal["light", "dark"]
SCHEMES: tuple[Scheme, ...] = ("light", "dark")
# Each tab of the app, by its nav test id, with what shows that its data has arrived.
PAGES = {
    "home": "[data-testid=account-row]",
    "budget": "[data-testid=budget-spent]",
    "transactions": "[data-testid=tx-row]",
    "accounts": "[data-testid=account-card]",
    "trends": "[data-testid=merchant-row]",
    "cash-flow": "[data-testid=cash-flow-figures]",
    "recurring": "[data-testid=recurring-totals]",
    "categories": "[data-testid=category-label]",
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


# Each recharts chart on the page, and whether a screen reader gets its summary in words.
CHARTS = """[...document.querySelectorAll('.recharts-wrapper > svg')].map((svg) => ({
  named: svg.getAttribute('role') === 'img' && (svg.getAttribute('aria-label') || '').length > 20,
  target: svg.closest('[data-testid], .card')?.querySelector('h2')?.textContent || '',
}))"""


async def axe_violations(page: Page, where: str) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now, one per element."""
    if not await page.evaluate("typeof axe !== 'undefined'"):
        # Evaluated through the debugging protocol, so the app's CSP does not apply.
        await page.evaluate(AXE.read_text())
    await page.wait_for_load_state("networkidle")
    await page.wait_for_timeout(400)  # charts' entry animations end before colours are read
    found: list[dict[str, Any]] = await page.evaluate(RUN_AXE)
    # axe does not judge an SVG's meaning: a chart must be an image with a text summary.
    found += [
        {"impact": "serious", "rule": "chart-text", "target": chart["target"], "summary": ""}
        for chart in await page.evaluate(CHARTS)
        if not chart["named"]
    ]
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
    charts = 0
    await page.goto("/login")
    await expect(page.get_by_test_id("setup-code")).to_be_visible()
    for scheme in SCHEMES:
        await page.emulate_media(color_scheme=scheme)
        found += await axe_violations(page, f"{scheme} sign-up")
    await page.emulate_media(color_scheme="light")
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    await tag_the_latest_transaction(page)  # so that its tags and note are checked too
    for scheme in SCHEMES:
        await page.emulate_media(color_scheme=scheme)
        for name, ready in PAGES.items():
            await page.get_by_test_id(f"nav-{name}").click()
            await expect(page.locator(ready).first).to_be_visible()
            found += await axe_violations(page, f"{scheme} {name}")
            charts += await page.locator(".recharts-wrapper > svg").count()
            await shot(f"{scheme}-{name}")
        found += await dialogs(page, scheme)
    await page.get_by_test_id("logout").click()
    await expect(page).to_have_url(re.compile(r"/login$"))
    for scheme in SCHEMES:
        await page.emulate_media(color_scheme=scheme)
        found += await axe_violations(page, f"{scheme} log-in")
    assert not found, f"{len(found)} elements fail:\n{report(found)}"
    assert charts >= 2 * 5, charts  # income and spending, trends, cash flow's two, forecasts


async def tag_the_latest_transaction(page: Page) -> None:
    me = await (await page.request.get("/api/sessions/me")).json()
    listed = await page.request.get(f"/api/users/{me['id']}/transactions?limit=1")
    (latest,) = await listed.json()
    tagged = await page.request.patch(
        f"/api/transactions/{latest['id']}",
        data={"tags": ["vacation", "reimbursable"], "note": "Paid for Ana too"},
    )
    assert tagged.ok, await tagged.text()


async def dialogs(page: Page, scheme: Scheme) -> list[dict[str, Any]]:
    """The transaction's edit dialog and the Link dialog, open."""
    found: list[dict[str, Any]] = []
    await page.get_by_test_id("nav-transactions").click()
    # On its date: the middle of the row may be one of its tags, which filters by the tag.
    await page.get_by_test_id("tx-row").first.get_by_test_id("tx-date").click()
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


# The focused element's ring and what it is drawn against: the element itself for a ring
# inset into it (a table row's), else the first opaque background behind it.
FOCUS_RING = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  let under = parseFloat(style.outlineOffset) < 0 ? e : e.parentElement;
  let background = 'rgb(255, 255, 255)';
  for (; under; under = under.parentElement) {
    const color = getComputedStyle(under).backgroundColor;
    if (color !== 'transparent' && !color.endsWith(', 0)')) { background = color; break; }
  }
  return {
    element: `${e.tagName} ${(e.textContent || '').trim().slice(0, 30)}`,
    style: style.outlineStyle, width: parseFloat(style.outlineWidth),
    color: style.outlineColor, background,
  };
}"""


def rgba(css: str) -> tuple[float, float, float, float]:
    """A computed colour, "rgb(1, 2, 3)" or "rgba(1, 2, 3, 0.5)"."""
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def over(top: str, bottom: str) -> str:
    """`top` painted over the opaque `bottom`."""
    r, g, b, a = rgba(top)
    br, bg, bb, _ = rgba(bottom)
    return f"rgb({r * a + br * (1 - a)}, {g * a + bg * (1 - a)}, {b * a + bb * (1 - a)})"


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two opaque colours."""

    def luminance(css: str) -> float:
        def linear(c: float) -> float:
            c /= 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b, _ = rgba(css)
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
async def test_the_skip_link_comes_first_and_every_focus_ring_shows(
    page: Page, web: Stack, shot: Screenshots, scheme: Scheme
) -> None:
    await page.emulate_media(color_scheme=scheme)
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    await page.reload()
    await expect(page.get_by_test_id("account-row").first).to_be_visible()

    await page.keyboard.press("Tab")
    skip = page.get_by_test_id("skip-link")
    await expect(skip).to_be_focused()
    await expect(skip).to_have_text("Skip to content")
    await expect(skip).to_be_in_viewport()
    await shot("skip-link")
    await page.keyboard.press("Enter")
    await expect(page.locator("main")).to_be_focused()
    await page.keyboard.press("Tab")  # the page's first control, past the nav
    assert await page.evaluate("document.querySelector('main').contains(document.activeElement)")

    # Every control from the top, in the top bar and on the cards, shows a ring of ≥3:1.
    await page.reload()
    await expect(page.get_by_test_id("account-row").first).to_be_visible()
    faint, seen = [], []
    for _ in range(40):
        await page.keyboard.press("Tab")
        ring = await page.evaluate(FOCUS_RING)
        if ring["element"].startswith("BODY"):
            continue  # past the last control, in the browser's own toolbar
        seen.append(ring["element"])
        ratio = contrast(over(ring["color"], ring["background"]), ring["background"])
        if ring["style"] == "none" or ring["width"] < 2 or ratio < 3:
            faint.append({**ring, "contrast": round(ratio, 2)})
    await shot("focused")
    assert any(e.startswith("A Transactions") for e in seen), seen  # the top bar's links
    assert any(e.startswith("BUTTON Add a bank") for e in seen), seen  # a card's button
    assert not faint, faint


async def test_dark_mode_keeps_the_bank_logo_its_card_border_and_a_faint_chart_hover(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await page.emulate_media(color_scheme="dark")
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)  # First Platypus Bank: #1f1f1f, a dark logo
    card = page.get_by_test_id("item-card")
    card_colors = await card.evaluate(
        "(e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderTopColor]"
    )
    background, border = card_colors
    assert contrast(border, background) >= 3, card_colors

    # The logo (dark on transparent) sits on a light chip.
    logo = card.locator("img.logo")
    backing = await logo.evaluate("(e) => getComputedStyle(e).backgroundColor")
    assert contrast(over(backing, background), "rgb(31, 31, 31)") >= 3, backing
    await shot("bank-card")

    # Hovering a bar chart shades its month faintly, not with a bright grey block.
    await page.get_by_test_id("nav-trends").click()
    trends = page.locator("section.card").filter(
        has=page.get_by_role("heading", name="Spending by category")
    )
    chart = trends.locator(".recharts-wrapper")  # not Home's, which may linger a moment
    await expect(chart).to_be_visible()
    cursor = chart.locator(".recharts-tooltip-cursor")
    for step in range(10):  # the chart settles its size once drawn: hover until it answers
        box = await chart.bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] / 2 + step * 4, box["y"] + box["height"] / 2
        await page.mouse.move(x, y, steps=4)
        if await cursor.count():
            break
        await page.wait_for_timeout(200)
    await expect(cursor).to_be_attached()
    fill = await cursor.evaluate("(e) => getComputedStyle(e).fill")
    card_background = await chart.evaluate(
        "(e) => getComputedStyle(e.closest('.card')).backgroundColor"
    )
    assert contrast(over(fill, card_background), card_background) < 1.6, fill
    # The tooltip's lines read as text, whatever their series' colour.
    tooltip = chart.locator(".recharts-default-tooltip")
    await expect(tooltip).to_be_visible()
    colors = await tooltip.evaluate(
        """(t) => [getComputedStyle(t).backgroundColor,
            ...[...t.querySelectorAll('.recharts-tooltip-item-name')]
              .map((e) => getComputedStyle(e).color)]"""
    )
    assert len(colors) > 1, colors
    assert all(contrast(color, colors[0]) >= 4.5 for color in colors[1:]), colors
    await shot("chart-hover")
