"""Periodic sync for setups Plaid's webhooks cannot reach (no public URL).

Picks items whose last sync is older than the interval and records a request for each, so
however many processes run this loop, each item is synced about once per interval (its one
row of sync requests and its lock do the rest).
"""

from __future__ import annotations

import asyncio
import logging

from pattern.sync.engine import SyncEngine

logger = logging.getLogger(__name__)


async def sync_periodically(engine: SyncEngine, interval_seconds: float) -> None:
    tick = min(interval_seconds, 60.0)
    while True:
        await asyncio.sleep(tick)
        try:
            due = await engine.items_due(interval_seconds)
            # An item whose syncs gave up stays so: the administrator sees it.
            await engine.request_many(due, "schedule", revive=False)
        except Exception:
            logger.exception("periodic sync could not request the items' syncs")
