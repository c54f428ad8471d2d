"""The stored streams, refreshed: detection over the person's rows, written with the data
version it read (pattern.recurring.detection finds them; the table recurring_streams keeps
them, so that a read never waits for the detection)."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.recurring import repository
from pattern.recurring.detection import Stream, add_months, detect_streams

# Two payments a year apart make an annual stream: read a little over two years.
LOOKBACK_MONTHS = 25
# Detection of a large history takes a while: off the event loop from this many rows on.
THREAD_FROM_ROWS = 2000


async def refresh(session: AsyncSession, user_id: int, today: date, *, force: bool = False) -> bool:
    """Detect the person's streams again and store them, unless streams from this data (or
    newer) are stored already (`force`: whatever is stored, as when an item's streams stop
    coming from Plaid). The caller commits. True when it stored them."""
    version = await repository.data_version(session, user_id)  # before the rows it stamps
    since = add_months(today, -LOOKBACK_MONTHS, day=1)
    rows = await repository.posted_rows(session, user_id, since)
    if len(rows) >= THREAD_FROM_ROWS:
        streams = await asyncio.to_thread(detect_streams, rows, today)
    else:
        streams = detect_streams(rows, today)
    stored = await repository.locked_recurring_version(session, user_id)
    if not force and stored is not None and stored >= version:
        return False  # another refresh stored these (or newer) meanwhile
    await repository.replace_streams(
        session, user_id, "detected", [_row(s, version) for s in streams]
    )
    await repository.set_recurring_version(session, user_id, version)
    return True


def _row(stream: Stream, version: int) -> dict[str, Any]:
    return {
        "account_id": stream.account_id,
        "stream_id": stream.stream_id,
        "plaid_stream_id": None,
        "direction": stream.direction,
        "description": stream.description[:512],
        "merchant_name": stream.merchant_name,
        "category": stream.category,
        "subcategory": stream.subcategory,
        "frequency": stream.frequency,
        "first_date": stream.first_date,
        "last_date": stream.last_date,
        "predicted_next_date": stream.predicted_next_date,
        "transaction_ids": json.dumps(stream.transaction_ids),
        "average_amount": stream.average_amount,
        "last_amount": stream.last_amount,
        "status": "MATURE",
        "data_version": version,
    }
