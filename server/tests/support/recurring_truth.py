"""Recurring streams found by Pattern against the emulator's ground truth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

# Transfers between the person's own accounts are pairs, not bills (pattern.transfers).
NOT_BILLS = {"transfer", "credit_card_payment"}


@dataclass(frozen=True)
class Score:
    precision: float  # found streams that are true ones
    recall: float  # true streams found
    missed: list[str]
    extra: list[str]


# Days between two payments of a stream that keeps its cadence.
GAPS = {"WEEKLY": (6, 8), "BIWEEKLY": (13, 15), "SEMI_MONTHLY": (12, 19), "MONTHLY": (26, 35)}


def keeps_cadence(stream: dict[str, Any], dates: dict[str, str]) -> bool:
    """In a sparse history the emulator places only some of a stream's payments (a
    cancelled subscription planned last may get three scattered rows): no one could see a
    stream there, so it is not counted against detection."""
    days = sorted(date.fromisoformat(dates[t]) for t in stream["transaction_ids"])
    low, high = GAPS.get(stream["frequency"], (0, 10**6))
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    return len(days) >= 3 and sum(low <= g <= high for g in gaps) >= 0.75 * len(gaps)


def score(found: list[dict[str, Any]], truth: list[dict[str, Any]], dates: dict[str, str]) -> Score:
    """A found stream is a true one when most of its rows are the true stream's rows.
    `dates`: each transaction id's date."""
    true = [t for t in truth if t["kind"] not in NOT_BILLS and keeps_cadence(t, dates)]
    matched: set[str] = set()
    extra = []
    for stream in found:
        ids = set(stream["transaction_ids"])
        best = max(true, key=lambda t: len(ids & set(t["transaction_ids"])), default=None)
        if best is not None and len(ids & set(best["transaction_ids"])) * 2 > len(ids):
            matched.add(best["stream_id"])
        else:
            extra.append(f"{stream['description']} ({len(ids)} rows)")
    missed = [f"{t['kind']} {t['description']}" for t in true if t["stream_id"] not in matched]
    precision = (len(found) - len(extra)) / len(found) if found else 1.0
    recall = len(matched) / len(true) if true else 1.0
    return Score(precision, recall, missed, extra)
