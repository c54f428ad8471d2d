from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from pattern.audit import service
from pattern.audit.actions import AuditAction
from pattern.audit.schemas import AuditEventRead
from pattern.auth.deps import AdminUser, PathUser
from pattern.kit.deps import SessionDep
from pattern.kit.paging import PageQuery, with_total
from pattern.kit.schemas import MAX_ID

router = APIRouter(tags=["audit"])


@router.get("/users/{user_id}/audit", response_model=list[AuditEventRead])
async def user_audit_log(
    user: PathUser, page: PageQuery, response: Response, session: SessionDep
) -> list[AuditEventRead]:
    """Recent activity on an account (yours, or anyone's for an administrator): log-ins and
    failed ones, log-outs, password changes, banks linked and removed... Newest first,
    paged (limit, offset); the whole log's length in X-Total-Count."""
    rows, total = await service.user_log(session, user.id, limit=page.limit, offset=page.offset)
    return with_total(response, rows, total)


@router.get("/audit", response_model=list[AuditEventRead])
async def audit_log(
    _: AdminUser,
    page: PageQuery,
    response: Response,
    session: SessionDep,
    user_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="only what this user did or underwent")
    ] = None,
    action: Annotated[AuditAction | None, Query(description="only this action")] = None,
) -> list[AuditEventRead]:
    """The whole audit log (administrators), newest first, paged; filtered by a user and
    by an action. X-Total-Count: how many match."""
    rows, total = await service.everything(
        session, involving=user_id, action=action, limit=page.limit, offset=page.offset
    )
    return with_total(response, rows, total)
