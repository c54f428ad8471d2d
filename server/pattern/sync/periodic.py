"""Periodic sync for setups Plaid's webhooks cannot reach (no public URL).

Picks items whose last sync is older than the interval, so however many processes run
this loop, each item is synced about once per interval (the item lock does the rest).
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
            for item_id in await engine.items_due(interval_seconds):
                engine.request(item_id)
        except Exception:
            logger.exception("periodic sync could not list items")
