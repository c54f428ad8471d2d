"""Recurring streams found by Pattern against the emulator's ground truth."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Transfers between the person's own accounts are pairs, not bills (pattern.transfers).
NOT_BILLS = {"transfer", "credit_card_payment"}


@dataclass(frozen=True)
class Score:
    precision: float  # found streams that are true ones
    recall: float  # true streams found
    missed: list[str]
    extra: list[str]


def score(found: list[dict[str, Any]], truth: list[dict[str, Any]]) -> Score:
    """A found stream is a true one when most of its rows are the true stream's rows."""
    true = [t for t in truth if t["kind"] not in NOT_BILLS]
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
