"""The built web client in headless Chromium, against the whole stack on real ports.

Needs Debian's chromium (`make browser` installs it) and client/dist (`make client`).
Without them these tests skip, unless REQUIRE_BROWSER=1 (as in CI), when they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright

from pattern.config import REPO_ROOT
from tests.support.plaid_stack import Stack, running_stack

CLIENT_DIST = REPO_ROOT / "client" / "dist"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    if not shutil.which("chromium"):
        return "Debian's chromium is not installed (make system-packages)"
    if not (CLIENT_DIST / "index.html").is_file():
        return "the web client is not built (make client)"
    return None


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    reason = _missing()
    if reason:
        _skip_or_fail(reason)
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS
        )
        yield chromium
        await chromium.close()


@pytest.fixture
def web(database_url: str, tmp_path: Path) -> Iterator[Stack]:
    """The app serving the built client, with the emulator mounted in it (as `make start`)."""
    with running_stack(
        database_url,
        tmp_path / "data",
        emulator_url="",
        client_dist_dir=CLIENT_DIST,
    ) as stack:
        yield stack


@pytest.fixture
async def page(browser: Browser, web: Stack) -> AsyncIterator[Page]:
    context = await browser.new_context(base_url=web.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = await context.new_page()
    yield tab
    await context.close()
