"""`make bench`: the planning routes (cash flow, recurring, the forecast) for a person with
SIZE transactions among ten, on PostgreSQL, over HTTP (the server in its own process, as
`python -m pattern` serves).

Measured one request at a time, each after five unmeasured ones of its kind: the last 12
months' cash flow and a month's flow (this month and the one before), the recurring
streams and the 30-day forecast, read from the cache (asked again, nothing changed) and
computed afresh (the first request after a change to the person's data: the bench bumps
users.data_version before each).

Prints one `BENCH <name> <value> <unit>` line per figure (p50 and p99); `cash_flow_p99_ms`,
`recurring_p99_ms` and `forecast_p99_ms` are each route's worst p99.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date

import httpx

from bench.query_bench import loaded_server, percentile, timed


def routes(today: date) -> dict[str, str]:
    last = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    return {
        "cash_flow_months": "cash-flow?months=12",
        "cash_flow_month": f"cash-flow/{today:%Y-%m}",
        "cash_flow_last_month": f"cash-flow/{last:%Y-%m}",
        "recurring": "recurring",
        "forecast": "forecast",
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
    with loaded_server(args.size, args.other_size) as loaded:
        sys.stdout.write(f"loaded {loaded.total} transactions in {loaded.loaded_in:.1f} s\n")
        found = measure(loaded.client, loaded.prefix, args.samples, loaded.changed)
    for figure, value in found.items():
        sys.stdout.write(f"BENCH {figure} {value:.1f} ms\n")
    for route in ("cash_flow", "recurring", "forecast"):
        worst = max(v for f, v in found.items() if f.startswith(route) and f.endswith("_p99_ms"))
        sys.stdout.write(f"BENCH {route}_p99_ms {worst:.1f} ms\n")


if __name__ == "__main__":
    main()
