"""Recurring streams and transfer pairs of an item, from its plan and its mutation log.

/transactions/recurring/get renders the streams in Plaid's shape; /emulator/items/truth
gives tests the same streams with their kind, and the transfer pairs.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from plaid_emulator.ids import stable_object_id
from plaid_emulator.ledger import Ledger
from plaid_emulator.synthetic import generator
from plaid_emulator.synthetic.plan import Stream

# Plaid reports a stream once it has two transactions (EARLY_DETECTION), MATURE from three.
MIN_TRANSACTIONS = 2
MATURE_TRANSACTIONS = 3
# Days past the expected date before a stream counts as stopped.
GRACE_DAYS = {"BIWEEKLY": 5, "SEMI_MONTHLY": 5, "MONTHLY": 7}


@dataclass(frozen=True)
class Found:
    """One stream as the item's transactions show it now."""

    stream: Stream
    stream_id: str
    keys: tuple[str, ...]  # oldest first
    dates: tuple[date, ...]
    cents: tuple[int, ...]
    is_active: bool
    predicted_next_date: date | None

    @property
    def status(self) -> str:
        if not self.is_active:
            return "TOMBSTONED"
        return "MATURE" if len(self.keys) >= MATURE_TRANSACTIONS else "EARLY_DETECTION"


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_date(frequency: str, last: date) -> date:
    if frequency == "BIWEEKLY":
        return last + timedelta(days=14)
    if frequency == "SEMI_MONTHLY":
        if last.day < 15:
            return last.replace(day=15)
        if last.day < 28:
            return last.replace(day=calendar.monthrange(last.year, last.month)[1])
        return _add_months(last.replace(day=1), 1).replace(day=15)
    return _add_months(last, 1)


def _cents(ledger: Ledger, key: str) -> int:
    core = ledger.core(ledger.content_key(key))
    mods = len(ledger.modified_at.get(key, ()))
    return generator.modified_cents(ledger.seed, key, core.amount_cents, mods)


def _keys(ledger: Ledger, stream: Stream) -> list[str]:
    keys = [f"b{i}" for i in stream.indices]
    keys += [e["key"] for e in ledger.events if e["op"] == "add" and e.get("stream") == stream.key]
    return sorted(
        (k for k in keys if ledger.is_live(k) and not ledger.is_pending(k)),
        key=lambda k: (ledger.date_of(k), ledger.added_seq(k)),
    )


def found_streams(ledger: Ledger, today: date) -> list[Found]:
    """The streams Plaid would report for the item today, in plan order."""
    found = []
    for stream in ledger.plan.streams:
        keys = _keys(ledger, stream)
        if len(keys) < MIN_TRANSACTIONS:
            continue
        dates = tuple(ledger.date_of(k) for k in keys)
        expected = next_date(stream.frequency, dates[-1])
        active = today <= expected + timedelta(days=GRACE_DAYS[stream.frequency])
        found.append(
            Found(
                stream,
                stable_object_id(ledger.seed, "stream", stream.key),
                tuple(keys),
                dates,
                tuple(_cents(ledger, k) for k in keys),
                active,
                expected if active else None,
            )
        )
    return found


def by_id(ledger: Ledger, today: date) -> dict[str, Found]:
    return {found.stream_id: found for found in found_streams(ledger, today)}


def _amount(cents: float) -> dict[str, Any]:
    return {
        "amount": round(cents / 100, 2),
        "iso_currency_code": "USD",
        "unofficial_currency_code": None,
    }


def stream_json(ledger: Ledger, found: Found, pfc_version: str | None) -> dict[str, Any]:
    """A TransactionStream as /transactions/recurring/get returns it."""
    m = found.stream.merchant
    return {
        "account_id": generator.account_id(ledger.seed, found.stream.slot),
        "stream_id": found.stream_id,
        "category": list(m.category),
        "category_id": m.category_id,
        "description": m.statement_name.replace("{n}", str(found.stream.store_number)),
        "merchant_name": m.merchant_name,
        "first_date": found.dates[0].isoformat(),
        "last_date": found.dates[-1].isoformat(),
        "predicted_next_date": (
            found.predicted_next_date.isoformat() if found.predicted_next_date else None
        ),
        "frequency": found.stream.frequency,
        "transaction_ids": [ledger.transaction_id(k) for k in found.keys],
        "average_amount": _amount(sum(found.cents) / len(found.cents)),
        "last_amount": _amount(found.cents[-1]),
        "is_active": found.is_active,
        "status": found.status,
        "personal_finance_category": {
            "primary": m.pfc_primary,
            "detailed": m.pfc_detailed,
            "confidence_level": m.confidence,
            **({"version": pfc_version} if pfc_version else {}),
        },
        "is_user_modified": False,
    }


def truth(ledger: Ledger, today: date) -> dict[str, Any]:
    """What the item's history holds by design: its streams (with their kind) and the
    transfer pairs between its own accounts that are still as generated."""
    streams = []
    for found in found_streams(ledger, today):
        shown = stream_json(ledger, found, None)
        streams.append(
            {
                "stream_id": found.stream_id,
                "direction": found.stream.direction,
                "kind": found.stream.kind,
                **{
                    name: shown[name]
                    for name in (
                        "merchant_name",
                        "description",
                        "frequency",
                        "status",
                        "is_active",
                        "account_id",
                        "transaction_ids",
                        "first_date",
                        "last_date",
                        "predicted_next_date",
                    )
                },
                "last_amount": shown["last_amount"]["amount"],
                "average_amount": shown["average_amount"]["amount"],
            }
        )
    transfers = []
    for pair in ledger.plan.pairs:
        out, into = f"b{pair.outflow}", f"b{pair.inflow}"
        # A removed or modified side no longer makes a pair of opposite amounts.
        if all(ledger.is_live(k) and k not in ledger.modified_at for k in (out, into)):
            transfers.append(
                {
                    "outflow_transaction_id": ledger.transaction_id(out),
                    "inflow_transaction_id": ledger.transaction_id(into),
                    "kind": pair.kind,
                }
            )
    return {"transfers": transfers, "streams": streams}
