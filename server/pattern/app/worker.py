"""`python -m pattern worker`: a process that only runs syncs.

It runs the sync requests that the servers record (pattern.sync.engine), and the periodic
sync, until SIGTERM or SIGINT; then it lets running passes finish their page and leaves
what is left recorded for the next start. Several workers and servers may share one
PostgreSQL database (docs/deployment.md, "Worker processes").
"""

from __future__ import annotations

import asyncio
import logging
import signal

from pattern.app.gc_tuning import keep_start_up_out_of_gc
from pattern.app.parts import Parts
from pattern.kit.config import Settings
from pattern.sync.periodic import sync_periodically

logger = logging.getLogger(__name__)


async def run_worker(settings: Settings) -> None:
    parts = Parts.build(settings.model_copy(update={"sync_in_server": True}))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    keep_start_up_out_of_gc()
    try:
        parts.sync.start()
        interval = settings.sync_interval_minutes * 60
        if interval:
            parts.background.spawn(sync_periodically(parts.sync, interval))
        logger.info("sync worker started (%d passes at once)", settings.sync_concurrency)
        await stop.wait()
        logger.info("sync worker stopping")
    finally:
        await parts.close()
