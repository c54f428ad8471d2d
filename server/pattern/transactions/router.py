from __future__ import annotations

from fastapi import APIRouter, Response

from pattern.auth.deps import PathUser
from pattern.deps import ContextDep, SessionDep
from pattern.items import service as items_service
from pattern.items.schemas import SyncReport
from pattern.pagination import Pagination
from pattern.transactions import service
from pattern.transactions.schemas import TransactionRead

router = APIRouter(tags=["transactions"])


@router.get("/users/{user_id}/transactions", response_model=list[TransactionRead])
async def user_transactions(
    user: PathUser, page: Pagination, response: Response, session: SessionDep
) -> list[TransactionRead]:
    """A user's transactions, newest first; the total is in X-Total-Count."""
    result = await service.list_transactions(
        session, service.Scope(user_id=user.id), limit=page.limit, offset=page.offset
    )
    response.headers["X-Total-Count"] = str(result.total)
    return result.rows


@router.post("/users/{user_id}/transactions/sync", response_model=list[SyncReport])
async def sync_user(user: PathUser, session: SessionDep, context: ContextDep) -> list[SyncReport]:
    """Sync all of a user's items, reporting each (SYNC_HAPPENED / SYNC_ERROR) and the end."""
    item_ids = [item.id for item in await items_service.list_items(session, user.id)]
    return await items_service.sync_user_items(context, user.id, item_ids)
