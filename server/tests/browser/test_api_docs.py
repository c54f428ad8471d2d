"""The API's documentation page in a real browser, with no internet."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.support.plaid_stack import Stack


async def test_the_api_docs_render_from_this_server(page: Page, web: Stack) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith((web.url, "data:")) else None
        ),
    )
    await page.goto("/api/docs")
    await expect(page.get_by_text("POST/api/sessions", exact=False).first).to_be_visible()
    await expect(page.locator(".opblock").first).to_be_visible()
    assert not outside, outside
