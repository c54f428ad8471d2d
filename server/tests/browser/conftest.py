"""The built web client in headless Chromium, against the whole stack on real ports.

Needs Debian's chromium (`make browser` installs it) and client/dist (`make client`).
Without them these tests skip, unless REQUIRE_BROWSER=1 (as in CI), when they fail.

Each test saves a screenshot of each page it visits (the `shot` fixture), and one of where it
stopped when it fails, to server/test-artifacts/screenshots/<test name>-<step>.png.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import AsyncIterator, Generator, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Error, Page, async_playwright, expect

from pattern.kit.config import REPO_ROOT
from tests.conftest import fresh_database
from tests.support.databases import PostgresDatabases, SqliteDatabases
from tests.support.plaid_stack import Stack, running_stack

# A page's first load asks for a dozen figures at once; with two test workers on two cores
# one can take seconds, so assertions wait up to 10 s (Playwright's default is 5 s).
expect.set_options(timeout=10_000)

CLIENT_DIST = REPO_ROOT / "client" / "dist"
SCREENSHOTS = REPO_ROOT / "server" / "test-artifacts" / "screenshots"
REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
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


@pytest.fixture(params=["sqlite"])
async def database_url(
    request: pytest.FixtureRequest,
    sqlite_databases: SqliteDatabases,
    postgres_databases: PostgresDatabases | str,
) -> AsyncIterator[str]:
    """The web app on SQLite, the default install: the server's own tests cover both
    databases, and a browser test on each would double the suite's slowest part. A test
    marked `@pytest.mark.parametrize("database_url", BACKENDS, indirect=True)` runs on both."""
    async with fresh_database(request.param, sqlite_databases, postgres_databases) as url:
        yield url


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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the test, so a fixture can tell that the test failed."""
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


class Screenshots:
    """`await shot("step")` saves the page as <test name>-<nn>-<step>.png."""

    def __init__(self, page: Page, test_name: str, *, fresh: bool = True) -> None:
        self.page = page
        self.prefix = re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name).strip("-")
        self.count = 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        if fresh:  # a previous run's steps would mix with this one's
            for old in SCREENSHOTS.glob(f"{self.prefix}-*.png"):
                old.unlink()

    async def __call__(self, step: str) -> Path:
        self.count += 1
        return await self.save(f"{self.count:02d}-{step}")

    async def save(self, name: str) -> Path:
        path = SCREENSHOTS / f"{self.prefix}-{name}.png"
        await self.page.screenshot(path=path, full_page=True)
        return path


@pytest.fixture
async def page(browser: Browser, web: Stack, request: pytest.FixtureRequest) -> AsyncIterator[Page]:
    context = await browser.new_context(base_url=web.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = await context.new_page()
    refused = csp_violations(tab)
    yield tab
    # Whatever the test did, the Content-Security-Policy refused nothing the app needs.
    assert not refused, refused
    call = request.node.stash.get(REPORTS, {}).get("call")
    if call is not None and call.failed:
        try:
            await Screenshots(tab, request.node.name, fresh=False).save("failed")
        except Error:
            pass  # the page is gone: the test's own error says enough
    await context.close()


def csp_violations(page: Page) -> list[str]:
    """What the page's Content-Security-Policy refuses, as the browser reports it."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


@pytest.fixture
def shot(page: Page, request: pytest.FixtureRequest) -> Screenshots:
    return Screenshots(page, request.node.name)
