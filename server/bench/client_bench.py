"""`make bench`: the web client's first load in Chromium (Playwright), against the server
serving client/dist over a PostgreSQL database where the person has SIZE transactions (20,000
by default, as the goals are stated) among ten people.

Each run opens /transactions in a fresh browser context (an empty cache) holding what the
person's browser holds after they used the app (the session cookie, and who they are in
the app's storage), and times the first transaction row from the start of the navigation
(performance.now() when the row enters the page). Figures:

- the JavaScript that first load transferred until the first row (compressed bytes over
  the wire), and all that Home loads;
- the first row unthrottled (median of RUNS), and for a browser new to the app (the cookie
  only); and on a slow phone: the CPU 4x slower (Emulation.setCPUThrottlingRate) on a 3G
  network (Network.emulateNetworkConditions, SLOW_3G below), for a first visit and for a
  visit again with the browser's cache.

Prints one `BENCH <name> <value> <unit>` line per figure, with its goal where it has one.
Needs Debian's chromium (make system-packages) and the built client (make client).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, StorageState, sync_playwright

from bench.query_bench import loaded_server
from pattern.auth.cookies import ACCESS_COOKIE
from pattern.kit.config import REPO_ROOT

CLIENT_DIST = REPO_ROOT / "client" / "dist"

# WebPageTest's "3G" profile (1.6 Mbps down, 768 kbps up, 300 ms round trip), with which
# the single 850 kB script of before took the 7.2 s of issue 19. CDP adds the latency to
# each request.
SLOW_3G = {
    "offline": False,
    "latency": 300,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 768_000 / 8,
}
CPU_SLOWDOWN = 4

# When the first row enters the page, in ms from the start of the navigation.
FIRST_ROW_WATCH = """
new MutationObserver((_, observer) => {
  if (document.querySelector('[data-testid="tx-row"]')) {
    window.__firstRow = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""
SCRIPT_BYTES = """() => performance.getEntriesByType('resource')
  .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
  .reduce((sum, entry) => sum + entry.encodedBodySize, 0)"""


@dataclass(frozen=True)
class Goal:
    limit: float

    def said(self, value: float) -> str:
        verdict = "met" if value <= self.limit else "NOT MET"
        return f"(goal <= {self.limit:g}: {verdict})"


INITIAL_JS_KB = Goal(150)
FIRST_ROW_THROTTLED_MS = Goal(2500)
FIRST_ROW_MS = Goal(400)


@dataclass(frozen=True)
class Load:
    first_row_ms: float
    script_kb: float


def first_row(page: Page, path: str = "/transactions") -> Load:
    page.goto(path, wait_until="commit")
    page.wait_for_function("() => window.__firstRow !== undefined", timeout=120_000)
    ms = float(page.evaluate("window.__firstRow"))
    return Load(ms, float(page.evaluate(SCRIPT_BYTES)) / 1000)


@contextmanager
def browser_context(browser: Browser, base: str, state: StorageState) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=base, viewport={"width": 1280, "height": 800}, storage_state=state
    )
    context.add_init_script(FIRST_ROW_WATCH)
    try:
        yield context
    finally:
        context.close()


def the_persons_browser(browser: Browser, base: str, cookie: str) -> StorageState:
    """The cookies and storage of a browser where the person has used the app (the web app
    remembers who they are, pattern.auth), for contexts with an empty cache."""
    new: StorageState = {"cookies": [], "origins": []}
    with browser_context(browser, base, new) as context:
        context.add_cookies([{"name": ACCESS_COOKIE, "value": cookie, "url": base}])
        first_row(context.new_page())  # also the server's first answers: statements planned
        return context.storage_state()


def throttled(context: BrowserContext) -> Page:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return page


def home_script_kb(browser: Browser, base: str, state: StorageState) -> float:
    """The scripts Home loads, once its page has settled (no request for half a second)."""
    with browser_context(browser, base, state) as context:
        page = context.new_page()
        page.goto("/", wait_until="networkidle")
        return float(page.evaluate(SCRIPT_BYTES)) / 1000


def measure(browser: Browser, base: str, cookie: str, runs: int) -> dict[str, float]:
    state = the_persons_browser(browser, base, cookie)
    # The same, without the web app's own storage (a browser used with the app until now).
    cookies_only: StorageState = {"cookies": state["cookies"], "origins": []}
    plain: list[Load] = []
    unknown: list[Load] = []
    slow: list[Load] = []
    again: list[Load] = []
    for _ in range(runs):
        with browser_context(browser, base, state) as context:
            plain.append(first_row(context.new_page()))
        with browser_context(browser, base, cookies_only) as context:
            unknown.append(first_row(context.new_page()))
    for _ in range(max(1, runs // 2)):
        with browser_context(browser, base, state) as context:
            page = throttled(context)
            slow.append(first_row(page))
            again.append(first_row(page))
    return {
        "initial_js": max(load.script_kb for load in plain),
        "home_js": home_script_kb(browser, base, state),
        "first_row": statistics.median(load.first_row_ms for load in plain),
        "first_row_unknown": statistics.median(load.first_row_ms for load in unknown),
        "first_row_throttled": statistics.median(load.first_row_ms for load in slow),
        "first_row_throttled_again": statistics.median(load.first_row_ms for load in again),
    }


def report(found: dict[str, float], size: int) -> None:
    out = sys.stdout.write
    kb, ms = found["initial_js"], found["first_row_throttled"]
    out(f"BENCH client_initial_js {kb:.1f} KB {INITIAL_JS_KB.said(kb)}\n")
    out(f"BENCH client_home_js {found['home_js']:.1f} KB\n")
    out(f"BENCH client_first_row_throttled {ms:.0f} ms {FIRST_ROW_THROTTLED_MS.said(ms)}\n")
    out(f"BENCH client_first_row_throttled_cached {found['first_row_throttled_again']:.0f} ms\n")
    ms = found["first_row"]
    out(f"BENCH client_first_row_{size} {ms:.0f} ms {FIRST_ROW_MS.said(ms)}\n")
    out(f"BENCH client_first_row_{size}_first_use {found['first_row_unknown']:.0f} ms\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20_000, help="the measured person's")
    parser.add_argument("--other-size", type=int, default=1_000, help="each other person's")
    parser.add_argument("--runs", type=int, default=6, help="unthrottled; half as many slowed")
    parser.add_argument("--client-dist", type=Path, default=CLIENT_DIST, help="another build")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None or not (args.client_dist / "index.html").is_file():
        sys.stdout.write("client bench skipped: needs chromium and client/dist (make client)\n")
        return
    with (
        loaded_server(args.size, args.other_size, args.client_dist) as loaded,
        sync_playwright() as playwright,
    ):
        sys.stdout.write(f"loaded {loaded.total} transactions in {loaded.loaded_in:.1f} s\n")
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        cookie = loaded.client.cookies[ACCESS_COOKIE]
        found = measure(browser, str(loaded.client.base_url).rstrip("/"), cookie, args.runs)
        browser.close()
    report(found, args.size)


if __name__ == "__main__":
    main()
