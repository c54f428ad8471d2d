"""`make bench`: GET /budgets/{month} for a person with SIZE transactions among ten, on
PostgreSQL, over HTTP (the server in its own process, as query_bench runs it).

The person's months start on the 25th (payday) and they have budgeted the last twelve
months, most groups carrying what is left, so each read walks a year of rollover: thirteen
months of stored day totals (pattern.totals). Figures: p50 and p99 of the read with the
month cached (the same data version); computed afresh after a sync pass bringing today's
transactions (which counted the stored months again before telling the web app); computed
afresh after an edit of today's transactions (the read counts this calendar month's
changed days again: `budget_computed`); and after a change to every month (a rule run:
all thirteen recounted from the transactions), each after five unmeasured reads. Prints
`BENCH budget_p99_ms <x> ms` and its companions.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

import httpx

from bench.query_bench import loaded_server, percentile, timed
from pattern.budgets.periods import month_containing

START_DAY = 25
GROUPS = {
    "FOOD_AND_DRINK": ("400.00", "carry_surplus"),
    "GENERAL_MERCHANDISE": ("300.00", "carry_all"),
    "TRANSPORTATION": ("150.00", "carry_surplus"),
    "ENTERTAINMENT": ("80.00", "none"),
    "PERSONAL_CARE": ("60.00", "carry_surplus"),
}


def set_budget(client: httpx.Client, prefix: str, today: date) -> str:
    """A year of lines, by the API; answers the current month."""
    client.put(f"{prefix}/budgets/settings", json={"month_start_day": START_DAY}).raise_for_status()
    current = month_containing(today, START_DAY)
    lines = [
        {"category": category, "amount": amount, "rollover": rollover}
        for category, (amount, rollover) in GROUPS.items()
    ]
    lines.append({"category": "FOOD_AND_DRINK", "subcategory": "FOOD_AND_DRINK_COFFEE_SHOP",
                  "amount": "40.00", "rollover": "carry_all"})  # fmt: skip
    for back in range(12, -1, -1):
        month = current.plus(-back).label
        client.put(f"{prefix}/budgets/{month}/lines", json={"lines": lines}).raise_for_status()
    return current.label


def figures(times: list[float]) -> tuple[float, float]:
    return percentile(times, 0.5), percentile(times, 0.99)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000, help="the measured user's")
    parser.add_argument("--other-size", type=int, default=10_000, help="each other user's")
    parser.add_argument("--samples", type=int, default=200, help="of each kind of read")
    args = parser.parse_args()
    today = date.today()
    with loaded_server(args.size, args.other_size) as loaded:
        client, changed = loaded.client, loaded.changed
        month = set_budget(client, loaded.prefix, today)
        path = f"{loaded.prefix}/budgets/{month}"
        timed(client, path, 5)
        cached = figures(timed(client, path, args.samples))
        timed(client, path, 5, loaded.synced)
        synced = figures(timed(client, path, args.samples, loaded.synced))
        timed(client, path, 5, changed)
        computed = figures(timed(client, path, args.samples, changed))
        every = figures(timed(client, path, max(args.samples // 10, 5), loaded.changed_every_day))
    total, loaded_in = loaded.total, loaded.loaded_in
    out = sys.stdout.write
    out(
        f"A user with {args.size:,} transactions ({total:,} in all, loaded in {loaded_in:.0f}s),"
        f" PostgreSQL; budget month {month} (start day {START_DAY}), 13 months of lines\n"
    )
    out(f"{'GET /budgets/{month}':<24} {'p50 ms':>8} {'p99 ms':>8}\n")
    out(f"{'month cached':<24} {cached[0]:>8.1f} {cached[1]:>8.1f}\n")
    out(f"{'after a sync':<24} {synced[0]:>8.1f} {synced[1]:>8.1f}\n")
    out(f"{'after an edit':<24} {computed[0]:>8.1f} {computed[1]:>8.1f}\n")
    out(f"{'every month recounted':<24} {every[0]:>8.1f} {every[1]:>8.1f}\n")
    out(f"BENCH budget_p50_ms {cached[0]:.1f} ms\n")
    out(f"BENCH budget_p99_ms {cached[1]:.1f} ms\n")
    out(f"BENCH budget_after_sync_p50_ms {synced[0]:.1f} ms\n")
    out(f"BENCH budget_after_sync_p99_ms {synced[1]:.1f} ms\n")
    out(f"BENCH budget_computed_p50_ms {computed[0]:.1f} ms\n")
    out(f"BENCH budget_computed_p99_ms {computed[1]:.1f} ms\n")
    out(f"BENCH budget_every_month_recounted_p99_ms {every[1]:.1f} ms\n")


if __name__ == "__main__":
    main()
