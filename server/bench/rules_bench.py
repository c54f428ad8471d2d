"""Rules over a large history on PostgreSQL, over HTTP: the rules list with each rule's
match count (one aggregate query), a rule's preview, and applying the rules.

One user with SIZE transactions (default 100,000) among ten users, 20 rules of every kind
of condition. Prints one `BENCH <name> <value> <unit>` line per figure (medians of five).

    cd server && .venv/bin/python -m bench.rules_bench --size 100000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from bench.query_bench import loaded_server

RULES = 20


def rule(n: int) -> dict[str, object]:
    """Rules of each kind in turn: name contains, merchant, amount range, both."""
    kinds: list[dict[str, object]] = [
        {"match_name": f"store {n}"},
        {"match_merchant": "Starbucks"},
        {"min_amount": f"{n}.00", "max_amount": f"{n + 20}.00"},
        {"match_merchant": "Blue Bottle Coffee", "max_amount": f"{n}.00"},
    ]
    return {**kinds[n % len(kinds)], "set_category": f"Bench {n}"}


def median_seconds(call: Callable[[], object], times: int = 5) -> float:
    call()  # the first one plans its statements
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        spent.append(time.perf_counter() - started)
    return statistics.median(spent)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    size = parser.parse_args().size
    with loaded_server(size, 2_000) as loaded:
        client, prefix = loaded.client, loaded.prefix
        for n in range(RULES):
            client.post(f"{prefix}/rules", json=rule(n)).raise_for_status()
        listed = client.get(f"{prefix}/rules").json()
        counts = [r["match_count"] for r in listed]
        sys.stdout.write(f"# {loaded.total} transactions in all; the counts {counts}\n")
        figures = {
            "rules_list_with_counts": median_seconds(
                lambda: client.get(f"{prefix}/rules").raise_for_status()
            ),
            "rule_preview": median_seconds(
                lambda: client.post(
                    f"{prefix}/rules/preview",
                    json={"match_merchant": "Starbucks", "set_category": "Coffee"},
                ).raise_for_status()
            ),
            "rules_apply": median_seconds(
                lambda: client.post(f"{prefix}/rules/apply").raise_for_status()
            ),
        }
    for name, seconds in figures.items():
        sys.stdout.write(f"BENCH {name} {seconds * 1000:.0f} ms\n")


if __name__ == "__main__":
    main()
