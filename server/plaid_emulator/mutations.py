"""Changes to an item's transactions: posting pending ones, refresh activity, test mutations.

Each function returns mutation-log events; the caller appends them to the item.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from plaid_emulator.ledger import Ledger
from plaid_emulator.state import ItemRecord, utcnow


def _new_key(item: ItemRecord) -> str:
    item.next_extra += 1
    return f"x{item.next_extra}"


def post_pending(
    item: ItemRecord, ledger: Ledger, today: date | None = None
) -> list[dict[str, Any]]:
    """Post every pending transaction as Plaid does: remove the pending one and add a
    posted one whose pending_transaction_id names it."""
    today = today or utcnow().date()
    events: list[dict[str, Any]] = []
    for key in ledger.pending_keys():
        pending_date = ledger.date_of(key)
        posted = min(today, pending_date + timedelta(days=1))
        events.append({"op": "remove", "key": key})
        events.append(
            {
                "op": "add",
                "key": f"p{key}",
                "date": posted.isoformat(),
                "pending": False,
                "of": key,
                "authorized_date": pending_date.isoformat(),
            }
        )
    return events


def add_transaction(item: ItemRecord, *, pending: bool, day: date | None = None) -> dict[str, Any]:
    day = day or utcnow().date()
    return {"op": "add", "key": _new_key(item), "date": day.isoformat(), "pending": pending}


def dynamic_refresh(item: ItemRecord, ledger: Ledger) -> list[dict[str, Any]]:
    """What user_transactions_dynamic does on each refresh: pending ones post, new ones
    arrive, a recent one is modified and another removed."""
    today = utcnow().date()
    events = post_pending(item, ledger, today)
    events.append(add_transaction(item, pending=True, day=today))
    events.append(add_transaction(item, pending=True, day=today))
    events.append(add_transaction(item, pending=False, day=today - timedelta(days=1)))
    rng = random.Random(f"{item.seed}:refresh:{item.version}")
    pending = set(ledger.pending_keys())
    recent = [
        k
        for k in (f"b{i}" for i in range(max(0, item.base_count - 60), item.base_count))
        # Planned ones (pay, bills, transfers) stay as planned: the ground truth holds.
        if ledger.is_live(k) and k not in pending and int(k[1:]) not in ledger.plan.cores
    ]
    if len(recent) >= 2:
        modified, removed = rng.sample(recent, 2)
        events.append({"op": "modify", "key": modified})
        events.append({"op": "remove", "key": removed})
    return events
