"""`make bench`: the cash-flow routes for a person with SIZE transactions among ten, on
PostgreSQL, over HTTP (the server in its own process, as `python -m pattern` serves).

Measured one request at a time, each after five unmeasured ones of its kind: the p99 of
the last 12 months' figures and of a month's flow (this month and the one before), read
from the cache (asked again, nothing changed) and computed afresh (the first request after
a change to the person's data: the bench bumps users.data_version before each).

Prints one `BENCH <name> <value> <unit>` line per figure (p50 and p99); `cash_flow_p99_ms`
is the worst p99.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable
from datetime import date

import httpx

from bench.query_bench import (
    data_changed,
    database,
    load,
    log_in,
    migrate,
    percentile,
    server,
    timed,
)
from pattern.auth.cookies import ACCESS_COOKIE


def routes(today: date) -> dict[str, str]:
    last = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    return {
        "cash_flow_months": "cash-flow?months=12",
        "cash_flow_month": f"cash-flow/{today:%Y-%m}",
        "cash_flow_last_month": f"cash-flow/{last:%Y-%m}",
    }


def measure(
    client: httpx.Client, prefix: str, samples: int, changed: Callable[[], None]
) -> dict[str, float]:
    """p50 and p99 milliseconds of each route, cached and fresh."""
    found: dict[str, float] = {}
    for name, path in routes(date.today()).items():
        url = f"{prefix}/{path}"
        timed(client, url, 5)
        cached = timed(client, url, samples)
        timed(client, url, 5, changed)
        fresh = timed(client, url, samples // 2, changed)
        for kind, times in (("cached", cached), ("fresh", fresh)):
            found[f"{name}_{kind}_p50_ms"] = percentile(times, 0.5)
            found[f"{name}_{kind}_p99_ms"] = percentile(times, 0.99)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000, help="the measured person's")
    parser.add_argument("--other-size", type=int, default=10_000, help="each other person's")
    parser.add_argument("--samples", type=int, default=200, help="per route, cached")
    args = parser.parse_args()
    with database() as name:
        url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
        asyncio.run(migrate(url, "head"))
        with server(url) as (base, _process, data_dir):
            user_id, cookie = log_in(base, data_dir)
            dsn = f"postgresql://postgres@127.0.0.1:5432/{name}"
            started = time.monotonic()
            total = asyncio.run(load(dsn, user_id, args.size, 9, args.other_size))
            sys.stdout.write(f"loaded {total} transactions in {time.monotonic() - started:.1f} s\n")
            with httpx.Client(base_url=base, cookies={ACCESS_COOKIE: cookie}, timeout=60) as client:
                found = measure(
                    client, f"/api/users/{user_id}", args.samples, data_changed(dsn, user_id)
                )
    for figure, value in found.items():
        sys.stdout.write(f"BENCH {figure} {value:.1f} ms\n")
    worst = max(value for figure, value in found.items() if figure.endswith("_p99_ms"))
    sys.stdout.write(f"BENCH cash_flow_p99_ms {worst:.1f} ms\n")


if __name__ == "__main__":
    main()
