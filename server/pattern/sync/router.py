from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends

from pattern.auth.deps import AdminUser
from pattern.kit.deps import provided
from pattern.sync.engine import SyncEngine
from pattern.sync.schemas import DeadSyncRequest, SyncRequestsRead

router = APIRouter(prefix="/sync-requests", tags=["sync"])

SyncDep = Annotated[SyncEngine, Depends(provided(SyncEngine))]


@router.get("", response_model=SyncRequestsRead)
async def sync_requests(_: AdminUser, sync: SyncDep) -> SyncRequestsRead:
    """How many item syncs wait to run, and the items whose syncs gave up after repeated
    failures (administrators)."""
    waiting, dead = await sync.waiting_requests(), await sync.dead_requests()
    return SyncRequestsRead(
        waiting=waiting, dead=[DeadSyncRequest(**asdict(request)) for request in dead]
    )
