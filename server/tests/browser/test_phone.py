"""The web app on a phone and as an installed app: every page at desktop and phone size in
both schemes (screenshots kept), the bottom nav, 44 px tap targets, folded filters, the
person's theme, and the service worker that keeps the app shell but never an /api answer.

The screenshots go to server/test-artifacts/pages/<page>-<size>-<scheme>.png (not in git).
One browser, one sign-up and one bank for the whole sweep: it is the suite's costliest kind.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.async_api import Page, expect

from pattern.kit.config import REPO_ROOT
from tests.browser.conftest import Screenshots
from tests.browser.test_accessibility import PAGES, SCHEMES, axe_violations, report
from tests.browser.test_web_app import linked_and_synced, sign_up
from tests.support.plaid_stack import Stack

SHOTS = REPO_ROOT / "server" / "test-artifacts" / "pages"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
PATHS = {
    "home": "/",
    "budget": "/budget",
    "transactions": "/transactions",
    "accounts": "/accounts",
    "trends": "/trends",
    "cash-flow": "/cash-flow",
    "recurring": "/recurring",
    "categories": "/categories",
    "settings": "/settings",
    "admin": "/admin",
}
TAP = 44
# Each visible control a finger presses, and its size (the bottom bar's, buttons, links
# styled as buttons, fields and menus).
CONTROLS = """() => [...document.querySelectorAll(
  '.bottom-nav a, button, a.button, input:not([type=checkbox]):not([type=radio]), select'
)].filter((e) => e.offsetParent !== null || getComputedStyle(e).position === 'fixed')
  .map((e) => { const r = e.getBoundingClientRect();
    return { what: `${e.tagName} ${e.dataset.testid || (e.textContent || '').trim().slice(0, 24)}`,
             width: r.width, height: r.height }; })
  .filter((c) => c.width > 0 && c.height > 0)"""
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"


async def save(page: Page, name: str) -> None:
    """The whole page, taken with the window as tall as the page: what is fixed to the
    bottom (the phone's navigation) then shows at the bottom, not partway down."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    assert size is not None
    tall: int = await page.evaluate("() => document.documentElement.scrollHeight")
    await page.set_viewport_size({"width": size["width"], "height": max(size["height"], tall)})
    await page.screenshot(path=SHOTS / f"{name}.png")
    await page.set_viewport_size(size)


async def too_small(page: Page, where: str) -> list[str]:
    controls: list[dict[str, Any]] = await page.evaluate(CONTROLS)
    return [
        f"{where}: {c['what']} is {c['height']:.0f} px high"
        for c in controls
        if c["height"] < TAP - 0.5
    ]


async def test_every_page_at_desktop_and_phone_size_in_both_schemes(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    """Screenshots of each page; at phone size nothing scrolls sideways, every control is
    at least 44 px high, and axe-core finds nothing (ADR 0023), in light and dark."""
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    problems: list[str] = []
    violations: list[dict[str, Any]] = []
    for size, (width, height) in SIZES.items():
        await page.set_viewport_size({"width": width, "height": height})
        for scheme in SCHEMES:
            await page.emulate_media(color_scheme=scheme)
            for name, path in PATHS.items():
                await page.goto(path)
                await expect(page.locator(PAGES[name]).first).to_be_visible()
                await expect(page.locator("html")).to_have_attribute("data-theme", scheme)
                await save(page, f"{name}-{size}-{scheme}")
                if size != "phone":
                    continue
                sideways = await page.evaluate(SIDEWAYS)
                if sideways > 0:
                    problems.append(f"{scheme} {name}: scrolls {sideways} px sideways")
                problems += await too_small(page, f"{scheme} {name}")
                violations += await axe_violations(page, f"phone {scheme} {name}")
    await page.goto("/settings")
    await page.get_by_test_id("logout").click()
    await expect(page).to_have_url(re.compile(r"/login$"))
    for size, (width, height) in SIZES.items():
        await page.set_viewport_size({"width": width, "height": height})
        for scheme in SCHEMES:
            await page.emulate_media(color_scheme=scheme)
            await save(page, f"login-{size}-{scheme}")
    assert await page.evaluate(SIDEWAYS) <= 0
    assert not problems, "\n".join(problems)
    assert not violations, report(violations)
    assert len(list(SHOTS.glob("*-*-*.png"))) >= (len(PATHS) + 1) * 4  # the pages and log-in


async def test_the_bottom_nav_and_folded_filters_on_a_phone(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await page.set_viewport_size({"width": 390, "height": 844})
    await expect(page.get_by_test_id("nav-home")).to_be_hidden()  # the top bar's tabs
    bar = page.get_by_test_id("bottom-nav")
    await expect(bar).to_be_visible()
    box = await bar.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] == pytest.approx(844, abs=1)  # at the bottom
    for item in await bar.locator("a, button").all():
        size = await item.bounding_box()
        assert size is not None
        assert size["height"] >= TAP, await item.inner_text()
        assert size["width"] >= TAP, await item.inner_text()

    await page.get_by_test_id("bottom-nav-transactions").click()
    await expect(page).to_have_url(re.compile(r"/transactions$"))
    await page.get_by_test_id("bottom-nav-more").click()
    await page.get_by_test_id("bottom-nav-admin").click()
    await expect(page).to_have_url(re.compile(r"/admin$"))
    await expect(page.get_by_test_id("bottom-nav-more")).to_have_class(re.compile("active"))
    await shot("phone-admin")

    # The filters wait under a button that counts those in use.
    await page.goto("/transactions?pending=true")
    toggle = page.get_by_test_id("tx-filters-toggle")
    await expect(page.get_by_test_id("tx-search")).to_be_visible()
    await expect(page.get_by_test_id("tx-pending")).to_be_hidden()
    await expect(page.get_by_test_id("tx-filters-count")).to_have_text(re.compile(r"^1"))
    await toggle.click()
    await expect(page.get_by_test_id("tx-pending")).to_be_visible()
    await expect(toggle).to_have_attribute("aria-expanded", "true")
    await shot("phone-filters")

    # At desktop size: the top tabs, no bottom bar; the filters fold there too, so the
    # list starts high, and stay as the person left them.
    await page.set_viewport_size({"width": 1280, "height": 800})
    await expect(bar).to_be_hidden()
    await expect(page.get_by_test_id("nav-home")).to_be_visible()
    await expect(toggle).to_be_visible()
    await expect(page.get_by_test_id("tx-pending")).to_be_visible()
    await toggle.click()
    await expect(page.get_by_test_id("tx-pending")).to_be_hidden()


async def background(page: Page) -> str:
    colour: str = await page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    return colour


async def test_the_theme_chosen_applies_at_once_and_before_the_next_start(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await page.emulate_media(color_scheme="light")
    await sign_up(page, web, shot)
    light = await background(page)
    await page.get_by_test_id("nav-settings").click()
    await page.get_by_test_id("theme-dark").check()
    await expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    dark = await background(page)
    assert dark != light
    me = await (await page.request.get("/api/sessions/me")).json()
    saved = await page.request.get(f"/api/users/{me['id']}/preferences")
    assert (await saved.json())["theme"] == "dark"

    # The next start shows it before the app asks the server: here the server never answers.
    await page.route("**/api/**", lambda route: route.abort())
    await page.reload()
    await expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert await background(page) == dark
    await page.unroute("**/api/**")
    await page.reload()

    # "As the system" follows the system's scheme.
    await page.get_by_test_id("theme-system").check()
    await expect(page.locator("html")).to_have_attribute("data-theme", "light")
    await page.emulate_media(color_scheme="dark")
    await expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    await shot("system-dark")


CACHED = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    urls.push(...(await cache.keys()).map((request) => new URL(request.url).pathname));
  }
  return urls;
}"""


async def test_the_service_worker_keeps_the_app_shell_and_never_financial_data(
    page: Page, web: Stack, shot: Screenshots
) -> None:
    await sign_up(page, web, shot)
    await linked_and_synced(page, web, shot)
    scope = await page.evaluate(
        "navigator.serviceWorker.ready.then((registration) => registration.scope)"
    )
    assert scope == f"{web.url}/"
    manifest = await page.request.get("/manifest.webmanifest")
    assert manifest.headers["content-type"] == "application/manifest+json"
    assert (await manifest.json())["icons"]

    # Controlled now: the page comes from the worker's cache, every API answer from the server.
    answered: list[tuple[str, bool]] = []
    page.on("response", lambda r: answered.append((r.url, r.from_service_worker)))
    await page.reload()
    await expect(page.get_by_test_id("account-row").first).to_be_visible()
    await page.get_by_test_id("nav-transactions").click()
    await expect(page.get_by_test_id("tx-row").first).to_be_visible()
    assert await page.evaluate("navigator.serviceWorker.controller !== null")
    api = [(url, kept) for url, kept in answered if "/api/" in url]
    assert api, answered
    assert not [url for url, kept in api if kept], "API answers from the service worker"
    assert any(kept for url, kept in answered if "/assets/" in url), answered

    cached: list[str] = await page.evaluate(CACHED)
    assert "/index.html" in cached
    assert any(path.startswith("/assets/") for path in cached)
    assert not [path for path in cached if path.startswith("/api")], cached
